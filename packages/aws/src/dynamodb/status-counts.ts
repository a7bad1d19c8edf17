import { type DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CommunicationStatus, CommunicationType, DailyStatusCounts } from '@import-comms/core';

/**
 * Counters per day, type and status for the dashboard, so it never scans communications. Spread over a few
 * partitions because every status change of the day writes to them (one partition would cap the write rate).
 * Counted after the status write succeeds, best effort: a crash between the two loses one count, which a
 * dashboard can afford (docs/adr/0012-http-api.md).
 */
export const STATUS_COUNT_SHARDS = 8;

const shardKey = (shard: number) => `STATS#${shard}`;
const dayKey = (day: string) => `DAY#${day}`;
const attribute = (type: CommunicationType, status: CommunicationStatus) => `${type}_${status}`;

export class DynamoStatusCounts {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async increment(type: CommunicationType, status: CommunicationStatus, at: string): Promise<void> {
    const shard = Math.floor(Math.random() * STATUS_COUNT_SHARDS);
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { PK: shardKey(shard), SK: dayKey(at.slice(0, 10)) },
        UpdateExpression: 'ADD #count :one',
        ExpressionAttributeNames: { '#count': attribute(type, status) },
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
  }

  /** Days from `fromDay` to `toDay` (YYYY-MM-DD, inclusive) that have counts, oldest first. */
  async countsByDay(fromDay: string, toDay: string): Promise<DailyStatusCounts[]> {
    const days = new Map<string, DailyStatusCounts>();
    const shards = Array.from({ length: STATUS_COUNT_SHARDS }, (_, shard) => shard);
    const pages = await Promise.all(shards.map((shard) => this.readShard(shard, fromDay, toDay)));
    for (const item of pages.flat()) {
      const day = String(item.SK).slice('DAY#'.length);
      const entry = days.get(day) ?? { day, counts: {} };
      for (const [name, value] of Object.entries(item)) {
        const separator = name.indexOf('_');
        if (separator < 0 || typeof value !== 'number') continue;
        const type = name.slice(0, separator) as CommunicationType;
        const status = name.slice(separator + 1) as CommunicationStatus;
        const byStatus = entry.counts[type] ?? {};
        byStatus[status] = (byStatus[status] ?? 0) + value;
        entry.counts[type] = byStatus;
      }
      days.set(day, entry);
    }
    return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
  }

  private async readShard(shard: number, fromDay: string, toDay: string) {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const response = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': shardKey(shard),
            ':from': dayKey(fromDay),
            ':to': dayKey(toDay),
          },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(response.Items ?? []));
      start = response.LastEvaluatedKey;
    } while (start);
    return items;
  }
}
