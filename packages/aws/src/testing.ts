import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context, SQSEvent } from 'aws-lambda';
import { createDocumentClient, createDynamoClient } from './dynamodb/client.js';
import { ensureTable } from './dynamodb/table-definition.js';
import type { DeadLetterSink } from './sqs/dead-letter.js';

/**
 * What the tests of every function share: a fresh table on the run's dynalite, a clock they move, SQS batches as
 * Lambda receives them, and a DLQ that keeps what it is sent. Imported as `@import-comms/aws/testing`, never by
 * a function's code.
 */
export interface TestTable {
  client: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  tableName: string;
}

/** A fresh table on the run's dynalite (started by Jest's global setup), so test files never share data. */
export async function createTestTable(prefix = 'test'): Promise<TestTable> {
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint)
    throw new Error(
      'TEST_DYNAMODB_ENDPOINT is not set: run through jest (packages/aws/tests/global-setup.ts)',
    );
  const client = createDynamoClient({ endpoint });
  const tableName = `${prefix}-${randomUUID()}`;
  await ensureTable(client, tableName);
  return { client, documents: createDocumentClient(client), tableName };
}

/** A clock the test moves by hand. */
export function manualClock(start: string | Date) {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set: (at: string | Date) => {
      now = new Date(at);
    },
  };
}

/** An SQS batch as the event source mapping delivers it: `m0`, `m1`… with their receive counts. */
export function sqsEventOf(...records: { body: string; receives?: number }[]): SQSEvent {
  return {
    Records: records.map(({ body, receives }, index) => ({
      messageId: `m${index}`,
      body,
      attributes: { ApproximateReceiveCount: String(receives ?? 1) },
    })),
  } as unknown as SQSEvent;
}

/** The part of Lambda's context the handlers read. */
export const lambdaContext = { getRemainingTimeInMillis: () => 30_000 } as Context;

/** A DLQ that keeps what it is sent (the SQS adapter itself is tested against the emulator). */
export class RecordingDeadLetters implements DeadLetterSink {
  readonly sent: { body: string; reason: string; details?: unknown }[] = [];

  async send(body: string, reason: string, details?: unknown): Promise<void> {
    this.sent.push({ body, reason, ...(details === undefined ? {} : { details }) });
  }

  get reasons(): string[] {
    return this.sent.map((entry) => entry.reason);
  }
}
