import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { InvalidCursorError } from '@import-comms/core';

/** Where a partition lives: an index of the table (or the table itself) and its key attributes. */
export interface PartitionSource {
  /** Undefined: the table's own partitions. */
  indexName?: string;
  partitionKey: string;
  sortKey: string;
}

/** A filter expression over the attributes a partition's entries carry. */
export interface ReadFilter {
  expression?: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

export interface PartitionReaderOptions {
  /** Inclusive bounds on the sort key's leading `createdAt` (omit to read the whole partition). */
  range?: { from: string; to: string };
  filter: ReadFilter;
  /** Where a previous request stopped: after this key, from the start (`{}` or undefined), or done (null). */
  start?: Record<string, string> | null;
  /** Descending by sort key (timelines) or ascending (names). */
  newestFirst: boolean;
  /** Attributes the entries carry back besides their keys. */
  project?: readonly string[];
}

/** The range's last sort key: every entry created at its end, whatever its id. */
const upperBound = (range: { to: string }) => `${range.to}#\uffff`;

/**
 * One partition read page by page, remembering where the next page of results goes on and how much of what it
 * evaluated the filter kept (its `matched` share sizes later reads).
 */
export class PartitionReader {
  private buffer: Record<string, unknown>[] = [];
  /** Where the next query starts (undefined: the partition's start). */
  private next: Record<string, string> | undefined;
  /** Where a later request resumes if the buffer is not used up: after the last entry taken. */
  private resumeAfter: Record<string, string> | undefined;
  private done: boolean;
  /** The attributes of an entry's key in this index: the table's and the index's own. */
  private readonly keyNames: readonly string[];
  evaluated = 0;
  matched = 0;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly source: PartitionSource,
    readonly partition: string,
    private readonly options: PartitionReaderOptions,
  ) {
    this.keyNames = [...new Set(['PK', 'SK', source.partitionKey, source.sortKey])];
    const { start } = options;
    this.done = start === null;
    this.next = start && Object.keys(start).length > 0 ? start : undefined;
    if (this.next && !this.holds(this.next))
      throw new InvalidCursorError('cursor is not one this API returned');
  }

  get exhausted(): boolean {
    return this.done && this.buffer.length === 0;
  }

  /** Every entry of the partition the filter keeps has been read (some may still wait in the buffer). */
  get complete(): boolean {
    return this.done;
  }

  get position(): Record<string, string> | null {
    if (this.buffer.length > 0) return this.resumeAfter ?? {};
    return this.done ? null : (this.next ?? {});
  }

  /** Up to `count` of the entries read and not yet taken, in the partition's order. */
  take(count: number): Record<string, unknown>[] {
    const taken = this.buffer.splice(0, Math.max(0, count));
    const last = taken[taken.length - 1];
    if (last) this.resumeAfter = this.keyOf(last);
    return taken;
  }

  /** Evaluates up to `limit` entries; answers how many DynamoDB evaluated and how many the filter kept. */
  async read(limit: number): Promise<{ evaluated: number; matched: number }> {
    const { source, options } = this;
    const { filter, range } = options;
    // Only keys (and what the caller asks for) come back; a filter still sees every attribute of the entry.
    const projected = [...new Set([...this.keyNames, ...(options.project ?? [])])];
    const projectionNames = Object.fromEntries(projected.map((name, index) => [`#p${index}`, name]));
    const response = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        ...(source.indexName ? { IndexName: source.indexName } : {}),
        KeyConditionExpression: range ? '#pk = :pk AND #sk BETWEEN :lo AND :hi' : '#pk = :pk',
        ...(filter.expression ? { FilterExpression: filter.expression } : {}),
        ProjectionExpression: Object.keys(projectionNames).join(', '),
        ExpressionAttributeNames: {
          ...projectionNames,
          '#pk': source.partitionKey,
          ...(range ? { '#sk': source.sortKey } : {}),
          ...filter.names,
        },
        ExpressionAttributeValues: {
          ':pk': this.partition,
          ...(range ? { ':lo': range.from, ':hi': upperBound(range) } : {}),
          ...filter.values,
        },
        ScanIndexForward: !options.newestFirst,
        Limit: limit,
        ...(this.next ? { ExclusiveStartKey: this.next } : {}),
      }),
    );
    this.resumeAfter = this.next;
    this.buffer = response.Items ?? [];
    this.next = response.LastEvaluatedKey as Record<string, string> | undefined;
    this.done = this.next === undefined;
    const read = { evaluated: response.ScannedCount ?? 0, matched: this.buffer.length };
    this.evaluated += read.evaluated;
    this.matched += read.matched;
    return read;
  }

  /**
   * Whether a key from a cursor is one of this partition's, within its range: DynamoDB refuses to start a query
   * anywhere else, and a forged cursor must be the client's error, not the server's.
   */
  private holds(key: Record<string, string>): boolean {
    const { partitionKey, sortKey } = this.source;
    const { range } = this.options;
    const sorted = key[sortKey] ?? '';
    return (
      Object.keys(key).length === this.keyNames.length &&
      this.keyNames.every((name) => Object.hasOwn(key, name)) &&
      key[partitionKey] === this.partition &&
      (!range || (sorted >= range.from && sorted <= upperBound(range)))
    );
  }

  /** An entry's key in this partition's index: as DynamoDB wants it to go on after it. */
  private keyOf(item: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(this.keyNames.map((name) => [name, String(item[name])]));
  }
}

/**
 * Of partitions that each hold every match of a query (one per word of a search), the one cheapest to go on
 * reading after a first read of each: one read to its end holds every match already; otherwise the one whose
 * filter kept the largest share of what it evaluated — the rarest word.
 */
export function cheapestOf(readers: readonly PartitionReader[]): PartitionReader {
  const [first, ...rest] = readers;
  if (!first) throw new Error('cheapestOf() needs at least one reader');
  const cost = (reader: PartitionReader) =>
    reader.complete ? -1 : reader.evaluated / Math.max(reader.matched, 0.5);
  return rest.reduce((best, reader) => (cost(reader) < cost(best) ? reader : best), first);
}
