import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { GetQueueUrlCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { createDynamoClient, queueById, TOPOLOGY } from '@import-comms/aws';
import type { BenchmarkResult } from './report.js';
import {
  daytimeZone,
  drained,
  eventBridgeClient,
  publishAll,
  queueDepth,
  type RuntimeProcess,
  region,
  sleep,
  sqsClient,
  startRuntimeProcess,
} from './runtime-process.js';

/** Events of the faulty run (each makes an email and an SMS) and of the crash run. */
const FAULTY_EVENTS = Number(process.env.BENCH_FAULT_EVENTS ?? 1_000);
const CRASH_EVENTS = Number(process.env.BENCH_CRASH_EVENTS ?? 500);
const MALFORMED_SHARE = 0.01;
const THROTTLE_RATE = 0.1;

type Entry = { entry: PutEventsRequestEntry; eventId: string };

/** The same shuffle every run. */
function shuffled<T>(items: T[], seed = 7): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** A run's customers: each has an email address and a phone of its own, so sends can be counted per customer. */
function person(run: string, i: number) {
  return {
    customerId: `FAULT-${run}-C${i}`,
    vehicleId: `FAULT-${run}-V${i}`,
    email: `fault-${run.toLowerCase()}-${i}@example.com`,
    phone: `+614${run === 'A' ? '2' : '3'}${String(i).padStart(7, '0')}`,
  };
}

function customerEntry(run: string, i: number, zone: string): Entry {
  const who = person(run, i);
  const eventId = `fault-${run}-customer-${i}`;
  return {
    eventId,
    entry: {
      EventBusName: TOPOLOGY.eventBusName,
      Source: 'import.crm',
      DetailType: 'Customer Upserted',
      Detail: JSON.stringify({
        schemaVersion: 1,
        eventId,
        customerId: who.customerId,
        firstName: 'Fault',
        lastName: `Run ${run}${i}`,
        email: who.email,
        phone: who.phone,
        language: 'en',
        timezone: zone,
        isNew: false,
        occurredAt: new Date().toISOString(),
      }),
    },
  };
}

function stageEntry(run: string, i: number, detail: Record<string, unknown> = {}): Entry {
  const who = person(run, i);
  const eventId = `fault-${run}-stage-${i}`;
  return {
    eventId,
    entry: {
      EventBusName: TOPOLOGY.eventBusName,
      Source: 'import.pipeline',
      DetailType: 'Import Stage Changed',
      Detail: JSON.stringify({
        schemaVersion: 1,
        eventId,
        vehicleId: who.vehicleId,
        customerId: who.customerId,
        fromStage: 'EXPORT_PREPARATION',
        toStage: 'SHIPPED',
        stageSequence: 6,
        occurredAt: new Date().toISOString(),
        ...detail,
      }),
    },
  };
}

/** Events that break their contract: a stage that does not exist, or a schema version nobody publishes. */
function malformedEntry(run: string, i: number): Entry {
  const broken = stageEntry(run, i, i % 2 === 0 ? { toStage: 'SAILING' } : { schemaVersion: 99 });
  const eventId = `fault-${run}-malformed-${i}`;
  const detail = { ...JSON.parse(broken.entry.Detail ?? '{}'), eventId };
  return { eventId, entry: { ...broken.entry, Detail: JSON.stringify(detail) } };
}

interface Sends {
  emails: Map<string, number>;
  sms: Map<string, number>;
}

/** Every email and SMS the emulators received, counted per address and per phone. */
async function sends(runtime: RuntimeProcess): Promise<Sends> {
  const store = (await (await fetch(`${runtime.url('ses')}/store`)).json()) as {
    emails: { destination: { to: string[] } }[];
  };
  const sms = (await (await fetch(`${runtime.url('sns')}/sms`)).json()) as { phoneNumber: string }[];
  const count = (values: string[]) => {
    const counts = new Map<string, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    return counts;
  };
  return {
    emails: count(store.emails.map((email) => email.destination.to[0] ?? '')),
    sms: count(sms.map((message) => message.phoneNumber)),
  };
}

/** Communications per customer of a run, and how many ended Sent or Delivered. */
async function communications(runtime: RuntimeProcess, run: string) {
  const dynamo = createDynamoClient({ endpoint: runtime.url('dynamodb'), region });
  const perCustomer = new Map<string, { total: number; sent: number }>();
  let start: Record<string, never> | undefined;
  try {
    do {
      const page = await dynamo.send(
        new ScanCommand({
          TableName: 'import-comms',
          FilterExpression: 'entity = :c AND begins_with(customerId, :run)',
          ExpressionAttributeValues: { ':c': { S: 'Communication' }, ':run': { S: `FAULT-${run}-` } },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        const customerId = item.customerId?.S ?? '';
        const entry = perCustomer.get(customerId) ?? { total: 0, sent: 0 };
        entry.total += 1;
        if (['Sent', 'Delivered'].includes(item.status?.S ?? '')) entry.sent += 1;
        perCustomer.set(customerId, entry);
      }
      start = page.LastEvaluatedKey as typeof start;
    } while (start);
  } finally {
    dynamo.destroy();
  }
  return perCustomer;
}

/** What the run's customers got: notifications sent exactly once, duplicates, and those missing. */
async function tally(runtime: RuntimeProcess, run: string, customers: number) {
  const sent = await sends(runtime);
  const stored = await communications(runtime, run);
  let once = 0;
  let duplicates = 0;
  let missing = 0;
  let unfinished = 0;
  for (let i = 0; i < customers; i += 1) {
    const who = person(run, i);
    for (const count of [sent.emails.get(who.email) ?? 0, sent.sms.get(who.phone) ?? 0]) {
      if (count === 1) once += 1;
      if (count === 0) missing += 1;
      duplicates += Math.max(0, count - 1);
    }
    const record = stored.get(who.customerId);
    // One communication per channel, both finished, whatever was redelivered.
    if (record?.total !== 2 || record.sent !== 2) unfinished += 1;
  }
  return { once, duplicates, missing, unfinished, expected: customers * 2 };
}

async function queueUrl(sqs: SQSClient, name: string): Promise<string> {
  return (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl ?? '';
}

/** Reads the whole trigger DLQ (each message once) and keeps the run's messages with their reason. */
async function deadLetters(sqs: SQSClient, run: string): Promise<{ eventId: string; reason?: string }[]> {
  const url = await queueUrl(sqs, queueById(TOPOLOGY, 'trigger').deadLetterQueueName);
  const found: { eventId: string; reason?: string }[] = [];
  for (;;) {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
        VisibilityTimeout: 300,
        WaitTimeSeconds: 1,
      }),
    );
    if (!received.Messages?.length) return found;
    for (const message of received.Messages) {
      const eventId = /"eventId":"([^"]+)"/.exec(message.Body ?? '')?.[1] ?? '';
      if (!eventId.startsWith(`fault-${run}-`)) continue;
      const reason = message.MessageAttributes?.reason?.StringValue;
      found.push({ eventId, ...(reason ? { reason } : {}) });
    }
  }
}

