import { createHash } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type Clock,
  type CommunicationQuery,
  type CommunicationSummary,
  InvalidCursorError,
  InvalidQueryError,
  MESSAGE_TERM_KEYS,
  type Page,
  type QueryTerm,
  queryTermsOf,
} from '@import-comms/core';
import * as z from 'zod/mini';
import { batchGet } from '../batch.js';
import { decodeCursor, encodeCursor, lastEvaluatedKeySchema } from '../cursor.js';
import { timelineKeys } from '../keys.js';
import { cheapestOf, PartitionReader, type PartitionSource, type ReadFilter } from '../partition-reader.js';
import { isPartitionOf, probedPartitions, wordClauses } from '../search/postings.js';
import { INDEXES } from '../table-definition.js';
import { INDEXED_STATUSES, toSummary } from './items.js';

const MAX_LIMIT = 100;
/** Bounds the work of one list request; past it the caller gets what was found and a cursor to go on. */
const MAX_EVALUATED_PER_REQUEST = 2_000;
const MAX_QUERIES_PER_REQUEST = 12;
/**
 * The least share of evaluated entries a filter is assumed to keep when sizing the next read: a rarer filter
 * reads at most 20 times what the page still needs per round, and the request's bounds end it.
 */
const MIN_MATCHED_SHARE = 0.05;

/** How far back a list reaches when no `from` is given. */
const DEFAULT_LOOKBACK_DAYS = 365;
const DAY_MS = 86_400_000;

/**
 * How many entries to read at once for a page that still needs `need`, given the share of entries the filter
 * keeps (1 without a filter; measured by the rounds so far).
 */
function readLimit(need: number, matchedShare: number): number {
  return Math.ceil(need / Math.max(matchedShare, MIN_MATCHED_SHARE));
}

/** The search index's message postings: partitions of the table itself, by `createdAt#id` (ADR 0022). */
const MESSAGE_POSTINGS: PartitionSource = { partitionKey: 'PK', sortKey: 'SK' };

/**
 * Which partition a query reads: one of an index (a customer, a vehicle, a failure status, the whole log), or —
 * for text over the whole log — the postings of each of a few of its words, of which the first read keeps the
 * cheapest (every one holds every match) and goes on with it alone.
 */
interface QueryPlan {
  source: PartitionSource;
  partitions: string[];
  filtersCustomer: boolean;
  terms: QueryTerm[];
}

const cursorSchema = z.strictObject({
  /** Fingerprint of the filters, so a cursor cannot be replayed against another query. */
  f: z.string(),
  /** The range the first page fixed (its defaults resolved then): every later page reads the same one. */
  lo: z.string(),
  hi: z.string(),
  /** Where the partition goes on: after this key (empty: from its start), or null when read. */
  p: z.array(z.nullable(lastEvaluatedKeySchema)).check(z.length(1)),
  /** A text search: the one word partition the first page chose to go on with. */
  t: z.optional(z.string().check(z.maxLength(200))),
});
type Cursor = z.infer<typeof cursorSchema>;

