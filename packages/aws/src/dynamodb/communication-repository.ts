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
  type Page,
  predecessorsOf,
  type Reschedule,
  type StatusChange,
  systemClock,
  type TransitionResult,
} from '@import-comms/core';
import { batchWrite } from './batch.js';
import {
  communicationIdOf,
  communicationItems,
  INDEXED_STATUSES,
  SCHEDULE_KEY,
  toSummary,
} from './communications/items.js';
import { ScheduleIndex } from './communications/schedule-index.js';
import { TimelineSearch } from './communications/timeline-search.js';
import { inStates, isConditionalFailure } from './conditional.js';
import { keys, timelineKeys } from './keys.js';
import { DynamoStatusCounts } from './status-counts.js';
import { INDEXES } from './table-definition.js';

export { communicationItems, INDEXED_STATUSES } from './communications/items.js';
export { moveShardedLogEntries } from './communications/log-partition.js';

/** Steps on the way to an outcome, which the dashboard does not count. */
const UNCOUNTED_STEPS: ReadonlySet<CommunicationStatus> = new Set(['Scheduled', 'Pending', 'Sending']);

/**
 * Communications in DynamoDB: a small, hot DETAILS item (status, ids, preview) and a CONTENT item written once
 * with the full body, which the timelines index — so status updates stay at one write unit and never touch the
 * timeline indexes (docs/adr/0016-communication-items-and-write-cost.md).
 */
export class DynamoCommunicationRepository implements CommunicationRepository {
  private readonly statusCounts: DynamoStatusCounts;
  private readonly schedule: ScheduleIndex;
  private readonly search: TimelineSearch;
  private readonly onCountFailure: (error: unknown) => void;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    clock: Clock = systemClock,
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
    this.schedule = new ScheduleIndex(documents, tableName);
    this.search = new TimelineSearch(documents, tableName, clock);
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

  /**
   * The dashboard counts outcomes (sent, delivered, failed, logged…), not the steps on the way to one: what waits
   * for its time is counted from the schedule index, and a message is Pending or Sending for seconds. So creating
   * a message to send costs no counter write (ADR 0030).
   */
  private async count(type: CommunicationType, status: CommunicationStatus, at: string): Promise<void> {
    if (UNCOUNTED_STEPS.has(status)) return;
    try {
      await this.statusCounts.increment(type, status, at);
    } catch (error) {
      this.onCountFailure(error);
    }
  }

  countsByDay(fromDay: string, toDay: string): Promise<DailyStatusCounts[]> {
    return this.statusCounts.countsByDay(fromDay, toDay);
  }

  countScheduled(cap: number): Promise<number> {
    return this.schedule.count(cap);
  }

  async create(communication: Communication): Promise<CreateResult> {
    const items = communicationItems(communication);
    // Content, then the search postings, then details: a crash on the way leaves content (and some postings)
    // without details, which a retry completes; never details without content or without postings. A search
    // meeting a posting whose details are not written yet skips it.
    let contentCreated = true;
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
      contentCreated = false;
    }
    if (!contentCreated) {
      // A redelivery (details exist: nothing to write) or the retry of a create that stopped half way.
      const existing = await this.getSummary(communication.communicationId);
      if (existing) return { created: false, existing };
    }
    await batchWrite(this.documents, this.tableName, { put: items.postings });
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
      ...(body?.renderDetail
        ? { renderDetail: body.renderDetail as NonNullable<Communication['renderDetail']> }
        : {}),
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
      ':entry': [
        {
          status: change.status,
          at,
          ...(change.reason ? { reason: change.reason } : {}),
          ...(change.by ? { by: change.by } : {}),
        },
      ],
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

  /** Moves the time and the schedule index entry together, only while the message is Scheduled. */
  async reschedule(communicationId: string, change: Reschedule): Promise<TransitionResult> {
    const scheduledFor = change.scheduledFor.toISOString();
    return this.updateStatus(
      communicationId,
      {
        UpdateExpression:
          'SET scheduledFor = :for, scheduledReason = :rescheduled, scheduleKey = :scheduleKey, ' +
          'scheduleSortKey = :scheduleSortKey, updatedAt = :at, statusHistory = list_append(statusHistory, :entry)',
        ConditionExpression: 'attribute_exists(PK) AND #status = :scheduled',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':for': scheduledFor,
          ':rescheduled': 'rescheduled',
          ':scheduleKey': SCHEDULE_KEY,
          ':scheduleSortKey': timelineKeys.sort(scheduledFor, communicationId),
          ':at': change.at.toISOString(),
          ':scheduled': 'Scheduled',
          ':entry': [
            { status: 'Scheduled', at: change.at.toISOString(), reason: change.reason, by: change.by },
          ],
        },
      },
      { counted: false },
    );
  }

  async recordResend(communicationId: string, resendId: string): Promise<void> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.communication(communicationId),
          UpdateExpression: 'SET resentAs = list_append(if_not_exists(resentAs, :none), :id)',
          // Once per resend, however often a retried request records it.
          ConditionExpression: 'attribute_exists(PK) AND NOT contains(resentAs, :resendId)',
          ExpressionAttributeValues: { ':none': [], ':id': [resendId], ':resendId': resendId },
        }),
      );
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
    }
  }

  /** A conditional update of the DETAILS item; a failed condition reports what is stored instead. */
  private async updateStatus(
    communicationId: string,
    update: Pick<
      UpdateCommandInput,
      'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
    >,
    options: { counted: boolean } = { counted: true },
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
      if (options.counted)
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

  listDue(now: Date, limit: number): Promise<{ communicationId: string; channel: Channel }[]> {
    return this.schedule.due(now, limit);
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
    return this.getSummary(communicationIdOf(key));
  }

  list(query: CommunicationQuery): Promise<Page<CommunicationSummary>> {
    return this.search.list(query);
  }
}