async function registerCustomers(
  emulators: RuntimeProcess,
  sqs: SQSClient,
  run: string,
  count: number,
  zone: string,
) {
  const bus = eventBridgeClient(emulators);
  try {
    await publishAll(
      bus,
      Array.from({ length: count }, (_, i) => customerEntry(run, i, zone)),
    );
    await drained(sqs);
  } finally {
    bus.destroy();
  }
}

/**
 * Duplicates, malformed events and provider throttling together, at scale: every valid event published two or
 * three times (shuffled), 1 % of events breaking their contract, 10 % of SES/SNS calls throttled.
 */
async function faultyRun(
  emulators: RuntimeProcess,
  sqs: SQSClient,
  zone: string,
): Promise<BenchmarkResult[]> {
  const services = await startRuntimeProcess({
    args: ['--services-only'],
    ports: emulators.ports,
    env: { IMPORT_COMMS_FAULT_THROTTLE_RATE: String(THROTTLE_RATE) },
  });
  const malformed = Math.round(FAULTY_EVENTS * MALFORMED_SHARE);
  let published = 0;
  const began = performance.now();
  try {
    await registerCustomers(emulators, sqs, 'A', FAULTY_EVENTS, zone);
    const entries: Entry[] = [];
    for (let i = 0; i < FAULTY_EVENTS; i += 1)
      for (let copy = 0; copy < 2 + (i % 2); copy += 1) entries.push(stageEntry('A', i));
    for (let i = 0; i < malformed; i += 1) entries.push(malformedEntry('A', i));
    published = entries.length;
    const bus = eventBridgeClient(emulators);
    try {
      await publishAll(bus, shuffled(entries));
    } finally {
      bus.destroy();
    }
    await drained(sqs);
  } finally {
    await services.stop();
  }
  const seconds = (performance.now() - began) / 1000;
  const throttling = /fault injection: (\d+) of (\d+) provider calls throttled/.exec(services.output());
  const counts = await tally(emulators, 'A', FAULTY_EVENTS);
  const dead = await deadLetters(sqs, 'A');
  const withReason = dead.filter((message) => message.reason && message.eventId.includes('-malformed-'));
  const validInDlq = dead.length - withReason.length;
  const otherDlqs = await Promise.all(
    (['email', 'sms'] as const).map(async (id) =>
      queueDepth(sqs, await queueUrl(sqs, queueById(TOPOLOGY, id).deadLetterQueueName)),
    ),
  );
  const reasons = [...new Set(withReason.map((message) => message.reason?.split(':').slice(0, 2).join(':')))];
  const sentOnce = counts.once === counts.expected && counts.duplicates === 0 && counts.unfinished === 0;
  return [
    {
      name: `Faults at scale: notifications sent exactly once (${FAULTY_EVENTS.toLocaleString('en')} events delivered 2–3 times, 1 % malformed, 10 % of SES/SNS calls throttled)`,
      figure: counts.once,
      unit: 'notifications',
      floorName: 'expected',
      floor: counts.expected,
      ratio: counts.once / counts.expected,
      goal: { ratio: 1, direction: 'exactly' },
      met: sentOnce && otherDlqs.every((depth) => depth === 0),
      notes: `${published} PutEvents entries in ${seconds.toFixed(0)} s; duplicate sends ${counts.duplicates}, missing ${counts.missing}, customers without exactly one finished communication per channel ${counts.unfinished}; email/SMS DLQs ${otherDlqs.join('/')} messages; ${throttling ? `${throttling[1]} of ${throttling[2]} SES/SNS calls throttled` : 'throttling count not reported'}.`,
    },
    {
      name: 'Faults at scale: malformed events in the trigger DLQ with their reason',
      figure: withReason.length,
      unit: 'events',
      floorName: 'published malformed',
      floor: malformed,
      ratio: withReason.length / malformed,
      goal: { ratio: 1, direction: 'exactly' },
      met: withReason.length === malformed && validInDlq === 0,
      notes: `valid events in the DLQ: ${validInDlq}; reasons: ${reasons.join(' | ')}.`,
    },
  ];
}

