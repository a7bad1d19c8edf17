import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import {
  CognitoRepDirectory,
  companyProfileOf,
  createLogger,
  createRepositories,
  S3MailBucket,
  SqsDispatchQueue,
  SqsQueueMonitor,
  TOPOLOGY,
} from '@import-comms/aws';
import { ROLES, StaticRepDirectory, systemClock, TemplateService } from '@import-comms/core';
import { loadTemplateEngine } from '@import-comms/core/load-engine';
import * as z from 'zod/mini';
import { type ApiApp, createApi } from './api.js';
import { readConfig } from './config.js';
import { createTokenVerifier, remoteKeys } from './http/identity.js';

/** The API wired to AWS (or the local emulators, through the SDK's endpoint variables); built once per container. */
export function createApiFromEnvironment(env: NodeJS.ProcessEnv = process.env): ApiApp {
  const config = readConfig(env);
  const { communications, customers, templates, tasks, silence, rateLimiter, inbound } = createRepositories(
    config.TABLE_NAME,
  );
  const company = companyProfileOf(config);
  const logger = createLogger({ serviceName: 'api' });
  const sqs = new SQSClient({});
  return createApi({
    deps: {
      communications,
      customers,
      templates,
      tasks,
      silence,
      templateService: new TemplateService({
        templates,
        // Reads never render: the engine (liquidjs) loads on the first preview or templated send.
        engine: loadTemplateEngine,
        clock: systemClock,
        customers,
        company,
      }),
      queue: new SqsDispatchQueue(sqs, { Email: config.EMAIL_QUEUE_URL, SMS: config.SMS_QUEUE_URL }),
      queues: new SqsQueueMonitor(sqs, TOPOLOGY.queues),
      rateLimiter,
      inbound,
      mail: new S3MailBucket(new S3Client({ forcePathStyle: true })),
      clock: systemClock,
      reps: config.USER_POOL_ID
        ? new CognitoRepDirectory(new CognitoIdentityProviderClient({}), config.USER_POOL_ID)
        : new StaticRepDirectory(repsFromJson(config.REPS_JSON)),
    },
    verifyToken: createTokenVerifier({
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
      keys: remoteKeys(
        config.AUTH_JWKS_URL ?? `${config.AUTH_ISSUER.replace(/\/+$/, '')}/.well-known/jwks.json`,
      ),
    }),
    logger,
    limits: { sendsPerMinute: config.SENDS_PER_USER_PER_MINUTE, maxBodyBytes: config.MAX_BODY_BYTES },
  });
}

const repsJson = z.array(
  z.object({
    id: z.string().check(z.minLength(1)),
    name: z.string().check(z.minLength(1)),
    roles: z.array(z.enum(ROLES)),
    active: z.boolean(),
  }),
);

/** The team given as JSON (the local runtime's demo users); none when not given. */
function repsFromJson(text: string | undefined) {
  return text ? repsJson.parse(JSON.parse(text)) : [];
}
