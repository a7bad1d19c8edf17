import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetQueueUrlCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { exampleOf } from '@import-comms/events';
import { type RuntimeProcess, startRuntimeProcess } from '../../local/tests/support/runtime-process.js';

const BIN = path.resolve(__dirname, '../bin/comms.js');
// Processes and real queues: slower than the default 5 s.
jest.setTimeout(60_000);
let runtime: RuntimeProcess;
let sqs: SQSClient;

beforeAll(async () => {
  // No services: replayed messages stay in their source queue, where the test counts them.
  runtime = await startRuntimeProcess({ args: ['--in-memory', '--emulators-only'] });
  sqs = new SQSClient({
    endpoint: runtime.endpoint('IMPORT_COMMS_SQS_PORT'),
    region: 'ap-southeast-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    useQueueUrlAsEndpoint: false,
  });
}, 90_000);

afterAll(async () => {
  sqs?.destroy();
  await runtime?.stop();
});

function comms(args: string[]): {
  child: ChildProcess;
  done: Promise<{ code: number | null; out: string; err: string }>;
} {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...runtime.ports } });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => {
    out += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    err += String(chunk);
  });
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, out, err })),
  );
  return { child, done };
}
const run = (...args: string[]) => comms(args).done;

const urlOf = async (name: string) =>
  (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl ?? '';

async function fill(queue: string, count: number, from = 0): Promise<void> {
  const url = await urlOf(queue);
  for (let start = 0; start < count; start += 10) {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: Array.from({ length: Math.min(10, count - start) }, (_, index) => {
          const n = from + start + index;
          return {
            Id: String(index),
            MessageBody: JSON.stringify({ n, group: n % 2 === 0 ? 'A' : 'B' }),
            MessageAttributes: { reason: { DataType: 'String', StringValue: `handler failed on ${n}` } },
          };
        }),
      }),
    );
  }
}

/** Takes every message off a queue (the consumer the test plays), returning their bodies. */
async function drain(queue: string): Promise<Message[]> {
  const url = await urlOf(queue);
  const all: Message[] = [];
  for (let empty = 0; empty < 2; ) {
    const response = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 300,
        WaitTimeSeconds: 0,
      }),
    );
    const messages = response.Messages ?? [];
    if (messages.length === 0) empty += 1;
    all.push(...messages);
  }
  return all;
}

const numbers = (messages: Message[]) =>
  messages.map((message) => JSON.parse(message.Body ?? '{}').n as number);

