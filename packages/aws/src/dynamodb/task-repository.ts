import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Page, SaveResult, Task, TaskRepository, TaskStatus } from '@import-comms/core';
import { batchGet, batchWrite } from './batch.js';
import { isConditionalFailure, withoutStorageAttributes } from './conditional.js';
import { decodeCursor, encodeCursor, lastEvaluatedKeySchema } from './cursor.js';
import { keys } from './keys.js';
import { INDEXES } from './table-definition.js';

const STORAGE_ONLY = ['PK', 'SK', 'entity', 'directoryKey', 'directorySortKey'] as const;

/** The task lists' partitions of the directory index; the prefix keeps them apart from its other lists. */
const listKeys = {
  assignee: (assignee: string, status: TaskStatus) => `TASKS#ASSIGNEE#${assignee}#${status}`,
  customer: (customerId: string) => `TASKS#CUSTOMER#${customerId}`,
  vehicle: (vehicleId: string) => `TASKS#VEHICLE#${vehicleId}`,
  /** Open silence-watch tasks: linked while open, unlinked when done. */
  openSilence: 'TASKS#SILENCE#Open',
};

/** The link that lists an open silence-watch task for the watch to close. */
function openSilenceLink(task: Task): Record<string, unknown> {
  return {
    ...keys.taskLink(task.taskId, 'SILENCE'),
    entity: 'TaskLink',
    directoryKey: listKeys.openSilence,
    directorySortKey: `${task.createdAt}#${task.taskId}`,
  };
}

/** The task item: listed under its assignee and status, open ones by due time, done ones by completion. */
function taskItem(task: Task): Record<string, unknown> {
  return {
    ...task,
    ...keys.task(task.taskId),
    entity: 'Task',
    directoryKey: listKeys.assignee(task.assignee, task.status),
    directorySortKey: `${task.status === 'Open' ? task.dueAt : (task.completedAt ?? task.updatedAt)}#${task.taskId}`,
  };
}

/** The customer's and vehicle's link items: only keys, so they never need to change with the task. */
function linkItems(task: Task): Record<string, unknown>[] {
  const sortKey = `${task.createdAt}#${task.taskId}`;
  return [
    {
      ...keys.taskLink(task.taskId, 'CUSTOMER'),
      entity: 'TaskLink',
      directoryKey: listKeys.customer(task.customerId),
      directorySortKey: sortKey,
    },
    ...(task.vehicleId
      ? [
          {
            ...keys.taskLink(task.taskId, 'VEHICLE'),
            entity: 'TaskLink',
            directoryKey: listKeys.vehicle(task.vehicleId),
            directorySortKey: sortKey,
          },
        ]
      : []),
  ];
}

const toTask = (item: Record<string, unknown>): Task => withoutStorageAttributes<Task>(item, STORAGE_ONLY);

/** Open first, soonest due first; then done, latest completed first. */
function byUrgency(a: Task, b: Task): number {
  if (a.status !== b.status) return a.status === 'Open' ? -1 : 1;
  if (a.status === 'Open') return a.dueAt.localeCompare(b.dueAt);
  return (b.completedAt ?? '').localeCompare(a.completedAt ?? '');
}

/** Follow-up tasks in the single table (docs/adr/0024-follow-up-tasks.md). */
export class DynamoTaskRepository implements TaskRepository {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(task: Task): Promise<{ created: boolean; task: Task }> {
    let created = true;
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: taskItem(task),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
      created = false;
    }
    const stored = created ? task : ((await this.get(task.taskId)) ?? task);
    // Links after the task, and again on a retry: a crash in between leaves a task its customer (or the silence
    // watch, while it is open) does not list yet, which the retry (or a repeated sweep) completes.
    const silenceLink =
      stored.source?.kind === 'silence' && stored.status === 'Open' ? [openSilenceLink(stored)] : [];
    await batchWrite(this.documents, this.tableName, { put: [...linkItems(stored), ...silenceLink] });
    return { created, task: stored };
  }

  async get(taskId: string): Promise<Task | undefined> {
    const response = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: keys.task(taskId), ConsistentRead: true }),
    );
    return response.Item ? toTask(response.Item) : undefined;
  }

  async save(task: Task): Promise<SaveResult> {
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: taskItem(task),
          ConditionExpression: 'attribute_exists(PK) AND version = :read',
          ExpressionAttributeValues: { ':read': task.version - 1 },
        }),
      );
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
      return { saved: false, reason: 'conflict' };
    }
    if (task.source?.kind === 'silence') {
      // The watch's list follows the task: a stale link is harmless (it reads the task), a missing one is not.
      if (task.status === 'Open')
        await batchWrite(this.documents, this.tableName, { put: [openSilenceLink(task)] });
      else
        await this.documents.send(
          new DeleteCommand({ TableName: this.tableName, Key: keys.taskLink(task.taskId, 'SILENCE') }),
        );
    }
    return { saved: true };
  }

  async listOpenSilenceTasks(limit: number): Promise<Task[]> {
    const linked = await this.linkedTasks(listKeys.openSilence, limit, true);
    return linked.filter((task) => task.status === 'Open');
  }

  async listByAssignee(
    assignee: string,
    status: TaskStatus,
    limit: number,
    cursor?: string,
  ): Promise<Page<Task>> {
    const start = cursor ? decodeCursor(cursor, lastEvaluatedKeySchema) : undefined;
    const response = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.directory.name,
        KeyConditionExpression: '#list = :list',
        ExpressionAttributeNames: { '#list': INDEXES.directory.partitionKey },
        ExpressionAttributeValues: { ':list': listKeys.assignee(assignee, status) },
        ScanIndexForward: status === 'Open',
        Limit: limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    const next = response.LastEvaluatedKey as Record<string, string> | undefined;
    return {
      items: (response.Items ?? []).map(toTask),
      ...(next ? { cursor: encodeCursor(next) } : {}),
    };
  }

  async listFor(subject: { customerId: string } | { vehicleId: string }, limit: number): Promise<Task[]> {
    const list =
      'customerId' in subject ? listKeys.customer(subject.customerId) : listKeys.vehicle(subject.vehicleId);
    return (await this.linkedTasks(list, limit, false)).sort(byUrgency);
  }

  /** The tasks a list of link items names, read as they stand now (one query, one batch read). */
  private async linkedTasks(list: string, limit: number, oldestFirst: boolean): Promise<Task[]> {
    const response = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.directory.name,
        KeyConditionExpression: '#list = :list',
        ExpressionAttributeNames: { '#list': INDEXES.directory.partitionKey },
        ExpressionAttributeValues: { ':list': list },
        ScanIndexForward: oldestFirst,
        Limit: limit,
      }),
    );
    const ids = (response.Items ?? []).map((item) => String(item.PK).slice('TASK#'.length));
    if (ids.length === 0) return [];
    const found = await batchGet(
      this.documents,
      this.tableName,
      ids.map((id) => keys.task(id)),
    );
    return [...found.values()].map(toTask);
  }
}
