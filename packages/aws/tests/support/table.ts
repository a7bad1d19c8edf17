import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient, createDynamoClient, ensureTable } from '../../src/index.js';

export interface TestTable {
  client: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  tableName: string;
}

/** A fresh table on the run's dynalite (started in global setup), so test files never share data. */
export async function createTestTable(): Promise<TestTable> {
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint)
    throw new Error('TEST_DYNAMODB_ENDPOINT is not set: run through jest (tests/global-setup.ts)');
  const client = createDynamoClient({ endpoint });
  const tableName = `test-${randomUUID()}`;
  await ensureTable(client, tableName);
  return { client, documents: createDocumentClient(client), tableName };
}

/** A clock the test moves by hand. */
export function manualClock(start: string) {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set: (iso: string) => {
      now = new Date(iso);
    },
  };
}
