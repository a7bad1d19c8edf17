import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '@import-comms/core';
import { batchGet } from '../batch.js';
import { keys } from '../keys.js';
import { INDEXES } from '../table-definition.js';
import { communicationIdOf, SCHEDULE_KEY } from './items.js';

/** The sparse index of Scheduled communications: what the sweeper releases and the dashboard counts. */
export class ScheduleIndex {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Scheduled communications whose time has come, oldest first (a stale index entry is skipped). */
  async due(now: Date, limit: number): Promise<{ communicationId: string; channel: Channel }[]> {
    const response = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.scheduled.name,
        KeyConditionExpression: '#pk = :pk AND #sk <= :now',
        ExpressionAttributeNames: { '#pk': INDEXES.scheduled.partitionKey, '#sk': INDEXES.scheduled.sortKey },
        ExpressionAttributeValues: { ':pk': SCHEDULE_KEY, ':now': `${now.toISOString()}#\uffff` },
        Limit: Math.min(Math.max(1, limit), 500),
      }),
    );
    const ids = (response.Items ?? []).map(communicationIdOf);
    if (ids.length === 0) return [];
    const details = await batchGet(
      this.documents,
      this.tableName,
      ids.map((id) => keys.communication(id)),
    );
    return ids
      .map((id) => details.get(`${keys.communication(id).PK}|DETAILS`))
      .filter((item): item is Record<string, unknown> => item?.status === 'Scheduled')
      .map((item) => ({ communicationId: String(item.communicationId), channel: item.type as Channel }));
  }

  /** How many wait for their time, counted up to `cap` (the dashboard shows "100+" beyond it). */
  async count(cap: number): Promise<number> {
    let counted = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const response = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: INDEXES.scheduled.name,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': INDEXES.scheduled.partitionKey },
          ExpressionAttributeValues: { ':pk': SCHEDULE_KEY },
          Select: 'COUNT',
          Limit: cap - counted,
          ExclusiveStartKey: start,
        }),
      );
      counted += response.Count ?? 0;
      start = response.LastEvaluatedKey;
    } while (start && counted < cap);
    return counted;
  }
}
