import { randomUUID } from 'node:crypto';
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { QueueDefinition } from '@import-comms/aws';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/** A Lambda handler fed by SQS, as the event source mapping calls it. */
export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

export interface PollerOptions {
  sqs: SQSClient;
  queue: QueueDefinition;
  queueUrl: string;
  queueArn: string;
  region: string;
  handler: SqsHandler;
  /**
   * How long a failed message stays invisible before it is retried. AWS waits for the queue's visibility
   * timeout; locally a short delay keeps the retry → DLQ path observable in seconds.
   */
  retryDelaySeconds: number;
  /** Function timeout given to the handler's context. */
  timeoutMs?: number;
  onError?: (message: string, error: unknown) => void;
  /** Told how long each invocation took (the cost benchmark prices Lambda by it). */
  onInvoked?: (handler: string, milliseconds: number) => void;
  /** Told when an invocation handled messages (what it wrote may be on someone's screen). */
  onHandled?: (handler: string) => void;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function toRecord(message: Message, options: PollerOptions): SQSRecord {
  const attributes = message.Attributes ?? {};
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attributes.ApproximateReceiveCount ?? '1',
      SentTimestamp: attributes.SentTimestamp ?? String(Date.now()),
      SenderId: attributes.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: attributes.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        {
          dataType: value.DataType ?? 'String',
          ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
        },
      ]),
    ),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: options.queueArn,
    awsRegion: options.region,
  };
}

function lambdaContext(functionName: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * Drives a handler the way the SQS event source mapping does: batches of up to `batchSize` gathered within
 * the batching window, up to `maxConcurrency` batches at once; successful messages are deleted, the ones in
 * `batchItemFailures` (or the whole batch when the handler throws) are left to be retried, and the queue's
 * redrive policy moves them to the DLQ after `maxReceiveCount` receives.
 */
export class SqsPoller {
  private running = false;
  private readonly loops: Promise<void>[] = [];

  constructor(private readonly options: PollerOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    for (let i = 0; i < this.options.queue.consumer.maxConcurrency; i++) this.loops.push(this.loop());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops.splice(0));
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        const batch = await this.receiveBatch();
        if (batch.length > 0) await this.invoke(batch);
      } catch (error) {
        if (!this.running) return;
        this.options.onError?.(`poller for ${this.options.queue.name} failed`, error);
        await pause(1000);
      }
    }
  }

  private async receiveBatch(): Promise<Message[]> {
    const { consumer } = this.options.queue;
    const batch: Message[] = [];
    const windowEnds = Date.now() + consumer.maxBatchingWindowSeconds * 1000;
    do {
      const response = await this.options.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.options.queueUrl,
          MaxNumberOfMessages: Math.min(10, consumer.batchSize - batch.length),
          // Short polls keep shutdown quick; an idle local queue costs nothing.
          WaitTimeSeconds: batch.length === 0 ? 1 : 0,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      batch.push(...(response.Messages ?? []));
      if ((response.Messages ?? []).length === 0 && batch.length > 0) await pause(50);
    } while (
      this.running &&
      batch.length > 0 &&
      batch.length < consumer.batchSize &&
      Date.now() < windowEnds
    );
    return batch;
  }

  private async invoke(batch: Message[]): Promise<void> {
    const records = batch.map((message) => toRecord(message, this.options));
    let failedIds: Set<string>;
    const started = performance.now();
    try {
      const result = await this.options.handler(
        { Records: records },
        lambdaContext(this.options.queue.consumer.handler, this.options.timeoutMs ?? 30_000),
      );
      failedIds = new Set((result?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    } catch (error) {
      this.options.onError?.(`${this.options.queue.consumer.handler} failed the whole batch`, error);
      failedIds = new Set(records.map((record) => record.messageId));
    }
    this.options.onInvoked?.(this.options.queue.consumer.handler, performance.now() - started);
    const succeeded = records.filter((record) => !failedIds.has(record.messageId));
    const failed = records.filter((record) => failedIds.has(record.messageId));
    if (succeeded.length > 0) this.options.onHandled?.(this.options.queue.consumer.handler);
    if (succeeded.length > 0) {
      await this.options.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: this.options.queueUrl,
          Entries: succeeded.map((record, index) => ({
            Id: String(index),
            ReceiptHandle: record.receiptHandle,
          })),
        }),
      );
    }
    if (failed.length > 0) {
      await this.options.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: this.options.queueUrl,
          Entries: failed.map((record, index) => ({
            Id: String(index),
            ReceiptHandle: record.receiptHandle,
            VisibilityTimeout: this.options.retryDelaySeconds,
          })),
        }),
      );
    }
  }
}
