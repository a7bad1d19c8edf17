import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAdaptorServer } from '@hono/node-server';
import { createApi, createTokenVerifier } from '@import-comms/api';
import {
  DynamoCommunicationRepository,
  DynamoCustomerRepository,
  DynamoRateLimiter,
  DynamoSilenceWatchStore,
  DynamoTaskRepository,
  DynamoTemplateRepository,
} from '@import-comms/aws';
import {
  type DispatchQueue,
  LiquidTemplateEngine,
  SAMPLE_COMPANY,
  StaticRepDirectory,
  systemClock,
  TemplateService,
} from '@import-comms/core';
import { DEFAULT_SES_MAX_SEND_RATE, type RuntimeConfig } from '@import-comms/local';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';

/** The local runtime's settings for a benchmark's own DynamoDB, every port bound by the system. */
export function benchRuntimeConfig(tableName: string): RuntimeConfig {
  return {
    host: '127.0.0.1',
    ports: { dynamodb: 0, sqs: 0, sns: 0, ses: 0, eventbridge: 0, app: 0, oidc: 0, smtp: 0 },
    region: 'ap-southeast-2',
    tableName,
    seed: false,
    pollIntervalMs: 200,
    sesMaxSendRate: DEFAULT_SES_MAX_SEND_RATE,
    smsMaxSendRate: DEFAULT_SES_MAX_SEND_RATE,
  };
}

export interface BenchApi {
  /** `http://127.0.0.1:<port>/api` */
  base: string;
  /** A signed-in agent's bearer token (each simulated rep has their own, as their send quota is theirs). */
  tokenFor(username: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The HTTP API as it runs in AWS (token verified, queries validated, the table read), served on a socket over
 * the benchmark's DynamoDB. Tokens are signed with a key made for the run.
 */
export async function startBenchApi(
  documents: DynamoDBDocumentClient,
  tableName: string,
  options: { queue: DispatchQueue; sendsPerMinute?: number },
): Promise<BenchApi> {
  const templates = new DynamoTemplateRepository(documents, tableName);
  const customers = new DynamoCustomerRepository(documents, tableName);
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'ES256' };
  const api = createApi({
    deps: {
      communications: new DynamoCommunicationRepository(documents, tableName),
      customers,
      templates,
      tasks: new DynamoTaskRepository(documents, tableName),
      silence: new DynamoSilenceWatchStore(documents, tableName),
      templateService: new TemplateService({
        templates,
        engine: new LiquidTemplateEngine(),
        clock: systemClock,
        customers,
        company: SAMPLE_COMPANY,
      }),
      queue: options.queue,
      rateLimiter: new DynamoRateLimiter(documents, tableName),
      clock: systemClock,
      reps: new StaticRepDirectory([]),
    },
    verifyToken: createTokenVerifier({
      issuer: 'https://bench.local',
      audience: 'bench',
      keys: createLocalJWKSet({ keys: [jwk] }),
    }),
    ...(options.sendsPerMinute ? { limits: { sendsPerMinute: options.sendsPerMinute } } : {}),
    logger: {
      error: (message, details) => process.stderr.write(`${message} ${JSON.stringify(details)}\n`),
    },
  });
  const server = createAdaptorServer({ fetch: api.fetch }) as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`,
    tokenFor: (username) =>
      new SignJWT({ username, client_id: 'bench', 'cognito:groups': ['agent'] })
        .setProtectedHeader({ alg: 'ES256', kid: 'bench' })
        .setIssuer('https://bench.local')
        .setExpirationTime('1h')
        .sign(privateKey),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
