import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import type { Communication, ScheduleReason } from '../../api/types';
import { Button, errorMessage, formatDateTime, inputClass } from '../../components/ui';
import { formatInTimeZone, toLocalInput } from '../../format';
import { customerQueries } from '../customers/api';
import { useScheduledAction } from './api';

const WHY: Record<ScheduleReason, string> = {
  'quiet-hours': "held until the customer's quiet hours end",
  'payment-reminder': "timed by the payment's due date",
  rescheduled: 'rescheduled by a rep',
};

/**
 * What a rep can do with a message that has not gone out: when and why it goes out (in the rep's time and the
 * customer's), send it now, move it, or cancel it — cancelling asks once more, in the page, not in a pop-up.
 */
export function ScheduledControls({ message }: { message: Communication }) {
  const action = useScheduledAction(message.communicationId);
  const customer = useQuery(customerQueries.detail(message.customerId));
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const [when, setWhen] = useState(() => toLocalInput(message.scheduledFor ?? new Date().toISOString()));
  const whenId = useId();
  const run = (request: Parameters<typeof action.mutate>[0], done: string) =>
    action.mutate(request, {
      onSuccess: () => {
        toast.success(done);
        setConfirmingCancel(false);
      },
      onError: (error) => toast.error(errorMessage(error)),
    });
  const timezone = customer.data?.timezone;

  return (
    <section
      aria-label="Scheduled message"
      className="space-y-3 rounded border border-violet-200 bg-violet-50 p-3"
    >
      {message.status === 'Scheduled' && message.scheduledFor ? (
        <p>
          <span className="font-medium">Goes out {formatDateTime(message.scheduledFor)}</span>
          {timezone && (
            <span className="text-slate-700">
              {' '}
              ({formatInTimeZone(message.scheduledFor, timezone)} for the customer, {timezone})
            </span>
          )}
          {message.scheduledReason && (
            <span className="block text-slate-700">{WHY[message.scheduledReason]}</span>
          )}
        </p>
      ) : (
        <p className="font-medium">Waiting for a dispatcher: it can still be cancelled.</p>
      )}
      <div className="flex flex-wrap items-end gap-2">
        {message.status === 'Scheduled' && (
          <>
            <Button onClick={() => run({ action: 'send-now' }, 'Sending now')} disabled={action.isPending}>
              Send now
            </Button>
            <form
              className="flex flex-wrap items-end gap-2"
              onSubmit={(event) => {
                event.preventDefault();
                const at = new Date(when);
                if (Number.isNaN(at.getTime())) return;
                run(
                  { action: 'reschedule', scheduledFor: at.toISOString() },
                  `Rescheduled for ${formatDateTime(at.toISOString())}`,
                );
              }}
            >
              <label htmlFor={whenId} className="text-xs text-slate-700">
                New time (yours)
                <input
                  id={whenId}
                  type="datetime-local"
                  className={inputClass}
                  value={when}
                  onChange={(event) => setWhen(event.target.value)}
                  required
                />
              </label>
              <Button type="submit" variant="secondary" disabled={action.isPending}>
                Reschedule
              </Button>
            </form>
          </>
        )}
        {confirmingCancel ? (
          // biome-ignore lint/a11y/useSemanticElements: a group of two buttons asking one question
          <div role="group" aria-label="Cancel this message?" className="flex items-center gap-2">
            <span>It will not be sent.</span>
            <Button variant="danger" onClick={() => run({ action: 'cancel' }, 'Message cancelled')} autoFocus>
              Yes, cancel it
            </Button>
            <Button variant="ghost" onClick={() => setConfirmingCancel(false)}>
              Keep it
            </Button>
          </div>
        ) : (
          <Button variant="secondary" onClick={() => setConfirmingCancel(true)} disabled={action.isPending}>
            Cancel message
          </Button>
        )}
      </div>
    </section>
  );
}