/**
 * The communication log and the timelines: one index partition per way in (customer, vehicle, failure status, or
 * the whole log), newest first within a fixed range, filters applied by DynamoDB, so a page costs one query
 * whatever the density of the data (docs/adr/0004-search-and-filters.md,
 * docs/adr/0038-the-whole-log-in-one-partition.md).
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
    const plan = planQuery(query, cursor?.t);
    // Text with nothing searchable in it (stop words, punctuation) matches nothing, rather than everything.
    if (query.q && plan.terms.length === 0) return { items: [] };
    if (cursor && cursor.p.length !== plan.partitions.length)
      throw new InvalidCursorError('cursor is not one this API returned');

    const filter = buildFilter(query, plan);
    const readers = plan.partitions.map(
      (partition, index) =>
        new PartitionReader(this.documents, this.tableName, plan.source, partition, {
          range,
          filter,
          start: cursor?.p[index],
          newestFirst: true,
          project: ['ref'],
        }),
    );
    let queries = 0;
    let evaluated = 0;
    if (readers.length > 1) {
      // Every word's partition holds every match: read a page's worth of each, go on with the rarest.
      const reads = await Promise.all(readers.map((reader) => reader.read(limit)));
      queries += readers.length;
      evaluated += reads.reduce((sum, read) => sum + read.evaluated, 0);
    }
    const reader = cheapestOf(readers);
    const found: CommunicationSummary[] = [];
    // Take what was read, then read on, until the page is full, nothing is left or the request's bounds are spent.
    for (;;) {
      found.push(...(await this.withStatus(reader.take(limit - found.length), query.status)));
      if (found.length >= limit || reader.exhausted) break;
      if (queries >= MAX_QUERIES_PER_REQUEST || evaluated >= MAX_EVALUATED_PER_REQUEST) break;
      // Before anything is read, a filter is assumed to keep half of what it evaluates (a type, a template): a
      // common one fills the page in one round, a rare one learns its share from that round.
      const matchedShare =
        reader.evaluated > 0 ? reader.matched / reader.evaluated : filter.expression ? 0.5 : 1;
      const read = await reader.read(readLimit(limit - found.length, matchedShare));
      queries += 1;
      evaluated += read.evaluated;
    }
    return {
      items: found,
      ...(reader.exhausted
        ? {}
        : {
            cursor: encodeCursor({
              f: fingerprint,
              lo: range.from,
              hi: range.to,
              p: [reader.position],
              ...(plan.source === MESSAGE_POSTINGS ? { t: reader.partition } : {}),
            } satisfies Cursor),
          }),
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
    // Postings name their communication in `ref`.
    const itemKeys = indexItems.map((item) => ({ PK: String(item.ref ?? item.PK), SK: 'DETAILS' }));
    const details = await batchGet(this.documents, this.tableName, itemKeys);
    return itemKeys
      .map((key) => details.get(`${key.PK}|${key.SK}`))
      .filter((item): item is Record<string, unknown> => item !== undefined)
      .filter((item) => status === undefined || item.status === status)
      .map(toSummary);
  }
}

function planQuery(query: CommunicationQuery, chosenTerm: string | undefined): QueryPlan {
  const terms = query.q ? queryTermsOf(query.q, MESSAGE_TERM_KEYS) : [];
  const timeline = (index: (typeof INDEXES)[keyof typeof INDEXES], partition: string) => ({
    source: { indexName: index.name, partitionKey: index.partitionKey, sortKey: index.sortKey ?? '' },
    partitions: [partition],
    terms,
  });
  if (chosenTerm !== undefined && (terms.length === 0 || query.vehicleId || query.customerId))
    throw new InvalidCursorError('cursor is not one this API returned');
  if (query.vehicleId) {
    return {
      ...timeline(INDEXES.vehicleTimeline, timelineKeys.vehicle(query.vehicleId)),
      filtersCustomer: query.customerId !== undefined,
    };
  }
  if (query.customerId) {
    return {
      ...timeline(INDEXES.customerTimeline, timelineKeys.customer(query.customerId)),
      filtersCustomer: false,
    };
  }
  if (terms.length > 0) {
    if (chosenTerm !== undefined && !isPartitionOf('MESSAGE', terms, chosenTerm))
      throw new InvalidCursorError('cursor belongs to a different query');
    const partitions = chosenTerm !== undefined ? [chosenTerm] : probedPartitions('MESSAGE', terms);
    return { source: MESSAGE_POSTINGS, partitions, filtersCustomer: false, terms };
  }
  if (query.status && INDEXED_STATUSES.includes(query.status)) {
    return {
      ...timeline(INDEXES.statusTimeline, timelineKeys.status(query.status)),
      filtersCustomer: false,
    };
  }
  return { ...timeline(INDEXES.logTimeline, timelineKeys.log), filtersCustomer: false };
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

function buildFilter(query: CommunicationQuery, plan: QueryPlan): ReadFilter {
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const equals = (attribute: string, value: string | undefined) => {
    if (value === undefined) return;
    names[`#f_${attribute}`] = attribute;
    values[`:f_${attribute}`] = value;
    clauses.push(`#f_${attribute} = :f_${attribute}`);
  };
  if (plan.filtersCustomer) equals('customerId', query.customerId);
  equals('type', query.type);
  equals('templateId', query.templateId);
  equals('createdBy', query.createdBy);
  // Every word of the text, as the index stores words (ADR 0022): the same test on postings and timelines.
  const words = wordClauses(plan.terms, 'f_q');
  clauses.push(...words.clauses);
  Object.assign(names, words.names);
  Object.assign(values, words.values);
  return { ...(clauses.length > 0 ? { expression: clauses.join(' AND ') } : {}), names, values };
}
