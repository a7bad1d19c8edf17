import { useState } from 'react';
import { toast } from 'sonner';
import type { Communication } from '../../api/types';
import { Button, errorMessage } from '../../components/ui';
import { useResend } from './api';

export const RESENDABLE = ['Failed', 'Bounced', 'NotSent'];

/**
 * A message that did not reach the customer, sent again as a new message linked to this one: on its own channel
 * (after the address was fixed) or the other. One key per attempt, so a double click sends once.
 */
export function ResendControls({
  message,
  onOpen,
}: {
  message: Communication;
  onOpen?: (id: string) => void;
}) {
  const resend = useResend(message.communicationId);
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const channel = message.type as 'Email' | 'SMS';
  const other = channel === 'Email' ? 'SMS' : 'Email';
  const send = (to: 'Email' | 'SMS') =>
    resend.mutate(
      { channel: to, idempotencyKey },
      {
        onSuccess: (accepted) => {
          setIdempotencyKey(crypto.randomUUID());
          toast.success(
            accepted.status === 'Scheduled'
              ? `Scheduled by ${to} for the end of quiet hours`
              : `Sent again by ${to}`,
          );
          onOpen?.(accepted.communicationId);
        },
        onError: (error) => toast.error(errorMessage(error)),
      },
    );
  return (
    <section aria-label="Send again" className="space-y-2 rounded border border-rose-200 bg-rose-50 p-3">
      <p>
        It did not reach the customer. Retry once their address is corrected (customer records come from the
        CRM), or use the other channel.
      </p>
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => send(channel)} disabled={resend.isPending}>
          Retry by {channel === 'Email' ? 'email' : 'SMS'}
        </Button>
        <Button variant="secondary" onClick={() => send(other)} disabled={resend.isPending}>
          Send by {other === 'Email' ? 'email' : 'SMS'} instead
        </Button>
      </div>
    </section>
  );
}
