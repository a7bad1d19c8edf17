import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BatchWriteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createAdaptorServer } from '@hono/node-server';
import { createApi, createTokenVerifier } from '@import-comms/api';
import {
  communicationItems,
  createDocumentClient,
  createDynamoClient,
  DynamoCommunicationRepository,
  DynamoCustomerRepository,
  DynamoRateLimiter,
  DynamoTemplateRepository,
  INDEXES,
} from '@import-comms/aws';
import {
  type Communication,
  type CommunicationStatus,
  type CommunicationType,
  LiquidTemplateEngine,
  SAMPLE_COMPANY,
  systemClock,
  TemplateService,
} from '@import-comms/core';
import { DEFAULT_SES_MAX_SEND_RATE, type RuntimeConfig, startDynamo } from '@import-comms/local';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { type BenchmarkResult, ratioResult } from './report.js';
import { percentile } from './runtime-process.js';

const COMMUNICATIONS = 100_000;
const CUSTOMERS = 10_000;
const VEHICLES_PER_CUSTOMER = 2;
const DAYS = 90;
const REQUESTS = 1_000;
const PAGE = 25;
/** The bound for the first page of a history, on the local runtime. */
const TARGET_P99_MS = 20;
const TABLE = 'import-comms-bench';

/** A small deterministic generator, so every run stores the same data. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const TYPES: [CommunicationType, number][] = [
  ['Email', 0.5],
  ['SMS', 0.35],
  ['Call', 0.1],
  ['Meeting', 0.05],
];
const pick = <T>(weights: [T, number][], r: number): T => {
  let sum = 0;
  for (const [value, weight] of weights) {
    sum += weight;
    if (r < sum) return value;
  }
  return weights[weights.length - 1]?.[0] as T;
};

function generate(index: number, next: () => number, now: number): Communication {
  const customer = index % CUSTOMERS;
  const type = pick(TYPES, next());
  const createdAt = new Date(now - Math.floor(next() * DAYS * 86_400_000)).toISOString();
  const sent = type === 'Email' || type === 'SMS';
  const status: CommunicationStatus = sent ? (next() < 0.03 ? 'Failed' : 'Delivered') : 'Logged';
  const content = sent
    ? `Hi customer ${customer}, your vehicle has moved to a new stage. Track it on the portal. ${'Details follow. '.repeat(20)}`
    : `Call notes ${index}: discussed shipping and customs timing.`;
  return {
    communicationId: `bench${String(index).padStart(27, '0')}`,
    customerId: `CU-${customer}`,
    vehicleId: `VH-${customer}-${index % VEHICLES_PER_CUSTOMER}`,
    type,
    direction: sent ? 'outbound' : 'inbound',
    ...(type === 'Email' ? { subject: `Update ${index}` } : {}),
    content,
    status,
    statusHistory: [{ status, at: createdAt }],
    createdAt,
    createdBy: sent ? 'system:trigger-service' : 'ava',
    updatedAt: createdAt,
  };
}

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } };

async function load(documents: DynamoDBDocumentClient): Promise<number> {
  const next = random(42);
  const now = Date.now();
  const started = performance.now();
  const requests: WriteRequest[] = [];
  for (let index = 0; index < COMMUNICATIONS; index += 1) {
    const items = communicationItems(generate(index, next, now));
    for (const item of [items.details, items.content]) requests.push({ PutRequest: { Item: item } });
  }
  const batches: WriteRequest[][] = [];
  for (let start = 0; start < requests.length; start += 25) batches.push(requests.slice(start, start + 25));
  let cursor = 0;
  const worker = async () => {
    while (cursor < batches.length) {
      let batch = batches[cursor++] ?? [];
      while (batch.length > 0) {
        const response = await documents.send(new BatchWriteCommand({ RequestItems: { [TABLE]: batch } }));
        batch = (response.UnprocessedItems?.[TABLE] ?? []) as WriteRequest[];
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return (performance.now() - started) / 1000;
}

async function measure(
  run: (i: number) => Promise<number>,
): Promise<{ p50: number; p99: number; items: number }> {
  for (let i = 0; i < 50; i += 1) await run(i);
  const samples: number[] = [];
  let items = 0;
  for (let i = 0; i < REQUESTS; i += 1) {
    const started = performance.now();
    items += await run(i * 7919);
    samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), items: items / REQUESTS };
}

/**
 * First page of a customer's and a vehicle's history through the HTTP API (token verified, query validated,
 * timeline index + details read, JSON over a socket) with 100k communications stored in the local runtime's
 * DynamoDB, one request at a time. Against the bound of 20 ms at p99; the raw index query of the same
 * page is reported beside it.
 */
