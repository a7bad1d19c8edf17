import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type Clock,
  type CommunicationQuery,
  type CommunicationSummary,
  InvalidCursorError,
  InvalidQueryError,
  type Page,
} from '@import-comms/core';
import * as z from 'zod';
import { batchGet } from '../batch.js';
import { decodeCursor, encodeCursor, lastEvaluatedKeySchema } from '../cursor.js';
import { timelineKeys } from '../keys.js';
import { normaliseForSearch } from '../search-text.js';
import { INDEXES } from '../table-definition.js';
import { INDEXED_STATUSES, LOG_SHARDS, toSummary } from './items.js';

const MAX_LIMIT = 100;
/** Bounds the work of one list request; past it the caller gets what was found and a cursor to go on. */
const MAX_EVALUATED_PER_REQUEST = 2_000;
const MAX_QUERIES_PER_REQUEST = 12;
/**
 * The least share of evaluated entries a filter is assumed to keep when sizing the next read: a rarer filter
 * reads at most 20 times what the page still needs per round, and the request's bounds end it.
 */
const MIN_MATCHED_SHARE = 0.05;
/**
 * Beyond its even share of a page, what each shard reads: hashing spreads the newest entries evenly, so one
 * shard holds more than its share + 10 (30 of a page of 50) about once in 30,000 pages (4 standard deviations);
 * then the merge reads that shard once more.
 */
const SHARD_MARGIN = 10;

/** How far back a list reaches when no `from` is given. */
const DEFAULT_LOOKBACK_DAYS = 365;
const DAY_MS = 86_400_000;

/**
 * How many entries each partition reads at once for a page that still needs `need`, given the share of entries
 * the filter keeps (1 without a filter; measured by the rounds so far).
 */
function readLimit(need: number, partitions: number, matchedShare: number): number {
  const entries = need / Math.max(matchedShare, MIN_MATCHED_SHARE);
  if (partitions === 1) return Math.ceil(entries);
  return Math.min(Math.ceil(entries), Math.ceil((entries / partitions) * 1.2) + SHARD_MARGIN);
}

type TimelineIndex = (typeof INDEXES)[
  | 'customerTimeline'
  | 'vehicleTimeline'
  | 'logTimeline'
  | 'statusTimeline'];

/** Which index a query reads, and which of its partitions (one, or every shard of the log). */
interface QueryPlan {
  index: TimelineIndex;
  partitions: string[];
  filtersCustomer: boolean;
}

const cursorSchema = z
  .object({
    /** Fingerprint of the filters, so a cursor cannot be replayed against another query. */
    f: z.string(),
    /** The range the first page fixed (its defaults resolved then): every later page reads the same one. */
    lo: z.string(),
    hi: z.string(),
    /** Where each partition of the plan goes on: after this key (empty: from its start), or null when read. */
    p: z.array(lastEvaluatedKeySchema.nullable()).min(1).max(LOG_SHARDS),
  })
  .strict();
type Cursor = z.infer<typeof cursorSchema>;

/**
 * The communication log and the timelines: one index per way in (customer, vehicle, failure status, or the whole
 * log over its shards), newest first within a fixed range, filters applied by DynamoDB. Partitions are read at
 * once and merged by their sort key, so a page costs one query per partition whatever the density of the data
 * (docs/adr/0004-search-and-filters.md, docs/adr/0019-log-timeline-shards.md).
 */
export class TimelineSearch {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  async list(query: CommunicationQuery): Promise<Page<CommunicationSummary>> {
    const limit = Math.min(Math.max(1, Math.trunc(query.limit)), MAX_LIMIT);
    // The filters as asked (a range left open is part of the query, not the time it was asked at).
    const fingerprint = fingerprintOf({ ...query, limit: undefined, cursor: undefined });
    const cursor: Cursor | undefined = query.cursor ? decodeCursor(query.cursor, cursorSchema) : undefined;
    if (cursor && cursor.f !== fingerprint)
      throw new InvalidCursorError('cursor belongs to a different query');
    const range = cursor ? { from: cursor.lo, to: cursor.hi } : this.rangeOf(query);
    const plan = planQuery(query);
    if (cursor && cursor.p.length !== plan.partitions.length)
      throw new InvalidCursorError('cursor is not one this API returned');

