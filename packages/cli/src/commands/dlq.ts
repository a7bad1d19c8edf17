import { parseArgs } from 'node:util';
import {
  ChangeMessageVisibilityBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  PurgeQueueCommand,
  ReceiveMessageCommand,
} from '@aws-sdk/client-sqs';
import { TOPOLOGY } from '@import-comms/aws';
import { SingleBar } from 'cli-progress';
import { parseFilter } from '../dlq/filter.js';
import { resolveDlq } from '../dlq/queues.js';
import { replay } from '../dlq/replay.js';
import { CliError, type CliIo } from '../io.js';
import { connect, TARGET_OPTIONS, TARGET_USAGE, type Target, type TargetOptions } from '../target.js';

export const listUsage = `comms dlq list [--json]

Every dead-letter queue with its depth, messages in flight and the oldest message among those peeked.
${TARGET_USAGE}`;
export const peekUsage = `comms dlq peek <queue> [-n N] [--json]

Shows up to N (default 10) messages of a DLQ with their failure reason, without consuming them.
<queue> is the queue's id (trigger, email, sms, callback) or a queue name.`;
export const replayUsage = `comms dlq replay <queue> [--filter <text|jsonpath>] [--max N] [--rate N] [--dry-run] [--hold S] [--json]

Moves messages back to their source queue: each is sent first and deleted from the DLQ only after the send
succeeded, so an interrupted replay duplicates at most one batch (the handlers are idempotent) and loses
nothing; run it again to finish. --rate caps messages per second; --max caps how many; --filter keeps bodies
containing the text, or those a JSONPath selects ("$[?(@.detail.customerId=='CU-2001')]"). --hold sets how
long messages being moved stay hidden (default 60 s): after a crash they reappear then.`;
export const purgeUsage = `comms dlq purge <queue> --yes

Deletes every message of a DLQ, for good. Asks for --yes.`;

function target(values: TargetOptions): Target {
  return connect(values);
}

async function counts(target: Target, url: string) {
  const response = await target.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return {
    waiting: Number(response.Attributes?.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(response.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0),
  };
}

/** Receives up to `limit` distinct messages and makes them visible again: a look, not a take. */
async function peekMessages(target: Target, url: string, limit: number): Promise<Message[]> {
  const found = new Map<string, Message>();
  for (let round = 0; round < Math.ceil(limit / 10) + 2 && found.size < limit; round += 1) {
    const response = await target.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: Math.min(10, limit - found.size),
        VisibilityTimeout: 30,
        WaitTimeSeconds: 0,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount'],
      }),
    );
    const messages = response.Messages ?? [];
    if (messages.length === 0) break;
    for (const message of messages) found.set(message.MessageId ?? '', message);
  }
  const all = [...found.values()];
  for (let start = 0; start < all.length; start += 10) {
    await target.sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: url,
        Entries: all.slice(start, start + 10).map((message, index) => ({
          Id: String(index),
          ReceiptHandle: message.ReceiptHandle ?? '',
          VisibilityTimeout: 0,
        })),
      }),
    );
  }
  return all;
}

const age = (sentTimestamp: string | undefined) => {
  if (!sentTimestamp) return undefined;
  return Math.max(0, Math.round((Date.now() - Number(sentTimestamp)) / 1000));
};

const duration = (seconds: number | undefined) => {
  if (seconds === undefined) return '—';
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
};

export async function dlqList(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: TARGET_OPTIONS, strict: true });
  if (values.help) {
    io.stdout(`${listUsage}\n`);
    return 0;
  }
  const client = target(values);
  const rows = [];
  for (const queue of TOPOLOGY.queues) {
    const { dlqUrl } = await resolveDlq(client, queue.id);
    const depth = await counts(client, dlqUrl);
    const peeked = depth.waiting > 0 ? await peekMessages(client, dlqUrl, 10) : [];
    const ages = peeked
      .map((message) => age(message.Attributes?.SentTimestamp))
      .filter((value) => value !== undefined);
    rows.push({
      queue: queue.id,
      deadLetterQueue: queue.deadLetterQueueName,
      messages: depth.waiting,
      inFlight: depth.inFlight,
      oldestSeenSeconds: ages.length > 0 ? Math.max(...(ages as number[])) : null,
    });
  }
  if (values.json) {
    io.stdout(`${JSON.stringify(rows)}\n`);
    return 0;
  }
  io.stdout(`${'DLQ'.padEnd(28)}${'messages'.padStart(10)}${'in flight'.padStart(11)}   oldest seen\n`);
  for (const row of rows) {
    io.stdout(
      `${row.deadLetterQueue.padEnd(28)}${String(row.messages).padStart(10)}${String(row.inFlight).padStart(11)}   ${duration(row.oldestSeenSeconds ?? undefined)}\n`,
    );
  }
  return 0;
}

