import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  InboundMatch,
  InboundMessage,
  InboundStore,
  InboxEntry,
  InboxView,
  Page,
  SaveResult,
} from '@import-comms/core';
import { conditionally, withoutStorageAttributes } from './conditional.js';
import { decodeCursor, encodeCursor, lastEvaluatedKeySchema } from './cursor.js';
import { keys } from './keys.js';
import { INDEXES } from './table-definition.js';

const STORAGE_ONLY = ['PK', 'SK', 'entity', 'directoryKey', 'directorySortKey'] as const;

/** The Inbox's lists, partitions of the directory index (ADR 0028); done entries are in none. */
const inboxList = (view: InboxView): string =>
  'unmatched' in view ? 'INBOX#UNMATCHED' : 'team' in view ? 'INBOX#OPEN#-' : `INBOX#OPEN#${view.assignee}`;

function listOf(entry: InboxEntry): string | undefined {
  if (entry.state === 'done') return undefined;
  if (!entry.customerId) return inboxList({ unmatched: true });
  return entry.assignee ? inboxList({ assignee: entry.assignee }) : inboxList({ team: true });
}

function entryItem(entry: InboxEntry): Record<string, unknown> {
  const list = listOf(entry);
  return {
    ...entry,
    ...keys.inboxEntry(entry.inboundId),
    entity: 'InboxEntry',
    ...(list ? { directoryKey: list, directorySortKey: `${entry.receivedAt}#${entry.inboundId}` } : {}),
  };
}

/** Inbound messages and the Inbox in the single table (docs/adr/0028-inbound-messages.md). */
export class DynamoInboundStore implements InboundStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async save(message: InboundMessage): Promise<{ created: boolean; message: InboundMessage }> {
    const created = await conditionally(() =>
      this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...message, ...keys.inboundMessage(message.inboundId), entity: 'InboundMessage' },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
    if (created) return { created: true, message };
    return { created: false, message: (await this.get(message.inboundId)) ?? message };
  }

  async get(inboundId: string): Promise<InboundMessage | undefined> {
    const response = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.inboundMessage(inboundId),
        ConsistentRead: true,
      }),
    );
    return response.Item ? withoutStorageAttributes<InboundMessage>(response.Item, STORAGE_ONLY) : undefined;
  }

  async recordMatch(inboundId: string, match: InboundMatch, communicationId: string): Promise<void> {
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.inboundMessage(inboundId),
        UpdateExpression: 'SET #match = :match, communicationId = :communication',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: { '#match': 'match' },
        ExpressionAttributeValues: { ':match': match, ':communication': communicationId },
      }),
    );
  }

  async addToInbox(entry: InboxEntry): Promise<{ created: boolean; entry: InboxEntry }> {
    const created = await conditionally(() =>
      this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: entryItem(entry),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
    if (created) return { created: true, entry };
    return { created: false, entry: (await this.getInboxEntry(entry.inboundId)) ?? entry };
  }

  async getInboxEntry(inboundId: string): Promise<InboxEntry | undefined> {
    const response = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: keys.inboxEntry(inboundId), ConsistentRead: true }),
    );
    return response.Item ? withoutStorageAttributes<InboxEntry>(response.Item, STORAGE_ONLY) : undefined;
  }

  async saveInboxEntry(entry: InboxEntry): Promise<SaveResult> {
    const saved = await conditionally(() =>
      this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: entryItem(entry),
          ConditionExpression: 'attribute_exists(PK) AND version = :read',
          ExpressionAttributeValues: { ':read': entry.version - 1 },
        }),
      ),
    );
    return saved ? { saved: true } : { saved: false, reason: 'conflict' };
  }

  async listInbox(view: InboxView, limit: number, cursor?: string): Promise<Page<InboxEntry>> {
    const start = cursor ? decodeCursor(cursor, lastEvaluatedKeySchema) : undefined;
    const response = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.directory.name,
        KeyConditionExpression: '#list = :list',
        ExpressionAttributeNames: { '#list': INDEXES.directory.partitionKey },
        ExpressionAttributeValues: { ':list': inboxList(view) },
        ScanIndexForward: false,
        Limit: limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    const next = response.LastEvaluatedKey as Record<string, string> | undefined;
    return {
      items: (response.Items ?? []).map((item) => withoutStorageAttributes<InboxEntry>(item, STORAGE_ONLY)),
      ...(next ? { cursor: encodeCursor(next) } : {}),
    };
  }

  async countUnread(view: InboxView, cap: number): Promise<number> {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const response = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: INDEXES.directory.name,
          KeyConditionExpression: '#list = :list',
          FilterExpression: '#state = :unread',
          ExpressionAttributeNames: { '#list': INDEXES.directory.partitionKey, '#state': 'state' },
          ExpressionAttributeValues: { ':list': inboxList(view), ':unread': 'unread' },
          Select: 'COUNT',
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      count += response.Count ?? 0;
      start = response.LastEvaluatedKey;
    } while (start && count < cap);
    return Math.min(count, cap);
  }
}
