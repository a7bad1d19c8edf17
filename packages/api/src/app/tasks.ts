import {
  type Actor,
  ConflictError,
  completeTask,
  InvalidInputError,
  NotFoundError,
  newTask,
  type Page,
  reassignTask,
  recipientNames,
  reopenTask,
  requireRole,
  snoozeTask,
  type Task,
  type TaskStatus,
} from '@import-comms/core';
import type { ApiDependencies } from './dependencies.js';
import { requestedCommunicationId } from './idempotency.js';
import { loadRecords } from './records.js';

export interface NewTaskRequest {
  customerId: string;
  vehicleId?: string;
  title: string;
  note?: string;
  dueAt: string;
  /** Whose list it goes on; by default the person creating it. */
  assignee?: string;
  /** The logged call or the message it follows up. */
  communicationId?: string;
}

/**
 * Opens a follow-up task on someone's list, linked to the customer (and vehicle, and the communication it
 * follows up, which must be theirs). With an Idempotency-Key (or a fixed `taskId`) a retry finds the first.
 */
export async function createTask(
  request: NewTaskRequest,
  actor: Actor,
  deps: ApiDependencies,
  options: { idempotencyKey?: string; taskId?: string } = {},
): Promise<{ task: Task; created: boolean }> {
  requireRole(actor, 'agent', 'opening a task');
  const { contact, vehicle } = await loadRecords(deps.customers, request.customerId, request.vehicleId);
  if (request.communicationId) {
    const communication = await deps.communications.get(request.communicationId);
    if (!communication) throw new NotFoundError(`communication ${request.communicationId} does not exist`);
    if (communication.customerId !== contact.customerId)
      throw new InvalidInputError([
        {
          path: 'communicationId',
          message: `communication ${request.communicationId} is another customer's`,
        },
      ]);
  }
  const task = newTask(
    {
      taskId: options.taskId ?? requestedCommunicationId(actor.id, 'task', options.idempotencyKey),
      title: request.title,
      ...(request.note ? { note: request.note } : {}),
      customerId: contact.customerId,
      ...(vehicle ? { vehicleId: vehicle.vehicleId } : {}),
      ...recipientNames(contact, vehicle),
      assignee: request.assignee ?? actor.id,
      dueAt: new Date(request.dueAt),
      ...(request.communicationId
        ? { source: { kind: 'communication' as const, communicationId: request.communicationId } }
        : {}),
      createdBy: actor.id,
    },
    deps.clock.now(),
  );
  return deps.tasks.create(task);
}

export async function getTask(taskId: string, actor: Actor, deps: ApiDependencies): Promise<Task> {
  requireRole(actor, 'agent', 'reading tasks');
  const task = await deps.tasks.get(taskId);
  if (!task) throw new NotFoundError(`task ${taskId} does not exist`);
  return task;
}

export type TaskListRequest =
  | { assignee?: string; status: TaskStatus; limit: number; cursor?: string }
  | { customerId: string; limit: number }
  | { vehicleId: string; limit: number };

/** Someone's list (by default the caller's), or every task about a customer or a vehicle. */
export async function listTasks(
  request: TaskListRequest,
  actor: Actor,
  deps: ApiDependencies,
): Promise<Page<Task>> {
  requireRole(actor, 'agent', 'reading tasks');
  if ('customerId' in request)
    return { items: await deps.tasks.listFor({ customerId: request.customerId }, request.limit) };
  if ('vehicleId' in request)
    return { items: await deps.tasks.listFor({ vehicleId: request.vehicleId }, request.limit) };
  return deps.tasks.listByAssignee(
    request.assignee ?? actor.id,
    request.status,
    request.limit,
    request.cursor,
  );
}

export type TaskChange =
  | { action: 'complete' }
  | { action: 'reopen' }
  | { action: 'snooze'; until: string }
  | { action: 'reassign'; assignee: string };

/**
 * Applies a change to the task as stored now: saved against the version read, and read again once if someone
 * changed it meanwhile (a complete racing a snooze both land, in some order, or the second is refused).
 */
export async function changeTask(
  taskId: string,
  change: TaskChange,
  actor: Actor,
  deps: ApiDependencies,
): Promise<Task> {
  requireRole(actor, 'agent', 'changing a task');
  for (let attempt = 0; attempt < 2; attempt++) {
    const task = await getTask(taskId, actor, deps);
    const now = deps.clock.now();
    const next = applyChange(task, change, actor.id, now);
    const saved = await deps.tasks.save(next);
    if (saved.saved) return next;
  }
  throw new ConflictError(`task ${taskId} is being changed by someone else: reload it and try again`);
}

function applyChange(task: Task, change: TaskChange, by: string, now: Date): Task {
  switch (change.action) {
    case 'complete':
      return completeTask(task, by, now);
    case 'reopen':
      return reopenTask(task, by, now);
    case 'snooze':
      return snoozeTask(task, new Date(change.until), by, now);
    case 'reassign':
      return reassignTask(task, change.assignee, by, now);
  }
}
