import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { BatchGetCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  createDocumentClient,
  createDynamoClient,
  DynamoCommunicationRepository,
  DynamoCustomerRepository,
  DynamoRateLimiter,
  INDEXES,
} from '@import-comms/aws';
import { newOutboundMessage, systemClock } from '@import-comms/core';
import { startBenchApi } from './bench-api.js';
import {
  customerIdOf,
  type DataSet,
  DENSE,
  loadCommunications,
  SPARSE,
  vehicleIdOf,
} from './communications-data.js';
import { startDynamoProcess } from './dynamo-child.js';
import { collectGarbage } from './heap.js';
import {
  HISTORY_PAGE,
  KINDS,
  type Kind,
  LOG_PAGE,
  REACHABLE_CUSTOMERS,
  type Request,
  type Samples,
  SEARCH_WORD,
  simulate,
} from './load-mix.js';
import type { LoadWorkerTask } from './load-worker.js';
import { type BenchmarkResult, ratioResult } from './report.js';
import { percentile } from './runtime-process.js';

const LEVELS = [1, 20, 50] as const;
const GOAL_LEVEL = 20;
const SECONDS = 12;
const ALONE_SECONDS = 4;
const WARM_UP_SECONDS = 6;

/**
 * Runs of the API and of the bare calls at the goal's level, taken in turns. Three, not two: on the dense set the
 * first API run after loading 100,000 items stalled (p99 above a second for every kind but the dashboard in the
 * full run of 2026-12-02), which left a single run of the API to stand for the figure.
 */
const GOAL_ROUNDS = 3;

/** Of several runs, the one where `kind` fared best (lowest p99): the run a stall of the host disturbed least. */
const leastDisturbed = (runs: readonly Samples[], kind: Kind) =>
  runs.map((run) => summary(run, kind)).reduce((best, figures) => (figures.p99 < best.p99 ? figures : best));

const summary = (samples: Samples, kind: Kind) => {
  const values = samples.latencies[kind] ?? [];
  return {
    count: values.length,
    perSecond: values.length / samples.seconds,
    p50: percentile(values, 50),
    p99: percentile(values, 99),
  };
};

