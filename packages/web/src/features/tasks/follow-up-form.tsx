import { useId, useState } from 'react';
import { toast } from 'sonner';
import type { Communication } from '../../api/types';
import { useSession } from '../../auth/session';
import { Button, errorMessage, inputClass } from '../../components/ui';
import { toLocalInput, tomorrowMorning } from '../../format';
import { RepOptions } from '../team/rep-options';
import { useTeam } from '../team/use-team';
import { useCreateTask } from './api';

/** Opens a follow-up task on what a message or a logged call said: on the rep's list unless handed to another. */
export function FollowUpForm({ message }: { message: Communication }) {
  const create = useCreateTask();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(
    () => `Follow up: ${message.subject ?? `${message.type} ${message.direction}`}`,
  );
  const [dueAt, setDueAt] = useState(() => toLocalInput(tomorrowMorning()));
  const [assignee, setAssignee] = useState('');
  const { nameOf } = useTeam();
  const { user } = useSession();
  const [note, setNote] = useState('');
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const ids = useId();
  if (!open)
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Add a follow-up task
      </Button>
    );
  return (
    <form
      aria-label="Follow-up task"
      className="space-y-2 rounded border border-slate-200 p-3"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate(
          {
            idempotencyKey,
            task: {
              customerId: message.customerId,
              ...(message.vehicleId ? { vehicleId: message.vehicleId } : {}),
              communicationId: message.communicationId,
              title: title.trim(),
              dueAt: new Date(dueAt).toISOString(),
              ...(assignee ? { assignee } : {}),
              ...(note.trim() ? { note: note.trim() } : {}),
            },
          },
          {
            onSuccess: (task) => {
              toast.success(
                task.assignee === user?.id
                  ? 'Follow-up on your list'
                  : `Follow-up opened for ${nameOf(task.assignee)}`,
              );
              setIdempotencyKey(crypto.randomUUID());
              setOpen(false);
            },
            onError: (error) => toast.error(errorMessage(error)),
          },
        );
      }}
    >
      <label htmlFor={`${ids}-title`} className="block text-xs text-slate-700">
        Task
        <input
          id={`${ids}-title`}
          className={inputClass}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
          maxLength={200}
        />
      </label>
      <div className="grid gap-2 sm:grid-cols-2">
        <label htmlFor={`${ids}-due`} className="block text-xs text-slate-700">
          Due (yours)
          <input
            id={`${ids}-due`}
            type="datetime-local"
            className={inputClass}
            value={dueAt}
            onChange={(e) => setDueAt(e.target.value)}
            required
          />
        </label>
        <div className="text-xs text-slate-700">
          <label htmlFor={`${ids}-assignee`} className="block">
            For
          </label>
          <select
            id={`${ids}-assignee`}
            className={inputClass}
            value={assignee}
            onChange={(e) => setAssignee(e.target.value)}
          >
            <option value="">Me</option>
            <RepOptions except={user?.id} />
          </select>
        </div>
      </div>
      <label htmlFor={`${ids}-note`} className="block text-xs text-slate-700">
        Note
        <input
          id={`${ids}-note`}
          className={inputClass}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <div className="flex gap-2">
        <Button type="submit" disabled={create.isPending}>
          Open the task
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Not now
        </Button>
      </div>
    </form>
  );
}