export async function dlqPeek(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...TARGET_OPTIONS, n: { type: 'string', short: 'n' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout(`${peekUsage}\n`);
    return 0;
  }
  const [name] = positionals;
  if (!name) throw new CliError(`missing <queue>\n\n${peekUsage}`, 2);
  const limit = values.n === undefined ? 10 : Number(values.n);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new CliError('-n must be 1–1000', 2);
  const client = target(values);
  const { dlqUrl } = await resolveDlq(client, name);
  const messages = (await peekMessages(client, dlqUrl, limit)).map((message) => ({
    messageId: message.MessageId,
    reason: message.MessageAttributes?.reason?.StringValue ?? null,
    failedAt: message.MessageAttributes?.failedAt?.StringValue ?? null,
    receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
    body: message.Body ?? '',
  }));
  if (values.json) {
    io.stdout(`${JSON.stringify(messages)}\n`);
    return 0;
  }
  if (messages.length === 0) io.stdout('the dead-letter queue is empty\n');
  for (const message of messages) {
    io.stdout(
      `${message.messageId}  ${message.failedAt ?? ''}\n  reason: ${message.reason ?? 'not recorded (moved after too many failed receives: see the function logs)'}\n  body:   ${message.body.length > 400 ? `${message.body.slice(0, 400)}…` : message.body}\n`,
    );
  }
  return 0;
}

export async function dlqReplay(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      ...TARGET_OPTIONS,
      filter: { type: 'string' },
      max: { type: 'string' },
      rate: { type: 'string' },
      'dry-run': { type: 'boolean' },
      hold: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout(`${replayUsage}\n`);
    return 0;
  }
  const [name] = positionals;
  if (!name) throw new CliError(`missing <queue>\n\n${replayUsage}`, 2);
  const max = values.max === undefined ? Number.POSITIVE_INFINITY : Number(values.max);
  if (!(max > 0)) throw new CliError('--max must be a positive number', 2);
  const rate = values.rate === undefined ? undefined : Number(values.rate.replace(/\/s$/, ''));
  if (rate !== undefined && !(rate > 0))
    throw new CliError('--rate must be a positive number of messages per second', 2);
  const hold = values.hold === undefined ? undefined : Number(values.hold);
  if (hold !== undefined && !(Number.isInteger(hold) && hold >= 1 && hold <= 43_200))
    throw new CliError('--hold must be 1–43200 seconds', 2);
  const filter = parseFilter(values.filter);
  const client = target(values);
  const queues = await resolveDlq(client, name);
  const bar =
    values.json || !process.stderr.isTTY
      ? undefined
      : new SingleBar({
          stream: process.stderr,
          format: ' replaying {bar} {value} moved · {skipped} skipped · {failed} failed · {rate}/s',
          hideCursor: true,
        });
  bar?.start(Number.isFinite(max) ? max : 0, 0, { skipped: 0, failed: 0, rate: '0.0' });
  const summary = await replay(client.sqs, queues, {
    filter,
    max,
    ratePerSecond: rate,
    dryRun: values['dry-run'] ?? false,
    ...(hold ? { holdSeconds: hold } : {}),
    onProgress: (progress) => {
      bar?.update(progress.replayed, {
        skipped: progress.skipped,
        failed: progress.failed,
        rate: progress.rate.toFixed(1),
      });
      if (!bar && !values.json) {
        io.stderr(`replayed ${progress.replayed}, skipped ${progress.skipped}, failed ${progress.failed}\n`);
      }
    },
  });
  bar?.stop();
  if (values.json) {
    io.stdout(`${JSON.stringify({ queue: queues.definition.id, ...summary })}\n`);
  } else {
    const verb = summary.dryRun ? 'would move' : 'moved';
    io.stdout(
      `${verb} ${summary.replayed} message(s) from ${queues.definition.deadLetterQueueName} to ${queues.definition.name} in ${summary.seconds.toFixed(1)} s (${summary.rate.toFixed(1)}/s); ${summary.skipped} left by the filter; ${summary.failed} failed to send and stay in the DLQ\n`,
    );
  }
  return summary.failed > 0 ? 1 : 0;
}

export async function dlqPurge(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { ...TARGET_OPTIONS, yes: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout(`${purgeUsage}\n`);
    return 0;
  }
  const [name] = positionals;
  if (!name) throw new CliError(`missing <queue>\n\n${purgeUsage}`, 2);
  if (!values.yes) throw new CliError('purging deletes every message for good: add --yes to confirm', 2);
  const client = target(values);
  const { dlqUrl, definition } = await resolveDlq(client, name);
  const before = await counts(client, dlqUrl);
  await client.sqs.send(new PurgeQueueCommand({ QueueUrl: dlqUrl }));
  io.stdout(
    values.json
      ? `${JSON.stringify({ queue: definition.id, purged: before.waiting })}\n`
      : `purged ${definition.deadLetterQueueName} (${before.waiting} message(s))\n`,
  );
  return 0;
}
