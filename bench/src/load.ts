import { randomUUID } from 'node:crypto';
import { BatchGetCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  createDocumentClient,
  createDynamoClient,
  DynamoCommunicationRepository,
  DynamoCustomerRepository,
  DynamoRateLimiter,
  INDEXES,
  LOG_SHARDS,
} from '@import-comms/aws';
import { newOutboundMessage, systemClock } from '@import-comms/core';
import { startDynamo } from '@import-comms/local';
import { type BenchApi, benchRuntimeConfig, startBenchApi } from './bench-api.js';
import {
  customerIdOf,
  type DataSet,
  DENSE,
  loadCommunications,
  random,
  SPARSE,
  vehicleIdOf,
} from './communications-data.js';
import { type BenchmarkResult, ratioResult } from './report.js';
import { percentile } from './runtime-process.js';

/** What reps do, and how often, on the day's first hour: mostly reading, a send now and then. */
const MIX = [
  ['log first page', 0.3],
  ['customer history', 0.25],
  ['vehicle history', 0.15],
  ['log search', 0.15],
  ['dashboard', 0.1],
  ['send', 0.05],
] as const;
type Kind = (typeof MIX)[number][0];
const KINDS = MIX.map(([kind]) => kind);

const LEVELS = [1, 20, 50] as const;
const GOAL_LEVEL = 20;
const SECONDS = 5;
const ALONE_SECONDS = 3;
const LOG_PAGE = 50;
const HISTORY_PAGE = 25;
const SEARCH_WORD = 'customs';
/** Customers with a contact record, whom the simulated reps send to. */
const REACHABLE_CUSTOMERS = 40;

/** One request of a kind, answering when it is done; `worker` and `n` vary what it asks for. */
type Request = (worker: number, n: number) => Promise<void>;

interface Samples {
  latencies: Map<Kind, number[]>;
  seconds: number;
}

