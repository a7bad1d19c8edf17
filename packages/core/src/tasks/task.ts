import { ConflictError, InvalidInputError } from '../errors.js';

/** A follow-up on someone's list: open until done. */
export const TASK_STATUSES = ['Open', 'Done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** Where a task came from: a rep after a call or a message, or the silence watch. */
export type TaskSource =
  | { kind: 'communication'; communicationId: string }
  | { kind: 'silence'; stage: string; stageSequence: number };

export interface TaskEvent {
  action: 'created' | 'completed' | 'snoozed' | 'reassigned' | 'reopened';
  at: string;
  by: string;
  /** The new due time of a snooze, the new assignee of a reassignment, why the system closed it. */
  detail?: string;
}

export interface Task {
  taskId: string;
  title: string;
  note?: string;
  customerId: string;
  vehicleId?: string;
  /** Names when it was written, for lists (as on communications, ADR 0021). */
  customerName?: string;
  vehicleLabel?: string;
  assignee: string;
  /** When it is due (ISO 8601, UTC). */
  dueAt: string;
  status: TaskStatus;
  source?: TaskSource;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  completedAt?: string;
  completedBy?: string;
  /** Every change with who made it: the task's audit trail. */
  history: TaskEvent[];
  /** Increments with every change; saves are conditional on it. */
  version: number;
}

/** What opening a task takes: the rest (status, history, version, times) `newTask` sets. */
export type NewTask = Pick<
  Task,
  | 'taskId'
  | 'title'
  | 'note'
  | 'customerId'
  | 'vehicleId'
  | 'customerName'
  | 'vehicleLabel'
  | 'assignee'
  | 'source'
  | 'createdBy'
> & { dueAt: Date };

export function newTask(input: NewTask, now: Date): Task {
  const at = now.toISOString();
  const { dueAt, ...rest } = input;
  return {
    ...rest,
    dueAt: dueAt.toISOString(),
    status: 'Open',
    createdAt: at,
    updatedAt: at,
    history: [{ action: 'created', at, by: input.createdBy }],
    version: 1,
  };
}

function changed(task: Task, event: TaskEvent, patch: Partial<Task>): Task {
  return {
    ...task,
    ...patch,
    updatedAt: event.at,
    history: [...task.history, event],
    version: task.version + 1,
  };
}

function assertOpen(task: Task, action: string): void {
  if (task.status !== 'Open') throw new ConflictError(`task ${task.taskId} is done: it cannot be ${action}`);
}

/** Done, by a rep or (with why) by the system — the silence watch closing its own task. */
export function completeTask(task: Task, by: string, now: Date, why?: string): Task {
  assertOpen(task, 'completed again');
  const at = now.toISOString();
  return changed(
    task,
    { action: 'completed', at, by, ...(why ? { detail: why } : {}) },
    { status: 'Done', completedAt: at, completedBy: by },
  );
}

/** Open again, as it was, due when it was due. */
export function reopenTask(task: Task, by: string, now: Date): Task {
  if (task.status === 'Open') throw new ConflictError(`task ${task.taskId} is open already`);
  const { completedAt: _at, completedBy: _by, ...open } = task;
  return changed({ ...open, status: 'Open' } as Task, { action: 'reopened', at: now.toISOString(), by }, {});
}

/** Due later: a time after now. */
export function snoozeTask(task: Task, until: Date, by: string, now: Date): Task {
  assertOpen(task, 'snoozed');
  if (until.getTime() <= now.getTime())
    throw new InvalidInputError([{ path: 'until', message: 'give a time in the future' }]);
  const dueAt = until.toISOString();
  return changed(task, { action: 'snoozed', at: now.toISOString(), by, detail: dueAt }, { dueAt });
}

export function reassignTask(task: Task, assignee: string, by: string, now: Date): Task {
  assertOpen(task, 'reassigned');
  if (assignee === task.assignee)
    throw new InvalidInputError([{ path: 'assignee', message: `the task is ${assignee}'s already` }]);
  return changed(task, { action: 'reassigned', at: now.toISOString(), by, detail: assignee }, { assignee });
}

/** Where a task stands for its assignee at `now` in their day: overdue, due today, or upcoming. */
export type TaskUrgency = 'overdue' | 'today' | 'upcoming';

export function urgencyOf(task: Pick<Task, 'dueAt'>, now: Date, endOfToday: Date): TaskUrgency {
  const due = Date.parse(task.dueAt);
  if (due < now.getTime()) return 'overdue';
  return due <= endOfToday.getTime() ? 'today' : 'upcoming';
}