describe('comms dlq', () => {
  it('lists and peeks without consuming, then replays a filtered part at a rate, each message once', async () => {
    await fill('import-comms-email-dlq', 500);

    const listed = await run('dlq', 'list', '--json');
    expect(listed.code).toBe(0);
    const email = JSON.parse(listed.out).find((row: { queue: string }) => row.queue === 'email');
    expect(email).toMatchObject({
      deadLetterQueue: 'import-comms-email-dlq',
      messages: 500,
      oldestSeenSeconds: expect.any(Number),
    });

    const peeked = await run('dlq', 'peek', 'email', '-n', '5', '--json');
    const messages = JSON.parse(peeked.out);
    expect(messages).toHaveLength(5);
    expect(messages[0].reason).toMatch(/^handler failed on \d+$/);
    expect(JSON.parse((await run('dlq', 'list', '--json')).out)[1]).toMatchObject({ messages: 500 });

    const started = Date.now();
    const replayed = await run(
      'dlq',
      'replay',
      'email',
      '--filter',
      "$[?(@.group=='A')]",
      '--rate',
      '200',
      '--json',
    );
    const seconds = (Date.now() - started) / 1000;
    expect(replayed.code).toBe(0);
    expect(JSON.parse(replayed.out)).toMatchObject({ queue: 'email', replayed: 250, failed: 0 });
    // 250 messages at 200/s take at least a second (the rate is a cap, never exceeded).
    expect(seconds).toBeGreaterThanOrEqual(1);

    const moved = numbers(await drain('import-comms-email'));
    expect(moved.sort((a, b) => a - b)).toEqual(Array.from({ length: 250 }, (_, index) => index * 2));
    const left = numbers(await drain('import-comms-email-dlq'));
    expect(left.sort((a, b) => a - b)).toEqual(Array.from({ length: 250 }, (_, index) => index * 2 + 1));
  });

  it('loses nothing when a replay is killed midway and run again', async () => {
    await fill('import-comms-sms-dlq', 300);
    const interrupted = comms(['dlq', 'replay', 'sms', '--rate', '100', '--hold', '2']);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    interrupted.child.kill('SIGKILL');
    await interrupted.done;

    // What was in flight when it died becomes visible again after the hold; the next run finishes the job.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const finished = await run('dlq', 'replay', 'sms', '--json');
    expect(finished.code).toBe(0);

    const delivered = numbers(await drain('import-comms-sms'));
    const unique = new Set(delivered);
    expect([...unique].sort((a, b) => a - b)).toEqual(Array.from({ length: 300 }, (_, index) => index));
    // A crash between send and delete can duplicate at most the batch in flight.
    expect(delivered.length - unique.size).toBeLessThanOrEqual(10);
    const { messages: stillInDlq } = JSON.parse((await run('dlq', 'list', '--json')).out)[2];
    expect(stillInDlq + (await drain('import-comms-sms-dlq')).length).toBeLessThanOrEqual(10);
  });

  it('dry-runs without moving, and purges only with --yes', async () => {
    await fill('import-comms-callback-dlq', 20);
    const dry = await run('dlq', 'replay', 'callback', '--dry-run', '--json');
    expect(JSON.parse(dry.out)).toMatchObject({ replayed: 20, dryRun: true });
    expect(JSON.parse((await run('dlq', 'list', '--json')).out)[3]).toMatchObject({ messages: 20 });

    const refused = await run('dlq', 'purge', 'callback');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--yes');
    const purged = await run('dlq', 'purge', 'callback', '--yes');
    expect(purged.code).toBe(0);
    expect(JSON.parse((await run('dlq', 'list', '--json')).out)[3]).toMatchObject({ messages: 0 });
  });

  it('says in one line what is wrong', async () => {
    const unknown = await run('dlq', 'replay', 'nowhere');
    expect(unknown.code).toBe(2);
    expect(unknown.err.trim().split('\n')[0]).toBe(
      'no dead-letter queue "nowhere": one of trigger, email, sms, callback, inbound',
    );
    const badFilter = await run('dlq', 'replay', 'email', '--filter', '$[?(');
    expect(badFilter.code).toBe(2);
  });
});

describe('comms events publish', () => {
  it('publishes a file of events through the typed publisher, refusing invalid ones', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'comms-'));
    const good = path.join(dir, 'good.json');
    writeFileSync(good, JSON.stringify([exampleOf('payment-due.v1'), exampleOf('import-stage-changed.v1')]));
    const published = await run('events', 'publish', '--file', good, '--json');
    expect(published.code).toBe(0);
    expect(JSON.parse(published.out).map((result: { status: string }) => result.status)).toEqual([
      'published',
      'published',
    ]);
    const seen = (await (
      await fetch(`${runtime.endpoint('IMPORT_COMMS_EVENTBRIDGE_PORT')}/events`)
    ).json()) as unknown[];
    expect(JSON.stringify(seen)).toContain('Payment Due');

    const bad = path.join(dir, 'bad.json');
    const broken = exampleOf('payment-due.v1');
    writeFileSync(
      bad,
      JSON.stringify({ ...broken, Detail: { ...(broken.Detail as object), customerId: 42 } }),
    );
    const refused = await run('events', 'publish', '--file', bad);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('event #0: detail.customerId');
  });
});

describe('comms search reindex', () => {
  it('indexes what the table holds for search, and says how much', async () => {
    const first = await run('search', 'reindex', '--json');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.out);
    expect(summary.customers).toBeGreaterThanOrEqual(4);
    expect(summary.vehicles).toBeGreaterThanOrEqual(4);
    // Again: the same answer, nothing doubled or lost.
    expect(JSON.parse((await run('search', 'reindex', '--json')).out)).toEqual(summary);
    expect((await run('search', 'reindex', '--help')).out).toContain('comms search reindex');
  });
});

/** A document client on the runtime's DynamoDB, to arrange data of an earlier release. */
function runtimeDocuments(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: runtime.endpoint('IMPORT_COMMS_DYNAMODB_PORT'),
      region: 'ap-southeast-2',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
}