/** `concurrency` simulated reps, each choosing what to do next from the mix, for `seconds`. */
async function simulate(
  requests: Record<Kind, Request>,
  concurrency: number,
  seconds: number,
  kinds: readonly Kind[] = KINDS,
): Promise<Samples> {
  const latencies = new Map<Kind, number[]>(kinds.map((kind) => [kind, []]));
  const weights = MIX.filter(([kind]) => kinds.includes(kind));
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      const next = random(worker + 1);
      for (let n = 0; performance.now() < deadline; n++) {
        const kind = pickKind(weights, next() * total);
        const began = performance.now();
        await requests[kind](worker, n);
        latencies.get(kind)?.push(performance.now() - began);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

/** The kind whose share of the weights the roll falls in. */
function pickKind(weights: readonly (readonly [Kind, number])[], roll: number): Kind {
  let sum = 0;
  for (const [kind, weight] of weights) {
    sum += weight;
    if (roll < sum) return kind;
  }
  return weights[weights.length - 1]?.[0] as Kind;
}

const summary = (samples: Samples, kind: Kind) => {
  const values = samples.latencies.get(kind) ?? [];
  return {
    count: values.length,
    perSecond: values.length / samples.seconds,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
  };
};

/** The API requests of each kind, as the web UI makes them. */
function apiRequests(api: BenchApi, tokens: string[], set: DataSet): Record<Kind, Request> {
  const get = async (worker: number, path: string) => {
    const response = await fetch(`${api.base}${path}`, {
      headers: { authorization: `Bearer ${tokens[worker]}` },
    });
    if (response.status !== 200) throw new Error(`${path} → ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
  return {
    'log first page': (worker) => get(worker, `/communications?limit=${LOG_PAGE}`),
    'customer history': (worker, n) =>
      get(
        worker,
        `/customers/${customerIdOf((worker * 7919 + n) % set.customers)}/communications?limit=${HISTORY_PAGE}`,
      ),
    'vehicle history': (worker, n) =>
      get(
        worker,
        `/vehicles/${vehicleIdOf((worker * 7919 + n) % set.customers, n % set.vehiclesPerCustomer)}/communications?limit=${HISTORY_PAGE}`,
      ),
    'log search': (worker) => get(worker, `/communications?q=${SEARCH_WORD}&limit=${HISTORY_PAGE}`),
    dashboard: (worker) => get(worker, '/stats'),
    send: async (worker, n) => {
      const response = await fetch(`${api.base}/communications/send-email`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens[worker]}`,
          'content-type': 'application/json',
          'idempotency-key': `load-${worker}-${n}-${randomUUID()}`,
        },
        body: JSON.stringify({
          customerId: customerIdOf((worker + n) % REACHABLE_CUSTOMERS),
          subject: 'Your documents',
          content: 'We have received your documents. Nothing else is needed from you.',
        }),
      });
      if (response.status !== 202) throw new Error(`send → ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    },
  };
}

/**
 * The same reads and writes straight against the emulator, without HTTP, tokens, validation or JSON: the floor
 * each API request is measured against (the dashboard and the send through their adapters, which add nothing but
 * the calls themselves).
 */
function bareRequests(
  documents: DynamoDBDocumentClient,
  tableName: string,
  set: DataSet,
): Record<Kind, Request> {
  const communications = new DynamoCommunicationRepository(documents, tableName);
  const customers = new DynamoCustomerRepository(documents, tableName);
  const rateLimiter = new DynamoRateLimiter(documents, tableName);
  const query = (
    index: (typeof INDEXES)[keyof typeof INDEXES],
    partition: string,
    limit: number,
    q?: string,
  ) =>
    documents.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk',
        ...(q ? { FilterExpression: 'contains(searchText, :q)' } : {}),
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': partition, ...(q ? { ':q': q } : {}) },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
  const details = async (items: Record<string, unknown>[]) => {
    if (items.length === 0) return;
    await documents.send(
      new BatchGetCommand({
        RequestItems: { [tableName]: { Keys: items.map((item) => ({ PK: item.PK, SK: 'DETAILS' })) } },
      }),
    );
  };
  const log = async (limit: number, q?: string) => {
    const shards = await Promise.all(
      Array.from({ length: LOG_SHARDS }, (_, shard) => query(INDEXES.logTimeline, `LOG#${shard}`, limit, q)),
    );
    const newest = shards
      .flatMap((shard) => shard.Items ?? [])
      .sort((a, b) => String(b.timelineSortKey).localeCompare(String(a.timelineSortKey)))
      .slice(0, limit);
    await details(newest);
  };
  return {
    'log first page': () => log(LOG_PAGE),
    'customer history': async (worker, n) => {
      const page = await query(
        INDEXES.customerTimeline,
        `CUSTOMER#${customerIdOf((worker * 7919 + n) % set.customers)}`,
        HISTORY_PAGE,
      );
      await details(page.Items ?? []);
    },
    'vehicle history': async (worker, n) => {
      const vehicle = vehicleIdOf((worker * 7919 + n) % set.customers, n % set.vehiclesPerCustomer);
      const page = await query(INDEXES.vehicleTimeline, `VEHICLE#${vehicle}`, HISTORY_PAGE);
      await details(page.Items ?? []);
    },
    'log search': () => log(HISTORY_PAGE, SEARCH_WORD),
    dashboard: async () => {
      const today = new Date().toISOString().slice(0, 10);
      const from = new Date(Date.now() - 13 * 86_400_000).toISOString().slice(0, 10);
      await Promise.all([communications.countsByDay(from, today), communications.countScheduled(10_000)]);
    },
    send: async (worker, n) => {
      const now = new Date();
      const customerId = customerIdOf((worker + n) % REACHABLE_CUSTOMERS);
      await rateLimiter.consume(`send:bare-${worker}`, 1_000_000, 60, now);
      await Promise.all([customers.getContact(customerId), customers.getPreferences(customerId)]);
      await communications.create(
        newOutboundMessage(
          {
            communicationId: randomUUID(),
            customerId,
            channel: 'Email',
            category: 'transactional',
            address: 'customer@example.com',
            subject: 'Your documents',
            content: 'We have received your documents. Nothing else is needed from you.',
            createdBy: `bare-${worker}`,
          },
          now,
        ),
      );
    },
  };
}

/** Contacts for the customers reps send to (the data set holds communications only). */
async function addContacts(documents: DynamoDBDocumentClient, tableName: string): Promise<void> {
  const customers = new DynamoCustomerRepository(documents, tableName);
  const now = systemClock.now().toISOString();
  for (let index = 0; index < REACHABLE_CUSTOMERS; index++) {
    await customers.saveContact({
      customerId: customerIdOf(index),
      firstName: 'Customer',
      lastName: String(index),
      email: `customer-${index}@example.com`,
      language: 'en',
      timezone: 'UTC',
      asOf: now,
      updatedAt: now,
    });
  }
}