export async function historyBenchmarks(): Promise<BenchmarkResult[]> {
  const config: RuntimeConfig = {
    host: '127.0.0.1',
    ports: { dynamodb: 0, sqs: 0, sns: 0, ses: 0, eventbridge: 0, app: 0 },
    region: 'ap-southeast-2',
    tableName: TABLE,
    seed: false,
    pollIntervalMs: 200,
    sesMaxSendRate: DEFAULT_SES_MAX_SEND_RATE,
    smsMaxSendRate: DEFAULT_SES_MAX_SEND_RATE,
  };
  const dynamo = await startDynamo(config);
  const client = createDynamoClient({ endpoint: `http://127.0.0.1:${dynamo.port}`, region: config.region });
  const documents = createDocumentClient(client);
  try {
    const loadSeconds = await load(documents);
    // Items DynamoDB read for each request: what a query costs, against what it returns.
    const reads = { items: 0 };
    documents.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const output = result.output as { ScannedCount?: number; Responses?: Record<string, unknown[]> };
        reads.items += output.ScannedCount ?? 0;
        for (const items of Object.values(output.Responses ?? {})) reads.items += items.length;
        return result;
      },
      { step: 'initialize', name: 'countItemsRead' },
    );
    const templates = new DynamoTemplateRepository(documents, TABLE);
    const customers = new DynamoCustomerRepository(documents, TABLE);
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'ES256' };
    const api = createApi({
      deps: {
        communications: new DynamoCommunicationRepository(documents, TABLE),
        customers,
        templates,
        templateService: new TemplateService({
          templates,
          engine: new LiquidTemplateEngine(),
          clock: systemClock,
          customers,
          company: SAMPLE_COMPANY,
        }),
        queue: {
          enqueue: async () => {
            throw new Error('the history benchmark sends nothing');
          },
        },
        rateLimiter: new DynamoRateLimiter(documents, TABLE),
        clock: systemClock,
      },
      verifyToken: createTokenVerifier({
        issuer: 'https://bench.local',
        audience: 'bench',
        keys: createLocalJWKSet({ keys: [jwk] }),
      }),
      logger: {
        error: (message, details) => process.stderr.write(`${message} ${JSON.stringify(details)}\n`),
      },
    });
    const token = await new SignJWT({ username: 'ava', client_id: 'bench', 'cognito:groups': ['agent'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'bench' })
      .setIssuer('https://bench.local')
      .setExpirationTime('1h')
      .sign(privateKey);
    const server = createAdaptorServer({ fetch: api.fetch }) as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    const page = async (path: string) => {
      const response = await fetch(`${base}${path}?limit=${PAGE}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status !== 200) throw new Error(`${path} → ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { items: unknown[] }).items.length;
    };
    const rawQuery = async (index: string, key: string) => {
      const response = await documents.send(
        new QueryCommand({
          TableName: TABLE,
          IndexName: index,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: {
            '#pk': index === INDEXES.customerTimeline.name ? 'customerTimelineKey' : 'vehicleTimelineKey',
          },
          ExpressionAttributeValues: { ':pk': key },
          ScanIndexForward: false,
          Limit: PAGE,
        }),
      );
      return response.Items?.length ?? 0;
    };
    try {
      const customerApi = await measure((i) => page(`/customers/CU-${i % CUSTOMERS}/communications`));
      const customerRaw = await measure((i) =>
        rawQuery(INDEXES.customerTimeline.name, `CUSTOMER#CU-${i % CUSTOMERS}`),
      );
      const vehicleApi = await measure((i) =>
        page(`/vehicles/VH-${i % CUSTOMERS}-${i % VEHICLES_PER_CUSTOMER}/communications`),
      );
      const vehicleRaw = await measure((i) =>
        rawQuery(INDEXES.vehicleTimeline.name, `VEHICLE#VH-${i % CUSTOMERS}-${i % VEHICLES_PER_CUSTOMER}`),
      );
      const result = (what: string, apiFigures: typeof customerApi, raw: typeof customerRaw) =>
        ratioResult({
          name: `History of a ${what}, first page, p99 (HTTP API, ${COMMUNICATIONS / 1000}k stored)`,
          figure: apiFigures.p99,
          unit: 'ms',
          floorName: 'bound',
          floor: TARGET_P99_MS,
          goal: { ratio: 1, direction: 'at-most' },
          notes:
            `p50 ${apiFigures.p50.toFixed(2)} ms, ${apiFigures.items.toFixed(1)} items a page, ${REQUESTS} requests one at a time; ` +
            `the bare index query of the same page: p50 ${raw.p50.toFixed(2)} ms, p99 ${raw.p99.toFixed(2)} ms. ` +
            `${COMMUNICATIONS.toLocaleString('en')} communications of ${CUSTOMERS.toLocaleString('en')} customers over ${DAYS} days loaded in ${loadSeconds.toFixed(0)} s.`,
        });
      // Filters of the global log, with the items they read per item they return.
      const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
      const filtered = async (label: string, query: string, requests: number, indexed = true) => {
        const before = reads.items;
        let returned = 0;
        const samples: number[] = [];
        for (let i = 0; i < requests; i += 1) {
          const started = performance.now();
          const response = await fetch(`${base}/communications?${query}&limit=${PAGE}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          if (response.status !== 200)
            throw new Error(`${query} → ${response.status}: ${await response.text()}`);
          returned += ((await response.json()) as { items: unknown[] }).items.length;
          samples.push(performance.now() - started);
        }
        const readPerReturned = (reads.items - before) / Math.max(1, returned);
        return ratioResult({
          name: `Log filter: ${label}, items read per item returned`,
          figure: readPerReturned,
          unit: 'items',
          floorName: 'bound',
          floor: 5,
          goal: { ratio: 1, direction: indexed ? 'at-most' : 'reported' },
          notes: `p50 ${percentile(samples, 50).toFixed(1)} ms, p99 ${percentile(samples, 99).toFixed(1)} ms over ${requests} first pages; ${(returned / requests).toFixed(1)} items a page.${indexed ? '' : ' Not an indexed filter (the bound is for those): a substring scan of the day timeline; its scale path is a search index (ADR 0004).'}`,
        });
      };
      const filters = [
        await filtered('status=Failed, last 7 days', `status=Failed&from=${day(7)}`, 20),
        await filtered('type=SMS, today', `type=SMS&from=${day(0)}`, 20),
        await filtered('text "update 12", last 7 days', `q=update%2012&from=${day(7)}`, 20, false),
      ];
      return [
        result('customer', customerApi, customerRaw),
        result('vehicle', vehicleApi, vehicleRaw),
        ...filters,
      ];
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  } finally {
    client.destroy();
    await dynamo.stop();
  }
}
