import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { TOPOLOGY } from '@import-comms/aws';
import { type PortsFile, readPortsFile } from '@import-comms/local';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const region = 'ap-southeast-2';
export const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

const PORT_VARIABLES = {
  dynamodb: 'IMPORT_COMMS_DYNAMODB_PORT',
  sqs: 'IMPORT_COMMS_SQS_PORT',
  sns: 'IMPORT_COMMS_SNS_PORT',
  ses: 'IMPORT_COMMS_SES_PORT',
  eventbridge: 'IMPORT_COMMS_EVENTBRIDGE_PORT',
  app: 'IMPORT_COMMS_APP_PORT',
  oidc: 'IMPORT_COMMS_OIDC_PORT',
  smtp: 'IMPORT_COMMS_SMTP_PORT',
} as const;

export type RuntimeService = keyof typeof PORT_VARIABLES;
export type RuntimePorts = Record<RuntimeService, number>;

function portsOf(file: PortsFile): RuntimePorts {
  return Object.fromEntries(
    Object.entries(file).map(([service, bound]) => [service, bound.port]),
  ) as RuntimePorts;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** A time zone where it is day now, so quiet hours hold no SMS back. */
export function daytimeZone(): string {
  const zones = [
    'UTC',
    'Asia/Tokyo',
    'Europe/London',
    'America/New_York',
    'Australia/Melbourne',
    'Asia/Kolkata',
  ];
  const hour = (zone: string) =>
    Number(
      new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hour12: false, timeZone: zone }).format(new Date()),
    );
  return zones.find((zone) => hour(zone) >= 10 && hour(zone) <= 18) ?? 'UTC';
}

export interface RuntimeProcess {
  child: ChildProcess;
  ports: RuntimePorts;
  url: (service: RuntimeService) => string;
  /** The last 64 KB the process printed. */
  output: () => string;
  exited: Promise<void>;
  stop: () => Promise<void>;
}

/**
 * `npm start`'s entry point (built) in its own process, until it prints that it is ready. Without `ports`
 * (which `--services-only` takes from its emulators), every port is the system's choice: the runtime binds
 * port 0 and writes what it holds to its ports file, read here.
 */
export async function startRuntimeProcess(
  options: { args?: string[]; env?: Record<string, string>; ports?: RuntimePorts } = {},
): Promise<RuntimeProcess> {
  const portsDir = mkdtempSync(path.join(tmpdir(), 'import-comms-bench-ports-'));
  const portsFile = path.join(portsDir, 'ports.json');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    IMPORT_COMMS_DEMO_HISTORY: 'false',
    IMPORT_COMMS_PORTS_FILE: portsFile,
    ...options.env,
  };
  for (const [key, variable] of Object.entries(PORT_VARIABLES))
    env[variable] = String(options.ports?.[key as RuntimeService] ?? 0);
  const child = spawn(
    process.execPath,
    [path.join(repoRoot, 'packages/local/dist/main.js'), ...(options.args ?? ['--in-memory'])],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Every routed event prints a line: keep draining, but keep only the tail.
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + String(chunk)).slice(-65_536);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      rmSync(portsDir, { recursive: true, force: true });
      resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`runtime did not start:\n${output}`)), 60_000);
    const check = () => {
      if (output.includes('Press Ctrl-C to stop')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    void exited.then(() => reject(new Error(`runtime exited early:\n${output}`)));
  });
  const ports = options.ports ?? portsOf(readPortsFile(portsFile));
  return {
    child,
    ports,
    url: (service) => `http://127.0.0.1:${ports[service]}`,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
    },
  };
}

export function eventBridgeClient(runtime: RuntimeProcess): EventBridgeClient {
  return new EventBridgeClient({ endpoint: runtime.url('eventbridge'), region, credentials });
}

export function sqsClient(runtime: RuntimeProcess): SQSClient {
  return new SQSClient({ endpoint: runtime.url('sqs'), region, credentials, useQueueUrlAsEndpoint: false });
}

/**
 * Publishes entries in requests of ten from `concurrency` workers, or — at `ratePerSecond` — one event per
 * request, evenly spaced, as a pipeline publishes its stage changes when they happen; records when each event
 * left in `publishedAt` (by event id).
 */
export async function publishAll(
  bus: EventBridgeClient,
  events: { entry: PutEventsRequestEntry; eventId: string }[],
  options: { publishedAt?: Map<string, number>; ratePerSecond?: number; concurrency?: number } = {},
): Promise<void> {
  const perRequest = options.ratePerSecond ? 1 : 10;
  const batches: (typeof events)[] = [];
  for (let start = 0; start < events.length; start += perRequest)
    batches.push(events.slice(start, start + perRequest));
  const began = Date.now();
  let next = 0;
  let sent = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++] ?? [];
      if (options.ratePerSecond) {
        const due = began + (sent / options.ratePerSecond) * 1000;
        if (due > Date.now()) await sleep(due - Date.now());
      }
      sent += batch.length;
      const now = Date.now();
      for (const item of batch) options.publishedAt?.set(item.eventId, now);
      const response = await bus.send(new PutEventsCommand({ Entries: batch.map((item) => item.entry) }));
      if (response.FailedEntryCount) throw new Error(`${response.FailedEntryCount} events refused`);
    }
  };
  const workers = options.ratePerSecond ? 1 : (options.concurrency ?? 4);
  await Promise.all(Array.from({ length: workers }, worker));
}

/**
 * Waits until every queue but the dead-letter queues is empty three checks in a row; the callbacks' queue too
 * when asked (delivery receipts keep arriving after the last send).
 */
export async function drained(sqs: SQSClient, options: { callbacks?: boolean } = {}): Promise<void> {
  const urls = await Promise.all(
    TOPOLOGY.queues
      .filter((queue) => options.callbacks || queue.id !== 'callback')
      .map(
        async (queue) => (await sqs.send(new GetQueueUrlCommand({ QueueName: queue.name }))).QueueUrl ?? '',
      ),
  );
  let quiet = 0;
  while (quiet < 3) {
    await sleep(500);
    const depths = await Promise.all(urls.map((url) => queueDepth(sqs, url)));
    quiet = depths.every((depth) => depth === 0) ? quiet + 1 : 0;
  }
}

/** Messages in a queue: visible, held by a consumer, or delayed (a send put off for the sending rate). */
export async function queueDepth(sqs: SQSClient, url: string): Promise<number> {
  const response = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  return (
    Number(response.Attributes?.ApproximateNumberOfMessages ?? 0) +
    Number(response.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0) +
    Number(response.Attributes?.ApproximateNumberOfMessagesDelayed ?? 0)
  );
}

/** A demo rep's API token from the runtime's local issuer (scripts sign in so; the UI through the provider). */
export async function tokenFor(runtime: RuntimeProcess, username = 'ava'): Promise<string> {
  const response = await fetch(`${runtime.url('app')}/auth/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}
