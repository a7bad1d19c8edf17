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
  /** Counts not yet written, by day and counter (buffered mode only). */
  private pending = new Map<string, Map<string, number>>();

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    /**
     * Buffered: increments add up in memory until `flush`, which writes one item per day — the functions flush
     * after each batch, so ten status changes cost one counter write instead of ten.
     */
    private readonly options: { buffered?: boolean } = {},
  ) {}

  async increment(type: CommunicationType, status: CommunicationStatus, at: string): Promise<void> {
    const day = at.slice(0, 10);
    const counters = this.pending.get(day) ?? new Map<string, number>();
    const name = attribute(type, status);
    counters.set(name, (counters.get(name) ?? 0) + 1);
    this.pending.set(day, counters);
    if (!this.options.buffered) await this.flush();
  }

  /** Writes the buffered counts, one update per day; on failure they are dropped (the dashboard is best effort). */
  async flush(): Promise<void> {
    const days = this.pending;
    this.pending = new Map();
    for (const [day, counters] of days) {
      const entries = [...counters.entries()];
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { PK: shardKey(Math.floor(Math.random() * STATUS_COUNT_SHARDS)), SK: dayKey(day) },
          UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])),
          ExpressionAttributeValues: Object.fromEntries(entries.map(([, count], i) => [`:c${i}`, count])),
        }),
      );
    }
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