describe('comms stats move', () => {
  it('moves dashboard counters of the earlier layout once, however often it runs', async () => {
    const documents = runtimeDocuments();
    // A day's counters as a release before the monthly layout wrote them.
    await documents.send(
      new PutCommand({
        TableName: 'import-comms',
        Item: { PK: 'STATS#5', SK: 'DAY#2026-11-02', Email_Delivered: 7 },
      }),
    );

    const first = await run('stats', 'move', '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toEqual({ movedDays: 1 });
    const moved = await documents.send(
      new GetCommand({
        TableName: 'import-comms',
        Key: { PK: 'STATS#2026-11', SK: 'DAY#2026-11-02#legacy-5' },
      }),
    );
    expect(moved.Item).toMatchObject({ Email_Delivered: 7 });
    documents.destroy();
    expect(JSON.parse((await run('stats', 'move', '--json')).out)).toEqual({ movedDays: 0 });
    expect((await run('stats', 'move', '--help')).out).toContain('comms stats move');
  });
});

describe('comms log move', () => {
  it('moves the log entries of the sharded layout into its one partition once, however often it runs', async () => {
    const documents = runtimeDocuments();
    // A communication's CONTENT item as a release with three log shards wrote it.
    const Key = { PK: 'COMMUNICATION#cli-log-move', SK: 'CONTENT' };
    await documents.send(
      new PutCommand({
        TableName: 'import-comms',
        Item: { ...Key, logTimelineKey: 'LOG#2', timelineSortKey: '2026-11-02T09:00:00.000Z#cli-log-move' },
      }),
    );

    const first = await run('log', 'move', '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toEqual({ movedEntries: 1 });
    const moved = await documents.send(new GetCommand({ TableName: 'import-comms', Key }));
    expect(moved.Item).toMatchObject({ logTimelineKey: 'LOG' });
    await documents.send(new DeleteCommand({ TableName: 'import-comms', Key }));
    documents.destroy();
    expect(JSON.parse((await run('log', 'move', '--json')).out)).toEqual({ movedEntries: 0 });
    expect((await run('log', 'move', '--help')).out).toContain('comms log move');
  });
});

describe('comms seed and templates export/import', () => {
  it('seeds only what is missing, exports templates as files, and imports changes as drafts', async () => {
    const seeded = await run('seed', '--json');
    expect(seeded.code).toBe(0);
    expect(JSON.parse(seeded.out)).toMatchObject({ created: [] });
    expect(JSON.parse(seeded.out).existing).toHaveLength(18);

    const dir = mkdtempSync(path.join(tmpdir(), 'templates-'));
    const exported = await run('templates', 'export', '--dir', dir, '--json');
    expect(JSON.parse(exported.out).exported).toHaveLength(18);
    const sms = path.join(dir, 'status-update-sms');
    expect(JSON.parse(readFileSync(path.join(sms, 'template.json'), 'utf8'))).toMatchObject({
      templateId: 'status-update-sms',
      triggerEvent: 'import-stage-changed.v1',
      exportedVersions: { en: 1, zh: 2 },
    });
    expect(readFileSync(path.join(sms, 'en.liquid'), 'utf8')).toContain('{{ event.toStage | stage_label }}');
    expect(readFileSync(path.join(dir, 'welcome-email', 'en.subject.txt'), 'utf8')).not.toBe('');

    writeFileSync(
      path.join(sms, 'en.liquid'),
      '{{ company.name }}: {{ vehicle.description }} → {{ event.toStage | stage_label }}\n',
    );
    mkdirSync(path.join(dir, 'custom-sms'));
    writeFileSync(
      path.join(dir, 'custom-sms', 'template.json'),
      JSON.stringify({
        templateId: 'custom-sms',
        name: 'Custom (SMS)',
        type: 'SMS',
        category: 'transactional',
        defaultLocale: 'en',
        exportedVersions: {},
      }),
    );
    writeFileSync(path.join(dir, 'custom-sms', 'en.liquid'), 'Hi {{ customer.firstName }}\n');

    const imported = await run('templates', 'import', '--dir', dir, '--as', 'dana', '--json');
    expect(imported.code).toBe(0);
    const report = JSON.parse(imported.out);
    expect(report).toMatchObject({ created: ['custom-sms'], revised: ['status-update-sms'], failed: [] });
    expect(report.unchanged).toHaveLength(17);

    const again = await run('templates', 'import', '--dir', dir, '--json');
    expect(JSON.parse(again.out)).toMatchObject({ created: [], revised: [] });
  });
});
