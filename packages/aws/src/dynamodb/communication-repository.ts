import { createHash } from 'node:crypto';
import {
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  type Channel,
  type Clock,
  type Communication,
  type CommunicationQuery,
  type CommunicationRepository,
  type CommunicationStatus,
  type CommunicationSummary,
  type CommunicationType,
  type CreateResult,
  type DailyStatusCounts,
  InvalidCursorError,
  InvalidQueryError,
  type Page,
  predecessorsOf,
  previewOf,
  type StatusChange,
  systemClock,
  type TransitionResult,
} from '@import-comms/core';
import * as z from 'zod';
import { batchGet } from './batch.js';
import { inStates, isConditionalFailure, withoutStorageAttributes } from './conditional.js';
import { decodeCursor, encodeCursor, lastEvaluatedKeySchema } from './cursor.js';
import { keys, timelineKeys } from './keys.js';
import { normaliseForSearch, searchTextOf } from './search-text.js';
import { DynamoStatusCounts } from './status-counts.js';
import { INDEXES } from './table-definition.js';

const MAX_LIMIT = 100;
/** Bounds the work of one list request; past it the caller gets what was found and a cursor to go on. */
const MAX_EVALUATED_PER_REQUEST = 2_000;
const MAX_QUERIES_PER_REQUEST = 40;
/** How far back the global timeline reaches when no `from` is given. */
const DEFAULT_LOOKBACK_DAYS = 365;
const DAY_MS = 86_400_000;

/** One partition for everything Scheduled: few at a time (quiet hours, reminders), read by one sweeper. */
const SCHEDULE_KEY = 'SCHEDULED';

/** Final statuses worth finding across all customers (the status filter of the log); the rest are common. */
export const INDEXED_STATUSES: readonly CommunicationStatus[] = [
  'Failed',
  'Bounced',
  'Complained',
  'NotSent',
];

const STORAGE_ONLY = [
  'claimExpiresAt',
  'scheduleKey',
  'scheduleSortKey',
  'PK',
  'SK',
  'entity',
  'statusTimelineKey',
] as const;

const cursorSchema = z
  .object({
    /** Fingerprint of the filters, so a cursor cannot be replayed against another query. */
    f: z.string(),
    /** Day partition being read (global timeline only). */
    d: z.string().optional(),
    /** The range the first page fixed (its defaults resolved then): every later page reads the same one. */
    lo: z.string().optional(),
    hi: z.string().optional(),
    k: lastEvaluatedKeySchema.optional(),
  })
  .strict();
type Cursor = z.infer<typeof cursorSchema>;

function toIsoUtc(value: string, bound: 'from' | 'to'): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new InvalidQueryError(`${bound} is not a valid date-time: ${value}`);
  return date.toISOString();
}

function toSummary(item: Record<string, unknown>): CommunicationSummary {
  return withoutStorageAttributes<CommunicationSummary>(item, STORAGE_ONLY);
}

/**
 * The two items of a communication. DETAILS is the hot half — status, history, address, preview — kept under
 * 1 KB so each status change costs one write unit. CONTENT is written once: the body, the trigger, and the
 * timeline index keys with the attributes the timelines project (search text included), so the indexes are
 * written when a communication is created and never again. Exported for bulk loads (benchmarks) that must
 * write exactly what `create` writes.
 */
export function communicationItems(communication: Communication): {
  details: Record<string, unknown>;
  content: Record<string, unknown>;
} {
  const { content, contentHtml, trigger, ...details } = communication;
  const id = communication.communicationId;
  return {
    content: {
      ...keys.communicationContent(id),
      entity: 'CommunicationContent',
      content,
      contentHtml,
      trigger,
      communicationId: id,
      customerId: communication.customerId,
      vehicleId: communication.vehicleId,
      type: communication.type,
      direction: communication.direction,
      templateId: communication.templateId,
      createdBy: communication.createdBy,
      createdAt: communication.createdAt,
      customerTimelineKey: timelineKeys.customer(communication.customerId),
      vehicleTimelineKey: communication.vehicleId ? timelineKeys.vehicle(communication.vehicleId) : undefined,
      dayTimelineKey: timelineKeys.day(communication.createdAt.slice(0, 10)),
      timelineSortKey: timelineKeys.sort(communication.createdAt, id),
      searchText: searchTextOf(communication.subject, content),
    },
    details: {
      ...details,
      ...keys.communication(id),
      entity: 'Communication',
      preview: previewOf(content),
      ...(INDEXED_STATUSES.includes(communication.status)
        ? { statusTimelineKey: timelineKeys.status(communication.status) }
        : {}),
      ...(communication.status === 'Scheduled' && communication.scheduledFor
        ? {
            scheduleKey: SCHEDULE_KEY,
            scheduleSortKey: timelineKeys.sort(communication.scheduledFor, id),
          }
        : {}),
    },
  };
}