/** Simulated reps on their own thread, through the HTTP API. */
async function throughApi(
  task: Omit<LoadWorkerTask, 'kinds'> & { kinds?: readonly Kind[] },
): Promise<Samples> {
  const worker = new Worker(new URL('./load-worker.js', import.meta.url), {
    workerData: { ...task, kinds: [...(task.kinds ?? KINDS)] } satisfies LoadWorkerTask,
  });
  const [samples] = (await once(worker, 'message')) as [Samples];
  await worker.terminate();
  return samples;
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
  const query = (index: (typeof INDEXES)[keyof typeof INDEXES], partition: string, limit: number) =>
    documents.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk',
        ProjectionExpression: '#tablePk, #tableSk, #pk, #sk',
        ExpressionAttributeNames: {
          '#tablePk': 'PK',
          '#tableSk': 'SK',
          '#pk': index.partitionKey,
          '#sk': index.sortKey ?? 'SK',
        },
        ExpressionAttributeValues: { ':pk': partition },
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
  const customer = (worker: number, n: number) => (worker * 7919 + n) % set.customers;
  return {
    // What one page needs: the log's one partition read for a page, the entries' statuses read (ADR 0038).
    'log first page': async () => {
      const page = await query(INDEXES.logTimeline, 'LOG', LOG_PAGE);
      await details(page.Items ?? []);
    },
    'customer history': async (worker, n) => {
      const page = await query(
        INDEXES.customerTimeline,
        `CUSTOMER#${customerIdOf(customer(worker, n))}`,
        HISTORY_PAGE,
      );
      await details(page.Items ?? []);
    },
    'vehicle history': async (worker, n) => {
      const vehicle = vehicleIdOf(customer(worker, n), n % set.vehiclesPerCustomer);
      const page = await query(INDEXES.vehicleTimeline, `VEHICLE#${vehicle}`, HISTORY_PAGE);
      await details(page.Items ?? []);
    },
    // A word's postings (ADR 0022): one query of its partition for a page, newest first, then the statuses.
    'log search': async () => {
      const page = await documents.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'PK = :pk',
          FilterExpression: 'contains(searchText, :word)',
          ProjectionExpression: 'PK, SK, #ref',
          ExpressionAttributeNames: { '#ref': 'ref' },
          ExpressionAttributeValues: { ':pk': `SEARCH#MESSAGE#${SEARCH_WORD}`, ':word': ` ${SEARCH_WORD} ` },
          ScanIndexForward: false,
          Limit: HISTORY_PAGE,
        }),
      );
      await details((page.Items ?? []).map((item) => ({ PK: item.ref })));
    },
    // Read on every request: the API answers a range from a read at most 5 s old (ADR 0032), what reading costs.
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
  const dynamo = await startDynamoProcess(tableName);
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
    // A team's setting: the per-rep send limit is not what this measures.
    const api = await startBenchApi(createDocumentClient(client), tableName, {
      queue: { enqueue: async () => [] },
      sendsPerMinute: 100_000,
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
      const task = { base: api.base, tokens, set };
      const bare = bareRequests(documents, tableName, set);
      // Every measured run starts from collected heaps, here (the API and the bare calls) and in DynamoDB's process:
      // the garbage of loading the data, or of the run before, is then no run's pause (src/heap.ts).
      const settled = async <T>(run: () => Promise<T>): Promise<T> => {
        collectGarbage();
        await dynamo.collectGarbage();
        return run();
      };
      // Warm up both paths (compiled code, connections, caches): the first seconds run at half speed.
      await throughApi({ ...task, concurrency: GOAL_LEVEL, seconds: WARM_UP_SECONDS });
      await simulate(bare, GOAL_LEVEL, WARM_UP_SECONDS);

      // Queries behind one log first page, counted through the repository the API uses.
      const counted = new DynamoCommunicationRepository(documents, tableName);
      const before = calls.queries;
      const pages = 20;
      let items = 0;
      for (let i = 0; i < pages; i++) items += (await counted.list({ limit: LOG_PAGE })).items.length;
      const queriesPerPage = (calls.queries - before) / pages;

      // At the goal's level the API and its bare calls take turns, GOAL_ROUNDS times, and each side counts its least
      // disturbed run: a stall of the host (seen: 1.3 s in one bare run) must flatter neither side.
      const mixes = new Map<number, Samples>();
      const goalRuns: Samples[] = [];
      const bareRuns: Samples[] = [];
      for (const level of LEVELS) {
        if (level !== GOAL_LEVEL) {
          mixes.set(
            level,
            await settled(() => throughApi({ ...task, concurrency: level, seconds: SECONDS })),
          );
          continue;
        }
        for (let round = 0; round < GOAL_ROUNDS; round++) {
          goalRuns.push(await settled(() => throughApi({ ...task, concurrency: level, seconds: SECONDS })));
          bareRuns.push(await settled(() => simulate(bare, GOAL_LEVEL, SECONDS)));
        }
      }
      // Each kind alone, every kind once per round: its best round counts, the customer history's included.
      const alone = new Map<Kind, number>();
      for (let round = 0; round < GOAL_ROUNDS; round++) {
        for (const kind of KINDS) {
          const samples = await settled(() =>
            throughApi({ ...task, concurrency: GOAL_LEVEL, seconds: ALONE_SECONDS, kinds: [kind] }),
          );
          alone.set(kind, Math.max(alone.get(kind) ?? 0, summary(samples, kind).perSecond));
        }
      }

      const name = `Load, ${label} data (${set.communications.toLocaleString('en')} communications over ${set.days} days)`;
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
        const api20 = leastDisturbed(goalRuns, kind);
        const bare20 = leastDisturbed(bareRuns, kind);
        const levels = LEVELS.map((level) => {
          const figures = level === GOAL_LEVEL ? api20 : summary(mixes.get(level) as Samples, kind);
          return `${level} rep${level === 1 ? '' : 's'}: ${figures.perSecond.toFixed(0)} req/s, p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms`;
        });
        const p99s = (runs: Samples[]) => runs.map((run) => summary(run, kind).p99.toFixed(0)).join(', ');
        results.push(
          ratioResult({
            name: `${name}: ${kind}, p99 at ${GOAL_LEVEL} reps (HTTP API)`,
            figure: api20.p99,
            unit: 'ms',
            floorName: 'its bare emulator calls, p99',
            floor: bare20.p99,
            goal: { ratio: 1.5, direction: 'at-most' },
            notes: `in the mix — ${levels.join('; ')}. Bare at ${GOAL_LEVEL}: p50 ${bare20.p50.toFixed(1)} ms, p99 ${bare20.p99.toFixed(1)} ms. At ${GOAL_LEVEL}, the lowest p99 of ${GOAL_ROUNDS} runs in turns: API ${p99s(goalRuns)} ms, bare ${p99s(bareRuns)} ms. Alone at ${GOAL_LEVEL} reps, the best of ${GOAL_ROUNDS} rounds: ${(alone.get(kind) ?? 0).toFixed(0)} req/s.`,
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
 * DynamoDB runs in a process of its own and the reps on a thread of their own, as in AWS neither shares the API's
 * CPU. Each request kind's p99 at 20 reps is measured against the p99 of the bare emulator calls it needs, run in
 * the same mix at the same concurrency (three runs of each in turns, each side's least disturbed one counting); each
 * kind's throughput alone (the best of three rounds) against the customer history's.
 */
export async function loadBenchmarks(): Promise<BenchmarkResult[]> {
  return [...(await measureDataSet('sparse', SPARSE)), ...(await measureDataSet('dense', DENSE))];
}
