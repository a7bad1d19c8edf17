import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import {
  createDocumentClient,
  createDynamoClient,
  DynamoCommunicationRepository,
  DynamoCustomerRepository,
  DynamoInboundStore,
  DynamoRateLimiter,
  DynamoSilenceWatchStore,
  DynamoTaskRepository,
  DynamoTemplateRepository,
  ensureTable,
} from '@import-comms/aws';
import {
  type Clock,
  type DispatchQueue,
  type DispatchRequest,
  LiquidTemplateEngine,
  type Role,
  SAMPLE_COMPANY,
  SAMPLE_CUSTOMER,
  SAMPLE_VEHICLE,
  StaticRepDirectory,
  seedDefaultTemplates,
  TemplateService,
} from '@import-comms/core';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { type ApiDependencies, type ApiLimits, createApi, createTokenVerifier } from '../../src/index.js';

export const ISSUER = 'https://issuer.test/pool';
export const AUDIENCE = 'test-client';

/** The queue port, recording what was enqueued; the SQS adapter itself is tested against fauxqs elsewhere. */
export class RecordingQueue implements DispatchQueue {
  readonly enqueued: DispatchRequest[] = [];
  async enqueue(requests: readonly DispatchRequest[]): Promise<DispatchRequest[]> {
    this.enqueued.push(...requests);
    return [];
  }
}

export interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test answers are inspected field by field
  body: any;
}

export interface RequestOptions {
  as?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export const USERS: Record<string, readonly Role[]> = {
  ava: ['agent'],
  sam: ['agent'],
  liam: ['approver'],
  mia: ['approver'],
  noor: ['admin'],
  nobody: [],
};

/** The bucket received mail is kept in, as a map (the S3 adapter is exercised against fauxqs end to end). */
export const mailBucket = new Map<string, Uint8Array>();

export interface Harness {
  baseUrl: string;
  deps: ApiDependencies;
  queue: RecordingQueue;
  clock: { now: () => Date; set: (iso: string) => void };
  token(
    username: string,
    claims?: Record<string, unknown>,
    options?: { issuer?: string; expiresIn?: string },
  ): Promise<string>;
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  stop(): Promise<void>;
}

/**
 * The API over real HTTP on a fresh table of the run's dynalite, with the default templates and the sample
 * customer seeded. Tokens are signed like Cognito's with a key made for the test.
 */
export async function startHarness(
  options: { now?: string; limits?: Partial<ApiLimits> } = {},
): Promise<Harness> {
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('TEST_DYNAMODB_ENDPOINT is not set: run through jest');
  const client = createDynamoClient({ endpoint });
  const tableName = `api-${randomUUID()}`;
  await ensureTable(client, tableName);
  const documents = createDocumentClient(client);

  let now = new Date(options.now ?? '2026-11-25T02:00:00.000Z');
  const clock: Clock & { set: (iso: string) => void } = {
    now: () => new Date(now),
    set: (iso) => {
      now = new Date(iso);
    },
  };
  const communications = new DynamoCommunicationRepository(documents, tableName, clock);
  const customers = new DynamoCustomerRepository(documents, tableName);
  const templates = new DynamoTemplateRepository(documents, tableName);
  const engine = new LiquidTemplateEngine();
  await seedDefaultTemplates(templates, engine, clock);
  await customers.saveContact({
    ...SAMPLE_CUSTOMER,
    asOf: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  });
  await customers.saveVehicleDetails({
    ...SAMPLE_VEHICLE,
    customerId: SAMPLE_CUSTOMER.customerId,
    asOf: '2026-01-01T00:00:00Z',
  });
  await customers.saveContact({
    customerId: 'CU-3003',
    firstName: 'Omar',
    lastName: 'Haddad',
    email: 'omar.haddad@example.com',
    phone: '+61400999888',
    language: 'en-AU',
    timezone: 'Australia/Perth',
    asOf: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  });
  await customers.saveVehicleDetails({
    vehicleId: 'VH-3003',
    customerId: 'CU-3003',
    make: 'Subaru',
    model: 'Forester',
    year: 2019,
    asOf: '2026-01-01T00:00:00Z',
  });

  const queue = new RecordingQueue();
  const deps: ApiDependencies = {
    communications,
    customers,
    templates,
    tasks: new DynamoTaskRepository(documents, tableName),
    silence: new DynamoSilenceWatchStore(documents, tableName),
    templateService: new TemplateService({ templates, engine, clock, customers, company: SAMPLE_COMPANY }),
    queue,
    rateLimiter: new DynamoRateLimiter(documents, tableName),
    inbound: new DynamoInboundStore(documents, tableName),
    mail: {
      read: async (bucket, key) => {
        const object = mailBucket.get(`${bucket}/${key}`);
        if (!object) throw new Error(`NoSuchKey: ${key}`);
        return object;
      },
    },
    clock,
    reps: new StaticRepDirectory(
      Object.entries(USERS).map(([id, roles]) => ({
        id,
        name: `${id[0]?.toUpperCase()}${id.slice(1)} Test`,
        roles: [...roles],
        active: id !== 'mia',
      })),
    ),
  };

  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256' };
  const errors: unknown[] = [];
  const api = createApi({
    deps,
    verifyToken: createTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      keys: createLocalJWKSet({ keys: [jwk] }),
    }),
    logger: { error: (_message, details) => errors.push(details) },
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const server = createAdaptorServer({ fetch: api.fetch }) as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const token: Harness['token'] = (username, claims = {}, tokenOptions = {}) =>
    new SignJWT({
      username,
      client_id: AUDIENCE,
      token_use: 'access',
      'cognito:groups': [...(USERS[username] ?? [])],
      ...claims,
    })
      .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
      .setIssuer(tokenOptions.issuer ?? ISSUER)
      .setIssuedAt()
      .setExpirationTime(tokenOptions.expiresIn ?? '1h')
      .sign(privateKey);

  const tokens = new Map<string, string>();
  const request: Harness['request'] = async (method, path, requestOptions = {}) => {
    const headers: Record<string, string> = { ...requestOptions.headers };
    const as = requestOptions.as === undefined ? 'ava' : requestOptions.as;
    if (as !== null) {
      const cached = tokens.get(as) ?? (await token(as));
      tokens.set(as, cached);
      headers.authorization ??= `Bearer ${cached}`;
    }
    let body: string | undefined = requestOptions.rawBody;
    if (requestOptions.body !== undefined) {
      body = JSON.stringify(requestOptions.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl}/api${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: leave the text for the assertion to show
    }
    if (response.status >= 500)
      throw new Error(`${method} ${path} → ${response.status}: ${text} ${JSON.stringify(errors)}`);
    return { status: response.status, headers: response.headers, body: parsed };
  };

  return {
    baseUrl,
    deps,
    queue,
    clock,
    token,
    request,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      client.destroy();
    },
  };
}
