import { readFileSync } from 'node:fs';
import {
  type AttributeValue,
  PutItemCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { createDynamoClient, TOPOLOGY } from '@import-comms/aws';
import type { MeterReading } from '@import-comms/local';
import { FUNCTION_MEMORY_GB, PRICES } from './prices.js';
import { type BenchmarkResult, ratioResult } from './report.js';
import {
  credentials,
  daytimeZone,
  drained,
  eventBridgeClient,
  percentile,
  publishAll,
  type RuntimeProcess,
  region,
  sqsClient,
  startRuntimeProcess,
} from './runtime-process.js';

/** The run is 5,000 events (BENCH_PIPELINE_EVENTS=5000); the default keeps `npm run bench` under 10 min. */
const EVENTS = Number(process.env.BENCH_PIPELINE_EVENTS ?? 2_000);
/** Events of the half-rate run: enough for a p99. */
const HALF_RATE_EVENTS = 300;
const CUSTOMERS = 500;

/** Peak resident memory of a process so far (Linux), in MB. */
function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

function eventsFor(count: number, offset: number, zone: string) {
  const entries: { entry: PutEventsRequestEntry; eventId: string }[] = [];
  const due = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  for (let i = offset; i < offset + count; i += 1) {
    const customerId = `BENCH-C${i % CUSTOMERS}`;
    const vehicleId = `BENCH-V${i}`;
    const occurredAt = new Date().toISOString();
    const kind = i % 5;
    let source = 'import.pipeline';
    let detailType = 'Import Stage Changed';
    let detail: Record<string, unknown>;
    const eventId = `bench-${i}`;
    if (kind <= 2) {
      const toStage = ['SHIPPED', 'ARRIVED_AT_PORT', 'CUSTOMS_CLEARED'][kind] as string;
      detail = {
        eventId,
        vehicleId,
        customerId,
        fromStage: 'PURCHASED',
        toStage,
        stageSequence: 6 + kind,
        occurredAt,
      };
    } else if (kind === 3) {
      source = 'import.finance';
      detailType = 'Payment Due';
      detail = {
        eventId,
        paymentId: `BENCH-P${i}`,
        customerId,
        vehicleId,
        kind: 'BALANCE',
        amountDue: { amount: 1000 + i, currency: 'AUD' },
        dueDate: due,
        occurredAt,
      };
    } else {
      source = 'import.logistics';
      detailType = 'Vessel ETA Updated';
      detail = {
        eventId,
        vehicleId,
        customerId,
        vesselName: 'Morning Celesta',
        voyageNumber: 'MC-118',
        portOfDischarge: 'Port of Melbourne',
        previousEta: '2026-12-14T08:00:00+11:00',
        eta: '2026-12-17T06:00:00+11:00',
        occurredAt,
      };
    }
    entries.push({
      eventId,
      entry: {
        EventBusName: TOPOLOGY.eventBusName,
        Source: source,
        DetailType: detailType,
        Detail: JSON.stringify({ schemaVersion: 1, ...detail }),
      },
    });
  }
  void zone;
  return entries;
}

interface Outcome {
  notSentReasons: Record<string, number>;
  sent: number;
  scheduled: number;
  notSent: number;
  latencies: number[];
  /** The same latency in its steps: publish → created (bus, trigger queue, trigger-service), created → claimed
   * (dispatch queue), claimed → Sent (the provider call and the status write). */
  steps: { created: number[]; claimed: number[]; sent: number[] };
  firstPublish: number;
  lastSent: number;
}

/** Reads back the communications the bench events made: statuses and publish → Sent latency. */
async function outcomes(runtime: RuntimeProcess, publishedAt: Map<string, number>): Promise<Outcome> {
  const dynamo = createDynamoClient({ endpoint: runtime.url('dynamodb'), region });
  const outcome: Outcome = {
    notSentReasons: {},
    sent: 0,
    scheduled: 0,
    notSent: 0,
    latencies: [],
    steps: { created: [], claimed: [], sent: [] },
    firstPublish: Infinity,
    lastSent: 0,
  };
  for (const at of publishedAt.values()) outcome.firstPublish = Math.min(outcome.firstPublish, at);
  // The trigger (which event made it) is on the CONTENT item, the status on DETAILS.
  const details: Record<string, AttributeValue>[] = [];
  const eventIds = new Map<string, string>();
  let start: Record<string, never> | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({
        TableName: 'import-comms',
        FilterExpression: 'begins_with(PK, :communication) AND begins_with(customerId, :bench)',
        ExpressionAttributeValues: { ':communication': { S: 'COMMUNICATION#' }, ':bench': { S: 'BENCH-' } },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      if (item.SK?.S === 'DETAILS') details.push(item);
      else eventIds.set(item.PK?.S ?? '', item.trigger?.M?.eventId?.S ?? '');
    }
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  for (const item of details) {
    const eventId = eventIds.get(item.PK?.S ?? '') ?? '';
    const published = publishedAt.get(eventId);
    if (published === undefined) continue;
    const status = item.status?.S ?? '';
    if (status === 'Scheduled') outcome.scheduled += 1;
    else if (status === 'NotSent') {
      outcome.notSent += 1;
      const reason = item.statusReason?.S ?? 'unknown';
      outcome.notSentReasons[reason] = (outcome.notSentReasons[reason] ?? 0) + 1;
    }
    const sentEntry = (item.statusHistory?.L ?? []).find((entry) => entry.M?.status?.S === 'Sent');
    if (sentEntry) {
      const at = Date.parse(sentEntry.M?.at?.S ?? '');
      outcome.sent += 1;
      outcome.latencies.push(at - published);
      const created = Date.parse(item.createdAt?.S ?? '');
      const claimed = Date.parse(
        (item.statusHistory?.L ?? []).find((entry) => entry.M?.status?.S === 'Sending')?.M?.at?.S ?? '',
      );
      outcome.steps.created.push(created - published);
      outcome.steps.claimed.push(claimed - created);
      outcome.steps.sent.push(at - claimed);
      outcome.lastSent = Math.max(outcome.lastSent, at);
    }
  }
  dynamo.destroy();
  return outcome;
}

const steps = (samples: number[]) =>
  `${percentile(samples, 50).toFixed(0)}/${percentile(samples, 99).toFixed(0)}`;

/** The least work one notification needs, done directly against the same emulators with the same concurrency. */
async function floorThroughput(
  runtime: RuntimeProcess,
  notifications: number,
  concurrency: number,
): Promise<number> {
  const dynamo = createDynamoClient({ endpoint: runtime.url('dynamodb'), region });
  const ses = new SESv2Client({ endpoint: runtime.url('ses'), region, credentials });
  const sns = new SNSClient({ endpoint: runtime.url('sns'), region, credentials });
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < notifications) {
      const i = next++;
      const id = `floor-${i}`;
      await dynamo.send(
        new PutItemCommand({
          TableName: 'import-comms',
          Item: { PK: { S: `FLOOR#${id}` }, SK: { S: 'DETAILS' }, status: { S: 'Pending' } },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      if (i % 2 === 0) {
        await ses.send(
          new SendEmailCommand({
            FromEmailAddress: 'floor@example.com',
            Destination: { ToAddresses: [`floor-${i}@example.com`] },
            Content: { Simple: { Subject: { Data: 'Floor' }, Body: { Text: { Data: 'Floor' } } } },
          }),
        );
      } else {
        await sns.send(new PublishCommand({ PhoneNumber: '+61400000001', Message: 'Floor' }));
      }
      await dynamo.send(
        new UpdateItemCommand({
          TableName: 'import-comms',
          Key: { PK: { S: `FLOOR#${id}` }, SK: { S: 'DETAILS' } },
          UpdateExpression: 'SET #s = :sent',
          ConditionExpression: '#s = :pending',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':sent': { S: 'Sent' }, ':pending': { S: 'Pending' } },
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  dynamo.destroy();
  ses.destroy();
  sns.destroy();
  return notifications / seconds;
}

/** Prices a metered run per million notifications sent (without SES and SNS fees). */
function costPerMillion(meter: MeterReading, notifications: number, events: number) {
  const calls = (prefix: string) =>
    Object.entries(meter.calls)
      .filter(([key]) => key.startsWith(prefix))
      .reduce((sum, [, count]) => sum + count, 0);
  const perMillion = 1_000_000 / notifications;
  const invocations = Object.values(meter.invocations).reduce((sum, entry) => sum + entry.count, 0);
  const gbSeconds =
    (Object.values(meter.invocations).reduce((sum, entry) => sum + entry.milliseconds, 0) / 1000) *
    FUNCTION_MEMORY_GB;
  // Business events in plus every PutEvents entry the functions published (status events).
  const statusEvents = calls('EventBridge.PutEvents');
  const breakdown = {
    eventBridge: ((events + statusEvents) * perMillion * PRICES.eventBridgePerMillionEvents) / 1_000_000,
    sqs: (calls('SQS.') * perMillion * PRICES.sqsPerMillionRequests) / 1_000_000,
    lambda:
      (invocations * perMillion * PRICES.lambdaPerMillionRequests) / 1_000_000 +
      gbSeconds * perMillion * PRICES.lambdaPerGbSecond,
    dynamoDbWrites:
      ((meter.dynamodb.writeUnits + meter.dynamodb.indexWriteUnits) *
        perMillion *
        PRICES.dynamoDbPerMillionWriteUnits) /
      1_000_000,
    dynamoDbReads: (meter.dynamodb.readUnits * perMillion * PRICES.dynamoDbPerMillionReadUnits) / 1_000_000,
  };
  const total = Object.values(breakdown).reduce((sum, value) => sum + value, 0);
  return {
    total,
    breakdown,
    perNotification: {
      writeUnits: meter.dynamodb.writeUnits / notifications,
      indexWriteUnits: meter.dynamodb.indexWriteUnits / notifications,
      indexWriteUnitsByIndex: Object.entries(meter.dynamodb.indexWriteUnitsByIndex)
        .sort((a, b) => b[1] - a[1])
        .map(([index, units]) => `${index} ${(units / notifications).toFixed(2)}`)
        .join(', '),
      writeUnitsByItem: Object.entries(meter.dynamodb.writeUnitsByItem)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([kind, units]) => `${kind} ${(units / notifications).toFixed(2)}`)
        .join(', '),
      readUnits: meter.dynamodb.readUnits / notifications,
      sqsRequests: calls('SQS.') / notifications,
    },
  };
}

/**
 * The pipeline end to end on the local runtime: mixed events (stage changes, payments due, ETA updates) published through PutEvents until every
 * communication they make is Sent — throughput and publish → Sent latency against a floor of the bare calls,
 * latency again at half the peak rate, cost per million notifications from the counted AWS calls, and the
 * runtime's peak memory.
 */
export async function pipelineBenchmarks(): Promise<BenchmarkResult[]> {
  const runtime = await startRuntimeProcess({ args: ['--in-memory'], env: { IMPORT_COMMS_METER: '1' } });
  const bus = eventBridgeClient(runtime);
  const sqs = sqsClient(runtime);
  try {
    const zone = daytimeZone();
    const customers: { entry: PutEventsRequestEntry; eventId: string }[] = Array.from(
      { length: CUSTOMERS },
      (_, i) => ({
        eventId: `bench-customer-${i}`,
        entry: {
          EventBusName: TOPOLOGY.eventBusName,
          Source: 'import.crm',
          DetailType: 'Customer Upserted',
          Detail: JSON.stringify({
            schemaVersion: 1,
            eventId: `bench-customer-${i}`,
            customerId: `BENCH-C${i}`,
            firstName: 'Bench',
            lastName: `Customer ${i}`,
            email: `bench-${i}@example.com`,
            phone: `+614${String(10_000_000 + i).slice(-8)}`,
            language: 'en',
            timezone: zone,
            isNew: false,
            occurredAt: new Date().toISOString(),
          }),
        },
      }),
    );
    await publishAll(bus, customers);
    await drained(sqs);
    // Vehicles are known before their events, as in production (the pipeline announces them first).
    const halfEvents = Math.min(HALF_RATE_EVENTS, EVENTS);
    const vehicles = Array.from({ length: EVENTS + halfEvents }, (_, i) => ({
      eventId: `bench-vehicle-${i}`,
      entry: {
        EventBusName: TOPOLOGY.eventBusName,
        Source: 'import.pipeline',
        DetailType: 'Vehicle Upserted',
        Detail: JSON.stringify({
          schemaVersion: 1,
          eventId: `bench-vehicle-${i}`,
          vehicleId: `BENCH-V${i}`,
          customerId: `BENCH-C${i % CUSTOMERS}`,
          make: 'Toyota',
          model: 'Land Cruiser 70',
          year: 2021,
          occurredAt: new Date().toISOString(),
        }),
      },
    }));
    await publishAll(bus, vehicles);
    await drained(sqs);
    await fetch(`${runtime.url('app')}/_local/meter`, { method: 'DELETE' });

    const publishedAt = new Map<string, number>();
    await publishAll(bus, eventsFor(EVENTS, 0, zone), { publishedAt });
    await drained(sqs);
    const peak = await outcomes(runtime, publishedAt);
    const meter = (await (await fetch(`${runtime.url('app')}/_local/meter`)).json()) as MeterReading;
    const seconds = (peak.lastSent - peak.firstPublish) / 1000;
    const throughput = peak.sent / seconds;
    const memory = peakRssMb(runtime.child.pid ?? 0);
    // The delivery receipts of the peak run must not compete with the half-rate run.
    await drained(sqs, { callbacks: true });

    // Half the peak rate, in events per second (each event makes about sent/EVENTS notifications).
    const halfRate = throughput / (peak.sent / EVENTS) / 2;
    const halfPublished = new Map<string, number>();
    await publishAll(bus, eventsFor(Math.min(HALF_RATE_EVENTS, EVENTS), EVENTS, zone), {
      publishedAt: halfPublished,
      ratePerSecond: halfRate,
    });
    await drained(sqs);
    const half = await outcomes(runtime, halfPublished);

    const concurrency = TOPOLOGY.queues.reduce((sum, queue) => sum + queue.consumer.maxConcurrency, 0);
    const floor = await floorThroughput(runtime, 2_000, concurrency);
    const cost = costPerMillion(meter, peak.sent, EVENTS);
    const topCalls = Object.entries(meter.calls)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([key, count]) => `${key} ${(count / peak.sent).toFixed(2)}`)
      .join(', ');

    return [
      ratioResult({
        name: `Pipeline throughput (${EVENTS.toLocaleString('en')} mixed events → Sent)`,
        figure: throughput,
        unit: 'notifications/s',
        floorName: 'bare put + send + update, same concurrency',
        floor,
        goal: { ratio: 0.6, direction: 'at-least' },
        notes: `${peak.sent} notifications sent in ${seconds.toFixed(1)} s (${peak.scheduled} scheduled for later, ${peak.notSent} not sent: ${JSON.stringify(peak.notSentReasons)}); publish → Sent p50 ${(percentile(peak.latencies, 50) / 1000).toFixed(2)} s, p99 ${(percentile(peak.latencies, 99) / 1000).toFixed(2)} s while saturated.`,
      }),
      ratioResult({
        name: 'Publish → Sent latency p99 at half the peak rate',
        figure: percentile(half.latencies, 99),
        unit: 'ms',
        floorName: 'bound',
        floor: 1_000,
        goal: { ratio: 1, direction: 'at-most' },
        notes: `${half.sent} notifications from ${Math.min(HALF_RATE_EVENTS, EVENTS)} events published one by one at ${halfRate.toFixed(0)} events/s, evenly spaced; p50 ${percentile(half.latencies, 50).toFixed(0)} ms. Its steps, p50/p99: publish → created ${steps(half.steps.created)}, created → claimed by a dispatcher ${steps(half.steps.claimed)}, claimed → Sent ${steps(half.steps.sent)} ms.`,
      }),
      ratioResult({
        name: 'Cost per million notifications (without SES/SNS fees)',
        figure: cost.total,
        unit: 'USD',
        floorName: 'bound',
        floor: 5,
        goal: { ratio: 1, direction: 'at-most' },
        notes: `EventBridge $${cost.breakdown.eventBridge.toFixed(2)}, SQS $${cost.breakdown.sqs.toFixed(2)}, Lambda $${cost.breakdown.lambda.toFixed(2)}, DynamoDB writes $${cost.breakdown.dynamoDbWrites.toFixed(2)} (${cost.perNotification.writeUnits.toFixed(1)} WRU each in the table — ${cost.perNotification.writeUnitsByItem} — and ${cost.perNotification.indexWriteUnits.toFixed(1)} in its indexes — ${cost.perNotification.indexWriteUnitsByIndex}), reads $${cost.breakdown.dynamoDbReads.toFixed(2)} (${cost.perNotification.readUnits.toFixed(1)} RRU each); calls per notification: ${topCalls}. Prices of ${PRICES.checkedOn} (bench/src/prices.ts); table capacity as dynalite reports it, index writes by AWS's rule from the items dynalite indexes.`,
      }),
      ratioResult({
        name: 'Peak memory of the local runtime during the pipeline run',
        figure: memory,
        unit: 'MB',
        floorName: 'bound',
        floor: 600,
        goal: { ratio: 1, direction: 'at-most' },
        notes: 'VmHWM of the runtime process (emulators, functions, pollers and API in one Node process).',
      }),
    ];
  } finally {
    bus.destroy();
    sqs.destroy();
    await runtime.stop();
  }
}