    const filter = buildFilter(query, plan.filtersCustomer);
    const readers = plan.partitions.map(
      (partition, index) =>
        new PartitionReader(
          this.documents,
          this.tableName,
          plan.index,
          partition,
          range,
          filter,
          cursor?.p[index],
        ),
    );
    const found: CommunicationSummary[] = [];
    let queries = 0;
    let evaluated = 0;
    let matched = 0;
    while (
      found.length < limit &&
      queries < MAX_QUERIES_PER_REQUEST &&
      evaluated < MAX_EVALUATED_PER_REQUEST
    ) {
      const need = limit - found.length;
      const reading = readers.filter((reader) => reader.needsRead);
      // Before anything is read, a filter is assumed to keep half of what it evaluates (a type, a template): a
      // common one fills the page in one round, a rare one learns its share from that round.
      const matchedShare = evaluated > 0 ? matched / evaluated : filter.expression ? 0.5 : 1;
      const limitEach = readLimit(need, readers.length, matchedShare);
      const reads = await Promise.all(reading.map((reader) => reader.read(limitEach)));
      queries += reading.length;
      for (const read of reads) {
        evaluated += read.evaluated;
        matched += read.matched;
      }
      const candidates = takeNewest(readers, need, plan.index.sortKey);
      found.push(...(await this.withStatus(candidates, query.status)));
      if (readers.every((reader) => reader.exhausted)) break;
    }
    const more = readers.some((reader) => !reader.exhausted);
    return {
      items: found,
      ...(more
        ? {
            cursor: encodeCursor({
              f: fingerprint,
              lo: range.from,
              hi: range.to,
              p: readers.map((reader) => reader.position),
            } satisfies Cursor),
          }
        : {}),
    };
  }

  /** The first page fixes the range (an open end means "now" then); later pages read that same range. */
  private rangeOf(query: CommunicationQuery): { from: string; to: string } {
    const to = query.to ? toIsoUtc(query.to, 'to') : this.clock.now().toISOString();
    const from = query.from
      ? toIsoUtc(query.from, 'from')
      : new Date(new Date(to).getTime() - DEFAULT_LOOKBACK_DAYS * DAY_MS).toISOString();
    // DynamoDB refuses BETWEEN with its bounds inverted: an empty range is the caller's mistake, said as such.
    if (from > to) throw new InvalidQueryError(`from (${from}) is after to (${to})`);
    return { from, to };
  }

  /** Status is not in the timeline indexes (it changes); read it from the DETAILS items of the page. */
  private async withStatus(
    indexItems: Record<string, unknown>[],
    status: CommunicationQuery['status'],
  ): Promise<CommunicationSummary[]> {
    if (indexItems.length === 0) return [];
    // Timeline entries point at CONTENT items, status-index entries at DETAILS: read the DETAILS of each.
    const itemKeys = indexItems.map((item) => ({ PK: String(item.PK), SK: 'DETAILS' }));
    const details = await batchGet(this.documents, this.tableName, itemKeys);
    return itemKeys
      .map((key) => details.get(`${key.PK}|${key.SK}`))
      .filter((item): item is Record<string, unknown> => item !== undefined)
      .filter((item) => status === undefined || item.status === status)
      .map(toSummary);
  }
}

/**
 * Up to `count` entries, newest first across the partitions. An entry is taken only when no partition can still
 * hold a newer one: each partition that has run dry without being done has evaluated up to its frontier (the key
 * DynamoDB stopped at, past every entry its filter dropped), so an entry newer than every such frontier is safe;
 * otherwise the merge stops and those partitions are read again.
 */
function takeNewest(readers: PartitionReader[], count: number, sortKey: string): Record<string, unknown>[] {
  const taken: Record<string, unknown>[] = [];
  while (taken.length < count) {
    let newest: PartitionReader | undefined;
    for (const reader of readers) {
      const head = reader.head;
      if (head && (!newest || String(head[sortKey]) > String(newest.head?.[sortKey]))) newest = reader;
    }
    const candidate = newest?.head;
    if (!newest || !candidate) break;
    const unsafe = readers.some((reader) => {
      if (!reader.needsRead) return false;
      const frontier = reader.frontier?.[sortKey];
      return frontier === undefined || String(candidate[sortKey]) < frontier;
    });
    if (unsafe) break;
    taken.push(newest.take());
  }
  return taken;
}

