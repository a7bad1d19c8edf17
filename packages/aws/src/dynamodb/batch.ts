import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UnprocessedItemsError } from '../errors.js';

const MAX_BATCH_GET = 100;
const MAX_BATCH_WRITE = 25;
const MAX_ATTEMPTS = 6;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads items by key in batches of 100 (strongly consistent when asked), retrying unprocessed keys with backoff;
 * returns them keyed by PK|SK.
 */
export async function batchGet(
  documents: DynamoDBDocumentClient,
  tableName: string,
  itemKeys: readonly { PK: string; SK: string }[],
  options: { consistent?: boolean } = {},
): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  for (let offset = 0; offset < itemKeys.length; offset += MAX_BATCH_GET) {
    let pending: Record<string, unknown>[] = itemKeys
      .slice(offset, offset + MAX_BATCH_GET)
      .map((key) => ({ ...key }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS) {
        throw new UnprocessedItemsError(
          `${pending.length} keys stayed unprocessed after ${MAX_ATTEMPTS} attempts`,
        );
      }
      if (attempt > 1) await pause(25 * 2 ** attempt);
      const response = await documents.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: { Keys: pending, ...(options.consistent ? { ConsistentRead: true } : {}) },
          },
        }),
      );
      for (const item of response.Responses?.[tableName] ?? []) {
        found.set(`${String(item.PK)}|${String(item.SK)}`, item);
      }
      pending = response.UnprocessedKeys?.[tableName]?.Keys ?? [];
    }
  }
  return found;
}

type WriteRequest =
  | { PutRequest: { Item: Record<string, unknown> } }
  | { DeleteRequest: { Key: Record<string, unknown> } };

/**
 * Puts and deletes items in batches of 25, the batches at once, retrying unprocessed requests with backoff. Not
 * atomic: callers write what is safe to write again (derived items, idempotent keys).
 */
export async function batchWrite(
  documents: DynamoDBDocumentClient,
  tableName: string,
  writes: { put?: readonly Record<string, unknown>[]; delete?: readonly { PK: string; SK: string }[] },
): Promise<void> {
  const requests: WriteRequest[] = [
    ...(writes.put ?? []).map((Item) => ({ PutRequest: { Item } })),
    ...(writes.delete ?? []).map((Key) => ({ DeleteRequest: { Key: { ...Key } } })),
  ];
  const batches: WriteRequest[][] = [];
  for (let offset = 0; offset < requests.length; offset += MAX_BATCH_WRITE)
    batches.push(requests.slice(offset, offset + MAX_BATCH_WRITE));
  await Promise.all(
    batches.map(async (batch) => {
      let pending = batch;
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > MAX_ATTEMPTS) {
          throw new UnprocessedItemsError(
            `${pending.length} writes stayed unprocessed after ${MAX_ATTEMPTS} attempts`,
          );
        }
        if (attempt > 1) await pause(25 * 2 ** attempt);
        const response = await documents.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
        );
        pending = (response.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
      }
    }),
  );
}
