import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type Communication, type CustomerContact, termsText, type VehicleDetails } from '@import-comms/core';
import { batchGet, batchWrite } from '../batch.js';
import { communicationPostings, messageSearchWords } from '../communications/items.js';
import { customerPostings, vehiclePostings } from './directory-postings.js';
import { postingItems, SEARCH_TEXT } from './postings.js';

/** The version of the search index the table's items are written for (ADR 0022); bumped when postings change. */
export const SEARCH_INDEX_VERSION = 1;
const MARKER = { PK: 'META', SK: 'SEARCH_INDEX' } as const;

export interface ReindexSummary {
  communications: number;
  customers: number;
  vehicles: number;
}

/** Whether the table's postings are of the current version (a table made by an older release has none). */
export async function searchIndexIsCurrent(documents: DynamoDBDocumentClient, tableName: string) {
  const { Item } = await documents.send(
    new GetCommand({ TableName: tableName, Key: MARKER, ConsistentRead: true }),
  );
  return Item?.version === SEARCH_INDEX_VERSION;
}

/**
 * Writes the search postings of everything already in the table — communications, customers, vehicles — and the
 * words the timelines filter on, then marks the table current. Idempotent (postings are keyed puts) and safe
 * beside live traffic (what is written meanwhile writes its own postings). One scan of the table: a job for a
 * release that changes the index, not for every start.
 */
export async function reindexSearch(
  documents: DynamoDBDocumentClient,
  tableName: string,
  onProgress: (summary: ReindexSummary) => void = () => undefined,
): Promise<ReindexSummary> {
  const summary: ReindexSummary = { communications: 0, customers: 0, vehicles: 0 };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'entity IN (:content, :contact, :vehicle)',
        ExpressionAttributeValues: {
          ':content': 'CommunicationContent',
          ':contact': 'CustomerContact',
          ':vehicle': 'Vehicle',
        },
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    const items = page.Items ?? [];
    const contents = items.filter((item) => item.entity === 'CommunicationContent');
    // The subject lives on the DETAILS item.
    const details = await batchGet(
      documents,
      tableName,
      contents.map((item) => ({ PK: String(item.PK), SK: 'DETAILS' })),
    );
    const postings: Record<string, unknown>[] = [];
    for (const content of contents) {
      const detail = details.get(`${String(content.PK)}|DETAILS`);
      if (!detail) continue;
      const communication = { ...detail, ...content } as unknown as Communication;
      const words = messageSearchWords(communication);
      postings.push(...communicationPostings(communication, words));
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { PK: content.PK, SK: content.SK },
          UpdateExpression: 'SET #words = :words',
          ExpressionAttributeNames: { '#words': SEARCH_TEXT },
          ExpressionAttributeValues: { ':words': termsText(words) },
        }),
      );
      summary.communications++;
    }
    for (const item of items) {
      if (item.entity === 'CustomerContact') {
        postings.push(...postingItems(await customerPostings(item as unknown as CustomerContact)));
        summary.customers++;
      } else if (item.entity === 'Vehicle' && item.make !== undefined) {
        postings.push(...postingItems(vehiclePostings(item as unknown as VehicleDetails)));
        summary.vehicles++;
      }
    }
    await batchWrite(documents, tableName, { put: postings });
    onProgress(summary);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  await documents.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...MARKER,
        entity: 'Meta',
        version: SEARCH_INDEX_VERSION,
        reindexedAt: new Date().toISOString(),
      },
    }),
  );
  return summary;
}