/** One partition of an index, read page by page, remembering where the next page of results goes on. */
class PartitionReader {
  private buffer: Record<string, unknown>[] = [];
  /** Where the next query starts (undefined: the partition's start). */
  private next: Record<string, string> | undefined;
  /** Where a later request resumes if the buffer is not used up: after the last entry taken. */
  private resumeAfter: Record<string, string> | undefined;
  private done: boolean;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly index: TimelineIndex,
    private readonly partition: string,
    private readonly range: { from: string; to: string },
    private readonly filter: Filter,
    start: Record<string, string> | null | undefined,
  ) {
    this.done = start === null;
    this.next = start && Object.keys(start).length > 0 ? start : undefined;
  }

  get needsRead(): boolean {
    return !this.done && this.buffer.length === 0;
  }

  get exhausted(): boolean {
    return this.done && this.buffer.length === 0;
  }

  get head(): Record<string, unknown> | undefined {
    return this.buffer[0];
  }

  /** Where a partition that ran dry stopped evaluating: nothing it still holds is newer than this key. */
  get frontier(): Record<string, string> | undefined {
    return this.needsRead ? this.next : undefined;
  }

  get position(): Record<string, string> | null {
    if (this.buffer.length > 0) return this.resumeAfter ?? {};
    return this.done ? null : (this.next ?? {});
  }

  take(): Record<string, unknown> {
    const item = this.buffer.shift();
    if (!item) throw new Error('take() on an empty partition reader');
    this.resumeAfter = this.keyOf(item);
    return item;
  }

  /** Evaluates up to `limit` entries; answers how many DynamoDB evaluated and how many the filter kept. */
  async read(limit: number): Promise<{ evaluated: number; matched: number }> {
    const { filter, index } = this;
    const response = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lo AND :hi',
        ...(filter.expression ? { FilterExpression: filter.expression } : {}),
        // Only the keys come back: the page is read from the DETAILS items, and the keys are all the merge and
        // the cursor need (a filter still sees every projected attribute, the search text included).
        ProjectionExpression: '#tablePk, #tableSk, #pk, #sk',
        ExpressionAttributeNames: {
          '#tablePk': 'PK',
          '#tableSk': 'SK',
          '#pk': index.partitionKey,
          '#sk': index.sortKey,
          ...filter.names,
        },
        ExpressionAttributeValues: {
          ':pk': this.partition,
          ':lo': this.range.from,
          ':hi': `${this.range.to}#\uffff`,
          ...filter.values,
        },
        ScanIndexForward: false,
        Limit: limit,
        ...(this.next ? { ExclusiveStartKey: this.next } : {}),
      }),
    );
    this.resumeAfter = this.next;
    this.buffer = response.Items ?? [];
    this.next = response.LastEvaluatedKey as Record<string, string> | undefined;
    this.done = this.next === undefined;
    return { evaluated: response.ScannedCount ?? 0, matched: this.buffer.length };
  }

  /** An entry's key in this index: the table's key and the index's, as DynamoDB wants it to go on after it. */
  private keyOf(item: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(
      ['PK', 'SK', this.index.partitionKey, this.index.sortKey].map((name) => [name, String(item[name])]),
    );
  }
}

function planQuery(query: CommunicationQuery): QueryPlan {
  if (query.vehicleId) {
    return {
      index: INDEXES.vehicleTimeline,
      partitions: [timelineKeys.vehicle(query.vehicleId)],
      filtersCustomer: query.customerId !== undefined,
    };
  }
  if (query.customerId) {
    return {
      index: INDEXES.customerTimeline,
      partitions: [timelineKeys.customer(query.customerId)],
      filtersCustomer: false,
    };
  }
  // The status index covers DETAILS items, which carry no search text: a text search reads the log.
  if (query.status && INDEXED_STATUSES.includes(query.status) && !query.q) {
    return {
      index: INDEXES.statusTimeline,
      partitions: [timelineKeys.status(query.status)],
      filtersCustomer: false,
    };
  }
  return {
    index: INDEXES.logTimeline,
    partitions: Array.from({ length: LOG_SHARDS }, (_, shard) => timelineKeys.log(shard)),
    filtersCustomer: false,
  };
}

function toIsoUtc(value: string, bound: 'from' | 'to'): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new InvalidQueryError(`${bound} is not a valid date-time: ${value}`);
  return date.toISOString();
}

function fingerprintOf(value: Record<string, unknown>): string {
  const stable = JSON.stringify(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(),
  );
  return createHash('sha256').update(stable).digest('base64url').slice(0, 16);
}

interface Filter {
  expression?: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

function buildFilter(query: CommunicationQuery, filtersCustomer: boolean): Filter {
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const equals = (attribute: string, value: string | undefined) => {
    if (value === undefined) return;
    names[`#f_${attribute}`] = attribute;
    values[`:f_${attribute}`] = value;
    clauses.push(`#f_${attribute} = :f_${attribute}`);
  };
  if (filtersCustomer) equals('customerId', query.customerId);
  equals('type', query.type);
  equals('templateId', query.templateId);
  equals('createdBy', query.createdBy);
  const text = query.q ? normaliseForSearch(query.q) : '';
  if (text) {
    names['#f_searchText'] = 'searchText';
    values[':f_q'] = text;
    clauses.push('contains(#f_searchText, :f_q)');
  }
  return { ...(clauses.length > 0 ? { expression: clauses.join(' AND ') } : {}), names, values };
}