/** The functions killed (SIGKILL) a quarter into a run and started again: every accepted event completes. */
async function crashRun(emulators: RuntimeProcess, sqs: SQSClient, zone: string): Promise<BenchmarkResult> {
  const servicesEnv = { CLAIM_LEASE_SECONDS: '5' };
  let services = await startRuntimeProcess({
    args: ['--services-only'],
    ports: emulators.ports,
    env: servicesEnv,
  });
  await registerCustomers(emulators, sqs, 'B', CRASH_EVENTS, zone);
  const bus = eventBridgeClient(emulators);
  let sentBeforeCrash = 0;
  try {
    await publishAll(
      bus,
      Array.from({ length: CRASH_EVENTS }, (_, i) => stageEntry('B', i)),
    );
    const quarter = (CRASH_EVENTS * 2) / 4;
    const sentSoFar = async () => {
      const sent = await sends(emulators);
      let total = 0;
      for (let i = 0; i < CRASH_EVENTS; i += 1) {
        const who = person('B', i);
        total += (sent.emails.get(who.email) ?? 0) + (sent.sms.get(who.phone) ?? 0);
      }
      return total;
    };
    for (sentBeforeCrash = await sentSoFar(); sentBeforeCrash < quarter; sentBeforeCrash = await sentSoFar())
      await sleep(100);
    services.child.kill('SIGKILL');
    await services.exited;
    services = await startRuntimeProcess({
      args: ['--services-only'],
      ports: emulators.ports,
      env: servicesEnv,
    });
    await drained(sqs);
  } finally {
    bus.destroy();
    await services.stop();
  }
  const counts = await tally(emulators, 'B', CRASH_EVENTS);
  const completed = counts.expected - counts.missing;
  return {
    name: `Crash of the functions (SIGKILL) a quarter into ${CRASH_EVENTS.toLocaleString('en')} events, then restart: notifications completed`,
    figure: completed,
    unit: 'notifications',
    floorName: 'expected',
    floor: counts.expected,
    ratio: completed / counts.expected,
    goal: { ratio: 1, direction: 'exactly' },
    met: completed === counts.expected && counts.unfinished === 0,
    notes: `${sentBeforeCrash} sent before the kill; duplicate sends from the crash window: ${counts.duplicates} (allowed: the messages between a provider call and its Sent write, ADR 0011); customers without exactly one finished communication per channel: ${counts.unfinished}.`,
  };
}

/** The fault suite at benchmark scale, on durable emulators with the functions in a process of their own. */
export async function faultBenchmarks(): Promise<BenchmarkResult[]> {
  const emulators = await startRuntimeProcess({
    args: ['--in-memory', '--emulators-only'],
    // A message a killed function held returns within seconds; throttled ones are retried soon.
    env: { IMPORT_COMMS_VISIBILITY_TIMEOUT_SECONDS: '4' },
  });
  const sqs = sqsClient(emulators);
  try {
    const zone = daytimeZone();
    const faulty = await faultyRun(emulators, sqs, zone);
    const crash = await crashRun(emulators, sqs, zone);
    return [...faulty, crash];
  } finally {
    sqs.destroy();
    await emulators.stop();
  }
}