async function measureDataSet(label: string, set: DataSet): Promise<BenchmarkResult[]> {
  const tableName = `import-comms-load-${label}`;
  const dynamo = await startDynamo(benchRuntimeConfig(tableName));
  const client = createDynamoClient({
    endpoint: `http://127.0.0.1:${dynamo.port}`,
    region: 'ap-southeast-2',
  });
  const documents = createDocumentClient(client);
  // Queries DynamoDB answered: what a request costs in round trips.
  const calls = { queries: 0 };
  try {
    const loadSeconds = await loadCommunications(documents, tableName, set);
    await addContacts(documents, tableName);
    const api = await startBenchApi(createDocumentClient(client), tableName, {
      queue: { enqueue: async () => [] },
    });
    documents.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'QueryCommand') calls.queries++;
        return next(args);
      },
      { step: 'initialize', name: 'countQueries' },
    );
    try {
      const tokens = await Promise.all(
        Array.from({ length: Math.max(...LEVELS) }, (_, worker) => api.tokenFor(`rep-${worker}`)),
      );
      const viaApi = apiRequests(api, tokens, set);
      const bare = bareRequests(documents, tableName, set);
      await simulate(viaApi, 4, 1); // warm up: token keys, connections, code paths

      // Queries behind one log first page, counted through the repository the API uses.
      const counted = new DynamoCommunicationRepository(documents, tableName);
      const before = calls.queries;
      const pages = 20;
      let items = 0;
      for (let i = 0; i < pages; i++) items += (await counted.list({ limit: LOG_PAGE })).items.length;
      const queriesPerPage = (calls.queries - before) / pages;

      const mixes = new Map<number, Samples>();
      for (const level of LEVELS) mixes.set(level, await simulate(viaApi, level, SECONDS));
      const bareMix = await simulate(bare, GOAL_LEVEL, SECONDS);
      const alone = new Map<Kind, number>();
      for (const kind of KINDS)
        alone.set(kind, summary(await simulate(viaApi, GOAL_LEVEL, ALONE_SECONDS, [kind]), kind).perSecond);

      const name = `Load, ${label} data (${set.communications.toLocaleString('en')} communications over ${set.days} days)`;
      const atGoal = mixes.get(GOAL_LEVEL) as Samples;
      const results: BenchmarkResult[] = [
        ratioResult({
          name: `${name}: queries for the log's first page`,
          figure: queriesPerPage,
          unit: 'queries',
          floorName: 'bound',
          floor: 3,
          goal: { ratio: 1, direction: 'at-most' },
          notes: `${(items / pages).toFixed(1)} items a page of ${LOG_PAGE}, over ${pages} pages; data loaded in ${loadSeconds.toFixed(0)} s.`,
        }),
      ];
      for (const kind of KINDS) {
        const api20 = summary(atGoal, kind);
        const bare20 = summary(bareMix, kind);
        const levels = LEVELS.map((level) => {
          const figures = summary(mixes.get(level) as Samples, kind);
          return `${level} rep${level === 1 ? '' : 's'}: ${figures.perSecond.toFixed(0)} req/s, p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms`;
        });
        results.push(
          ratioResult({
            name: `${name}: ${kind}, p99 at ${GOAL_LEVEL} reps (HTTP API)`,
            figure: api20.p99,
            unit: 'ms',
            floorName: 'its bare emulator calls, p99',
            floor: bare20.p99,
            goal: { ratio: 1.5, direction: 'at-most' },
            notes: `in the mix — ${levels.join('; ')}. Bare at ${GOAL_LEVEL}: p50 ${bare20.p50.toFixed(1)} ms, p99 ${bare20.p99.toFixed(1)} ms. Alone at ${GOAL_LEVEL} reps: ${(alone.get(kind) ?? 0).toFixed(0)} req/s.`,
          }),
        );
      }
      const customerAlone = alone.get('customer history') ?? 0;
      const slowest = KINDS.reduce((worst, kind) =>
        (alone.get(kind) ?? 0) < (alone.get(worst) ?? 0) ? kind : worst,
      );
      results.push(
        ratioResult({
          name: `${name}: slowest request kind's throughput alone at ${GOAL_LEVEL} reps`,
          figure: alone.get(slowest) ?? 0,
          unit: 'req/s',
          floorName: 'customer history',
          floor: customerAlone,
          goal: { ratio: 0.5, direction: 'at-least' },
          notes: `the slowest is ${slowest}; ${KINDS.map((kind) => `${kind} ${(alone.get(kind) ?? 0).toFixed(0)}`).join(', ')} req/s.`,
        }),
      );
      return results;
    } finally {
      await api.close();
    }
  } finally {
    client.destroy();
    await dynamo.stop();
  }
}

/**
 * Simulated reps through the HTTP API — the log's first page, customer and vehicle history, a search, the
 * dashboard and a send now and then — at 1, 20 and 50 at once, over the 100k data set and over a sparse one.
 * Each request kind's p99 at 20 reps is measured against the p99 of the bare emulator calls it needs, run in the
 * same mix at the same concurrency; each kind's throughput alone against the customer history's.
 */
export async function loadBenchmarks(): Promise<BenchmarkResult[]> {
  return [...(await measureDataSet('sparse', SPARSE)), ...(await measureDataSet('dense', DENSE))];
}