/**
 * Communications in DynamoDB: a small, hot DETAILS item (status, ids, preview) and a CONTENT item written once
 * with the full body, which the timelines index — so status updates stay at one write unit and never touch the
 * timeline indexes (docs/adr/0016-communication-items-and-write-cost.md).
 */
export class DynamoCommunicationRepository implements CommunicationRepository {
  private readonly statusCounts: DynamoStatusCounts;
  private readonly onCountFailure: (error: unknown) => void;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
    options: {
      /** Buffer the dashboard counters until `flushCounts` (the queue-fed functions flush after each batch). */
      bufferedCounts?: boolean;
      /** Told when a dashboard counter could not be written; the status change itself stands. */
      onCountFailure?: (error: unknown) => void;
    } = {},
  ) {
    this.statusCounts = new DynamoStatusCounts(documents, tableName, {
      ...(options.bufferedCounts ? { buffered: true } : {}),
    });
    this.onCountFailure =
      options.onCountFailure ?? ((error) => console.warn('status counter not updated', error));
  }

  /** Writes the dashboard counters buffered so far; a failure is reported, never thrown. */
  async flushCounts(): Promise<void> {
    try {
      await this.statusCounts.flush();
    } catch (error) {
      this.onCountFailure(error);
    }
  }

  /** Sending is a step inside a dispatcher, not an outcome: the dashboard counts the rest. */
  private async count(type: CommunicationType, status: CommunicationStatus, at: string): Promise<void> {
    if (status === 'Sending') return;
    try {
      await this.statusCounts.increment(type, status, at);
    } catch (error) {
      this.onCountFailure(error);
    }
  }

  countsByDay(fromDay: string, toDay: string): Promise<DailyStatusCounts[]> {
    return this.statusCounts.countsByDay(fromDay, toDay);
  }

  async countScheduled(cap: number): Promise<number> {
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

  async create(communication: Communication): Promise<CreateResult> {
    const items = communicationItems(communication);
    // Content first: a crash between the two writes leaves content without details, which a retry completes;
    // never details without content.
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: items.content,
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
    }
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: items.details,
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      await this.count(communication.type, communication.status, communication.createdAt);
      return { created: true };
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
      const existing = await this.getSummary(communication.communicationId);
      if (!existing) throw error;
      return { created: false, existing };
    }
  }

  async get(communicationId: string): Promise<Communication | undefined> {
    const response = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.communication(communicationId).PK },
        ConsistentRead: true,
      }),
    );
    const items = response.Items ?? [];
    const details = items.find((item) => item.SK === 'DETAILS');
    if (!details) return undefined;
    const body = items.find((item) => item.SK === 'CONTENT');
    const { preview, ...summary } = toSummary(details);
    return {
      ...summary,
      ...(body?.trigger ? { trigger: body.trigger as Communication['trigger'] } : {}),
      content: typeof body?.content === 'string' ? body.content : preview,
      ...(typeof body?.contentHtml === 'string' ? { contentHtml: body.contentHtml } : {}),
    };
  }

  private async getSummary(communicationId: string): Promise<CommunicationSummary | undefined> {
    const response = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND SK = :sk',
        ExpressionAttributeValues: { ':pk': keys.communication(communicationId).PK, ':sk': 'DETAILS' },
        ConsistentRead: true,
      }),
    );
    const item = response.Items?.[0];
    return item ? toSummary(item) : undefined;
  }

  async transition(communicationId: string, change: StatusChange): Promise<TransitionResult> {
    const at = change.at.toISOString();
    const allowedFrom = predecessorsOf(change.status);
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = {
      ':status': change.status,
      ':at': at,
      ':entry': [{ status: change.status, at, ...(change.reason ? { reason: change.reason } : {}) }],
    };
    const fromStates = inStates('#status', allowedFrom);
    Object.assign(values, fromStates.values);
    const sets = [
      '#status = :status',
      'updatedAt = :at',
      'statusHistory = list_append(statusHistory, :entry)',
    ];
    if (change.reason) {
      sets.push('statusReason = :reason');
      values[':reason'] = change.reason;
    }
    if (change.providerMessageId) {
      sets.push('providerMessageId = :providerMessageId');
      values[':providerMessageId'] = change.providerMessageId;
    }
    if (change.priceUsd !== undefined) {
      sets.push('priceUsd = :priceUsd');
      values[':priceUsd'] = change.priceUsd;
    }
    if (change.status === 'Sent') sets.push('sentAt = if_not_exists(sentAt, :at)');
    if (INDEXED_STATUSES.includes(change.status)) {
      sets.push('statusTimelineKey = :statusKey');
      values[':statusKey'] = timelineKeys.status(change.status);
    }
    if (change.status === 'Delivered') sets.push('deliveredAt = :at');
    // A claim's lease means nothing once the message has left the dispatcher: keep the hot item small.
    const removes = [
      'scheduleKey',
      'scheduleSortKey',
      ...(change.status === 'Sending' ? [] : ['claimExpiresAt']),
    ];

    if (allowedFrom.length === 0) return this.refusal(communicationId);
    return this.updateStatus(communicationId, {
      UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
      ConditionExpression: `attribute_exists(PK) AND ${fromStates.expression}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    });
  }

  /** Applies core's `canClaim` as one conditional write (a test holds the condition and the rule equal). */
  async claim(communicationId: string, now: Date, leaseSeconds: number): Promise<TransitionResult> {
    const at = now.toISOString();
    return this.updateStatus(communicationId, {
      UpdateExpression:
        'SET #status = :sending, updatedAt = :at, claimExpiresAt = :expires, ' +
        'statusHistory = list_append(statusHistory, :entry) REMOVE scheduleKey, scheduleSortKey',
      ConditionExpression:
        'attribute_exists(PK) AND (#status = :pending OR (#status = :sending AND claimExpiresAt <= :at) ' +
        'OR (#status = :scheduled AND scheduledFor <= :at))',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':sending': 'Sending',
        ':pending': 'Pending',
        ':scheduled': 'Scheduled',
        ':at': at,
        ':expires': new Date(now.getTime() + leaseSeconds * 1000).toISOString(),
        ':entry': [{ status: 'Sending', at }],
      },
    });
  }

  /** A conditional update of the DETAILS item; a failed condition reports what is stored instead. */
  private async updateStatus(
    communicationId: string,
    update: Pick<
      UpdateCommandInput,
      'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
    >,
  ): Promise<TransitionResult> {
    try {
      const response = await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.communication(communicationId),
          ...update,
          ReturnValues: 'ALL_NEW',
        }),
      );
      const communication = toSummary(response.Attributes ?? {});
      await this.count(communication.type, communication.status, communication.updatedAt);
      return { applied: true, communication };
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
      return this.refusal(communicationId);
    }
  }

  private async refusal(communicationId: string): Promise<TransitionResult> {
    const current = await this.getSummary(communicationId);
    return current
      ? { applied: false, reason: 'not-allowed', current }
      : { applied: false, reason: 'not-found' };
  }

  async listDue(now: Date, limit: number): Promise<{ communicationId: string; channel: Channel }[]> {
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
    const ids = (response.Items ?? []).map((item) => String(item.PK).slice('COMMUNICATION#'.length));
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

  async releaseClaim(communicationId: string, now: Date): Promise<void> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.communication(communicationId),
          UpdateExpression: 'SET claimExpiresAt = :at',
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':at': now.toISOString(), ':sending': 'Sending' },
        }),
      );
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
    }
  }

  async findByProviderMessageId(providerMessageId: string): Promise<CommunicationSummary | undefined> {
    const response = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.providerMessage.name,
        KeyConditionExpression: '#id = :id',
        ExpressionAttributeNames: { '#id': INDEXES.providerMessage.partitionKey },
        ExpressionAttributeValues: { ':id': providerMessageId },
        Limit: 1,
      }),
    );
    const key = response.Items?.[0];
    if (!key) return undefined;
    return this.getSummary(String(key.PK).slice('COMMUNICATION#'.length));
  }

  async list(query: CommunicationQuery): Promise<Page<CommunicationSummary>> {
    const limit = Math.min(Math.max(1, Math.trunc(query.limit)), MAX_LIMIT);
    // The filters as asked (a range left open is part of the query, not the time it was asked at).
    const fingerprint = fingerprintOf({ ...query, limit: undefined, cursor: undefined });
    const cursor: Cursor = query.cursor ? decodeCursor(query.cursor, cursorSchema) : { f: fingerprint };
    if (cursor.f !== fingerprint) throw new InvalidCursorError('cursor belongs to a different query');
    // The first page fixes the range (an open end means "now" then); later pages read that same range, however
    // much time passes between them.
    const to = cursor.hi ?? (query.to ? toIsoUtc(query.to, 'to') : this.clock.now().toISOString());
    const from =
      cursor.lo ??
      (query.from
        ? toIsoUtc(query.from, 'from')
        : new Date(new Date(to).getTime() - DEFAULT_LOOKBACK_DAYS * DAY_MS).toISOString());
    // DynamoDB refuses BETWEEN with its bounds inverted: an empty range is the caller's mistake, said as such.
    if (from > to) throw new InvalidQueryError(`from (${from}) is after to (${to})`);

    const plan = this.planQuery(query);
    const filter = buildFilter(query, plan.filtersCustomer);
    const found: CommunicationSummary[] = [];
    let evaluated = 0;
    let queries = 0;
    let day = plan.index === INDEXES.dayTimeline ? (cursor.d ?? to.slice(0, 10)) : undefined;
    let startKey = cursor.k;
    const firstDay = from.slice(0, 10);

    while (
      found.length < limit &&
      evaluated < MAX_EVALUATED_PER_REQUEST &&
      queries < MAX_QUERIES_PER_REQUEST
    ) {
      const partition = day ? timelineKeys.day(day) : plan.partition;
      const response = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: plan.index.name,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lo AND :hi',
          ...(filter.expression ? { FilterExpression: filter.expression } : {}),
          ExpressionAttributeNames: {
            '#pk': plan.index.partitionKey,
            '#sk': plan.index.sortKey,
            ...filter.names,
          },
          ExpressionAttributeValues: {
            ':pk': partition,
            ':lo': from,
            ':hi': `${to}#\uffff`,
            ...filter.values,
          },
          ScanIndexForward: false,
          Limit: limit - found.length,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      queries++;
      evaluated += response.ScannedCount ?? 0;
      found.push(...(await this.withStatus(response.Items ?? [], query.status)));
      startKey = response.LastEvaluatedKey as Record<string, string> | undefined;
      if (startKey) continue;
      // This partition is exhausted: the global timeline moves to the previous day, the others are done.
      if (day && day > firstDay) {
        day = new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
        continue;
      }
      day = undefined;
      break;
    }
    const more = startKey !== undefined || day !== undefined;
    return {
      items: found,
      ...(more
        ? {
            cursor: encodeCursor({
              f: fingerprint,
              lo: from,
              hi: to,
              ...(day ? { d: day } : {}),
              ...(startKey ? { k: startKey } : {}),
            }),
          }
        : {}),
    };
  }

  private planQuery(query: CommunicationQuery): {
    index: (typeof INDEXES)['customerTimeline' | 'vehicleTimeline' | 'dayTimeline' | 'statusTimeline'];
    partition: string;
    filtersCustomer: boolean;
  } {
    if (query.vehicleId) {
      return {
        index: INDEXES.vehicleTimeline,
        partition: timelineKeys.vehicle(query.vehicleId),
        filtersCustomer: query.customerId !== undefined,
      };
    }
    if (query.customerId) {
      return {
        index: INDEXES.customerTimeline,
        partition: timelineKeys.customer(query.customerId),
        filtersCustomer: false,
      };
    }
    // The status index covers DETAILS items, which carry no search text: a text search reads the timeline.
    if (query.status && INDEXED_STATUSES.includes(query.status) && !query.q) {
      return {
        index: INDEXES.statusTimeline,
        partition: timelineKeys.status(query.status),
        filtersCustomer: false,
      };
    }
    return { index: INDEXES.dayTimeline, partition: '', filtersCustomer: false };
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

function fingerprintOf(value: Record<string, unknown>): string {
  const stable = JSON.stringify(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(),
  );
  return createHash('sha256').update(stable).digest('base64url').slice(0, 16);
}

function buildFilter(
  query: CommunicationQuery,
  filtersCustomer: boolean,
): { expression?: string; names: Record<string, string>; values: Record<string, unknown> } {
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
