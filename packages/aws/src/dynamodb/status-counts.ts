import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  paginateQuery,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type CommunicationStatus,
  type CommunicationType,
  calendarDay,
  type DailyStatusCounts,
} from '@import-comms/core';
import { conditionally } from './conditional.js';

/**
 * Counters per day, type and status for the dashboard, so it never scans communications (ADR 0030). A month's
 * counters share one partition (`STATS#<yyyy-mm>`), so a fortnight reads one or two partitions at once; within
 * it each day is spread over a few items (`DAY#<day>#<shard>`) because every status change of the day writes to
 * them. Counted after the status write succeeds, best effort: a crash between the two loses one count, which a
 * dashboard can afford (docs/adr/0012-http-api.md).
 */
export const STATUS_COUNT_SHARDS = 8;

const partitionOf = (month: string) => `STATS#${month}`;
const dayKey = (day: string, shard: number | string) => `DAY#${day}#${shard}`;
const attribute = (type: CommunicationType, status: CommunicationStatus) => `${type}_${status}`;

/** The months (yyyy-mm) from `fromDay`'s to `toDay`'s, oldest first. */
function monthsBetween(fromDay: string, toDay: string): string[] {
  const months: string[] = [];
  let year = Number(fromDay.slice(0, 4));
  let month = Number(fromDay.slice(5, 7));
  const last = toDay.slice(0, 7);
  for (;;) {
    const current = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (current > last) return months;
    months.push(current);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}

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
          Key: {
            PK: partitionOf(day.slice(0, 7)),
            SK: dayKey(day, Math.floor(Math.random() * STATUS_COUNT_SHARDS)),
          },
          UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#c${i}`, name])),
          ExpressionAttributeValues: Object.fromEntries(entries.map(([, count], i) => [`:c${i}`, count])),
        }),
      );
    }
  }

  /** Days from `fromDay` to `toDay` (YYYY-MM-DD, inclusive) that have counts, oldest first. */
  async countsByDay(fromDay: string, toDay: string): Promise<DailyStatusCounts[]> {
    if (!calendarDay(fromDay) || !calendarDay(toDay))
      throw new RangeError(`not a day: ${fromDay} to ${toDay}`);
    if (fromDay > toDay) return [];
    const days = new Map<string, DailyStatusCounts>();
    const months = monthsBetween(fromDay, toDay);
    const pages = await Promise.all(months.map((month) => this.readMonth(month, fromDay, toDay)));
    for (const item of pages.flat()) {
      const day = String(item.SK).slice('DAY#'.length, 'DAY#'.length + 10);
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

  private async readMonth(month: string, fromDay: string, toDay: string) {
    const items: Record<string, unknown>[] = [];
    const pages = paginateQuery(
      { client: this.documents },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': partitionOf(month),
          ':from': `DAY#${fromDay}#`,
          ':to': `DAY#${toDay}#\uffff`,
        },
      },
    );
    for await (const page of pages) items.push(...(page.Items ?? []));
    return items;
  }
}

/** The partitions counters were written to before they were grouped by month (ADR 0030). */
const LEGACY_SHARD_PARTITIONS = Array.from({ length: STATUS_COUNT_SHARDS }, (_, shard) => `STATS#${shard}`);

/**
 * Moves counters of the earlier layout (`STATS#<shard>` / `DAY#<day>`) into their month's partition, each under a
 * key of its own (`DAY#<day>#legacy-<shard>`) so that it never adds to a counter written since. Each item is
 * copied only if its copy does not exist, then deleted: safe to run again after a crash and beside live traffic.
 * Answers how many day items it moved.
 */
export async function moveLegacyStatusCounts(
  documents: DynamoDBDocumentClient,
  tableName: string,
): Promise<number> {
  let moved = 0;
  for (const [shard, partition] of LEGACY_SHARD_PARTITIONS.entries()) {
    const pages = paginateQuery(
      { client: documents },
      {
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :day)',
        ExpressionAttributeValues: { ':pk': partition, ':day': 'DAY#' },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const day = String(item.SK).slice('DAY#'.length);
        if (!calendarDay(day)) continue;
        // A copy that exists was made by an earlier run that stopped before the delete.
        await conditionally(() =>
          documents.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...item, PK: partitionOf(day.slice(0, 7)), SK: dayKey(day, `legacy-${shard}`) },
              ConditionExpression: 'attribute_not_exists(PK)',
            }),
          ),
        );
        await documents.send(new DeleteCommand({ TableName: tableName, Key: { PK: item.PK, SK: item.SK } }));
        moved += 1;
      }
    }
  }
  return moved;
}
