import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { MessageFilter } from './filter.js';
import type { ResolvedDlq } from './queues.js';

export interface ReplayProgress {
  replayed: number;
  skipped: number;
  failed: number;
  /** Messages moved per second so far. */
  rate: number;
}

export interface ReplayOptions {
  filter: MessageFilter;
  max: number;
  /** Messages moved per second at most; unlimited when undefined. */
  ratePerSecond?: number | undefined;
  dryRun: boolean;
  onProgress?: (progress: ReplayProgress) => void;
  /** How long a received message stays hidden while it is moved; after a crash it reappears after this. */
  holdSeconds?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface ReplaySummary extends ReplayProgress {
  seconds: number;
  dryRun: boolean;
  /** Bodies that would be replayed (dry run) or were (up to 20, for the summary). */
  sample: string[];
}

/** Attributes this system sets on a message it dead-letters; a replayed message starts clean. */
const DEAD_LETTER_ATTRIBUTES = new Set(['reason', 'details', 'failedAt']);
/** Long enough for one batch to be sent and deleted; a crash makes the messages visible again after it. */
const DEFAULT_HOLD_SECONDS = 60;

function replayAttributes(message: Message, at: string): Record<string, MessageAttributeValue> {
  const kept = Object.entries(message.MessageAttributes ?? {}).filter(
    ([name]) => !DEAD_LETTER_ATTRIBUTES.has(name),
  );
  return {
    ...Object.fromEntries(kept),
    replayedAt: { DataType: 'String', StringValue: at },
    ...(message.MessageAttributes?.reason?.StringValue
      ? { replayedReason: { DataType: 'String', StringValue: message.MessageAttributes.reason.StringValue } }
      : {}),
  };
}

/**
 * Moves messages from a DLQ back to its source queue: each one is sent first and deleted from the DLQ only
 * after the send succeeded, so a crash can duplicate a message (the handlers are idempotent) but never lose
 * one. Messages the filter leaves, and those a dry run only looks at, are made visible again at the end.
 */
export async function replay(
  sqs: SQSClient,
  queues: ResolvedDlq,
  options: ReplayOptions,
): Promise<ReplaySummary> {
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const started = now();
  const seen = new Set<string>();
  const release: { Id: string; ReceiptHandle: string }[] = [];
  const sample: string[] = [];
  const progress: ReplayProgress = { replayed: 0, skipped: 0, failed: 0, rate: 0 };
  const report = () => {
    progress.rate = progress.replayed / Math.max(0.001, (now() - started) / 1000);
    options.onProgress?.({ ...progress });
  };

  try {
    while (progress.replayed < options.max) {
      const response = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queues.dlqUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          VisibilityTimeout: options.holdSeconds ?? DEFAULT_HOLD_SECONDS,
          MessageAttributeNames: ['All'],
        }),
      );
      const fresh = (response.Messages ?? []).filter((message) => {
        const id = message.MessageId ?? '';
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
      if (fresh.length === 0) break;
      const chosen: Message[] = [];
      for (const message of fresh) {
        const take = chosen.length + progress.replayed < options.max && options.filter(message.Body ?? '');
        if (take && !options.dryRun) chosen.push(message);
        else {
          if (take) {
            progress.replayed += 1;
            if (sample.length < 20) sample.push(message.Body ?? '');
          } else progress.skipped += 1;
          release.push({ Id: String(release.length), ReceiptHandle: message.ReceiptHandle ?? '' });
        }
      }
      if (chosen.length === 0) {
        report();
        continue;
      }
      if (options.ratePerSecond) {
        // Wait until moving this batch keeps the average at or under the rate.
        const due = started + ((progress.replayed + chosen.length) / options.ratePerSecond) * 1000;
        const wait = due - now();
        if (wait > 0) await sleep(wait);
      }
      const at = new Date(now()).toISOString();
      const sent = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queues.sourceUrl,
          Entries: chosen.map((message, index) => ({
            Id: String(index),
            MessageBody: message.Body ?? '',
            MessageAttributes: replayAttributes(message, at),
          })),
        }),
      );
      const delivered = new Set((sent.Successful ?? []).map((entry) => Number(entry.Id)));
      const toDelete = chosen.filter((_, index) => delivered.has(index));
      chosen.forEach((message, index) => {
        if (!delivered.has(index)) {
          progress.failed += 1;
          release.push({ Id: String(release.length), ReceiptHandle: message.ReceiptHandle ?? '' });
        }
      });
      if (toDelete.length > 0) {
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queues.dlqUrl,
            Entries: toDelete.map((message, index) => ({
              Id: String(index),
              ReceiptHandle: message.ReceiptHandle ?? '',
            })),
          }),
        );
      }
      progress.replayed += toDelete.length;
      for (const message of toDelete) if (sample.length < 20) sample.push(message.Body ?? '');
      report();
    }
  } finally {
    // What was looked at but not moved goes back at once, not after the hold.
    for (let start = 0; start < release.length; start += 10) {
      await sqs
        .send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: queues.dlqUrl,
            Entries: release.slice(start, start + 10).map((entry, index) => ({
              Id: String(index),
              ReceiptHandle: entry.ReceiptHandle,
              VisibilityTimeout: 0,
            })),
          }),
        )
        .catch(() => undefined);
    }
  }
  report();
  return { ...progress, seconds: (now() - started) / 1000, dryRun: options.dryRun, sample };
}
