import clsx from 'clsx';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import type { Task } from '../../api/types';
import { useSession } from '../../auth/session';
import { Button, errorMessage, formatDateTime, inputClass } from '../../components/ui';
import { toLocalInput, tomorrowMorning } from '../../format';
import { RepOptions } from '../team/rep-options';
import { useTeam } from '../team/use-team';
import { type TaskChange, useChangeTask } from './api';

/** The team's shared queue: tasks no rep owns yet (the silence watch's when nobody was in touch). */
export const UNASSIGNED = 'unassigned';

export type Urgency = 'overdue' | 'today' | 'upcoming';

/** Where a task stands in the rep's day: past due, due before midnight (their time), or later. */
export function urgencyOf(task: Pick<Task, 'dueAt'>, now: Date): Urgency {
  const due = Date.parse(task.dueAt);
  if (due < now.getTime()) return 'overdue';
  const endOfToday = new Date(now);
  endOfToday.setHours(23, 59, 59, 999);
  return due <= endOfToday.getTime() ? 'today' : 'upcoming';
}

const URGENCY_STYLE: Record<Urgency, string> = {
  overdue: 'bg-rose-100 text-rose-800',
  today: 'bg-amber-100 text-amber-900',
  upcoming: 'bg-slate-100 text-slate-700',
};

/** One task with what a rep does to it: done, snooze (an hour, tomorrow, or a time), hand to someone else. */
export function TaskItem({ task, now, showAssignee }: { task: Task; now: Date; showAssignee?: boolean }) {
  const change = useChangeTask();
  const { user } = useSession();
  const [until, setUntil] = useState(() => toLocalInput(tomorrowMorning(now)));
  const [assignee, setAssignee] = useState('');
  const { nameOf } = useTeam();
  const ids = useId();
  const run = (next: TaskChange, done: string) =>
    change.mutate(
      { taskId: task.taskId, change: next },
      { onSuccess: () => toast.success(done), onError: (error) => toast.error(errorMessage(error)) },
    );
  const urgency = urgencyOf(task, now);
  const open = task.status === 'Open';
  return (
    <li className="space-y-2 rounded-md border border-slate-200 p-3" aria-label={task.title}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className={clsx('font-medium', !open && 'text-slate-500 line-through')}>{task.title}</p>
          <p className="text-sm text-slate-600">
            <Link className="text-sky-700 underline" to={`/customers/${task.customerId}`}>
              {task.customerName ?? task.customerId}
            </Link>
            {task.vehicleId && (
              <>
                {' · '}
                <Link className="text-sky-700 underline" to={`/vehicles/${task.vehicleId}`}>
                  {task.vehicleLabel ?? task.vehicleId}
                </Link>
              </>
            )}
            {task.source?.kind === 'silence' && <span> · opened by the silence watch</span>}
          </p>
          {task.note && <p className="mt-1 whitespace-pre-wrap text-sm text-slate-700">{task.note}</p>}
        </div>
        <div className="text-right text-sm">
          {open ? (
            <span
              className={clsx(
                'inline-block rounded-full px-2 py-0.5 text-xs font-medium',
                URGENCY_STYLE[urgency],
              )}
            >
              {urgency === 'overdue' ? 'Overdue' : urgency === 'today' ? 'Today' : 'Due'}{' '}
              {formatDateTime(task.dueAt)}
            </span>
          ) : (
            <span className="text-xs text-slate-500">
              Done {formatDateTime(task.completedAt)} by {nameOf(task.completedBy ?? '')}
            </span>
          )}
          {showAssignee && <p className="text-xs text-slate-500">for {nameOf(task.assignee)}</p>}
          {task.createdBy !== task.assignee && (
            <p className="text-xs text-slate-500">from {nameOf(task.createdBy)}</p>
          )}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {open ? (
          <>
            {task.assignee === UNASSIGNED && user && (
              <Button
                onClick={() => run({ action: 'reassign', assignee: user.id }, 'On your list now')}
                disabled={change.isPending}
              >
                Take it
              </Button>
            )}
            <Button
              variant={task.assignee === UNASSIGNED ? 'secondary' : 'primary'}
              onClick={() => run({ action: 'complete' }, 'Task done')}
              disabled={change.isPending}
            >
              Done
            </Button>
            <Button
              variant="secondary"
              onClick={() =>
                run(
                  { action: 'snooze', until: new Date(now.getTime() + 3_600_000).toISOString() },
                  'Snoozed for an hour',
                )
              }
              disabled={change.isPending}
            >
              Snooze 1 hour
            </Button>
            <details className="text-sm">
              <summary className="cursor-pointer rounded-md px-2 py-1.5 text-slate-700 hover:bg-slate-50">
                More
              </summary>
              <div className="mt-2 flex flex-wrap items-end gap-3">
                <form
                  className="flex items-end gap-2"
                  onSubmit={(event) => {
                    event.preventDefault();
                    run({ action: 'snooze', until: new Date(until).toISOString() }, 'Snoozed');
                  }}
                >
                  <label htmlFor={`${ids}-until`} className="text-xs text-slate-700">
                    Due instead (yours)
                    <input
                      id={`${ids}-until`}
                      type="datetime-local"
                      className={inputClass}
                      value={until}
                      onChange={(event) => setUntil(event.target.value)}
                      required
                    />
                  </label>
                  <Button type="submit" variant="secondary" disabled={change.isPending}>
                    Snooze
                  </Button>
                </form>
                <form
                  className="flex items-end gap-2"
                  onSubmit={(event) => {
                    event.preventDefault();
                    run({ action: 'reassign', assignee }, `Handed to ${nameOf(assignee)}`);
                  }}
                >
                  <div className="text-xs text-slate-700">
                    <label htmlFor={`${ids}-assignee`} className="block">
                      Hand to
                    </label>
                    <select
                      id={`${ids}-assignee`}
                      className={inputClass}
                      value={assignee}
                      onChange={(event) => setAssignee(event.target.value)}
                      required
                    >
                      <option value="">Choose a rep…</option>
                      <RepOptions except={task.assignee} />
                    </select>
                  </div>
                  <Button type="submit" variant="secondary" disabled={change.isPending}>
                    Reassign
                  </Button>
                </form>
              </div>
            </details>
          </>
        ) : (
          <Button
            variant="ghost"
            onClick={() => run({ action: 'reopen' }, 'Task open again')}
            disabled={change.isPending}
          >
            Reopen
          </Button>
        )}
      </div>
    </li>
  );
}
