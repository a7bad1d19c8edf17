import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { CommunicationSummary } from '../api/types';
import { communicationQueries } from '../features/communications/api';
import { outcomeLabel } from '../features/communications/outcomes';
import { RESENDABLE, ResendControls } from '../features/communications/resend-controls';
import { ScheduledControls } from '../features/communications/scheduled-controls';
import { FollowUpForm } from '../features/tasks/follow-up-form';
import { useTeam } from '../features/team/use-team';
import { Button, ErrorNotice, formatDateTime, formatDay, Loading, StatusBadge } from './ui';

/** One communication: what the customer received (or the notes), and every status with when and why. */
export function CommunicationDetail({
  id,
  onClose,
  onOpen,
  around = [],
}: {
  id: string;
  onClose: () => void;
  /** Opens another message in this panel (a resend and the message it sends again). */
  onOpen?: (id: string) => void;
  /** The messages around it on the page (a timeline), from which its conversation is shown. */
  around?: readonly CommunicationSummary[];
}) {
  const detail = useQuery({
    ...communicationQueries.detail(id),
  });
  const c = detail.data;
  const { nameOf } = useTeam();
  return (
    <aside
      aria-label="Communication details"
      className="fixed inset-y-0 right-0 z-20 flex w-full max-w-xl flex-col border-l border-slate-200 bg-white shadow-xl"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <header className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
        <h2 className="font-semibold">{c ? (c.subject ?? `${c.type} ${c.direction}`) : 'Communication'}</h2>
        <Button variant="ghost" onClick={onClose} aria-label="Close details" autoFocus>
          ✕
        </Button>
      </header>
      {detail.isPending && <Loading />}
      {detail.error && <ErrorNotice error={detail.error} retry={() => detail.refetch()} />}
      {c && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
        <div tabIndex={0} className="flex-1 space-y-4 overflow-y-auto p-4 text-sm">
          <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1">
            <dt className="text-slate-500">Status</dt>
            <dd>
              <StatusBadge status={c.status} received={c.inbound !== undefined} />{' '}
              {c.statusReason && <span className="text-slate-600">{c.statusReason}</span>}
            </dd>
            <dt className="text-slate-500">Customer</dt>
            <dd>
              <Link className="text-sky-700 underline" to={`/customers/${c.customerId}`}>
                {c.customerName ?? c.customerId}
              </Link>
              {c.customerName && <span className="text-xs text-slate-500"> {c.customerId}</span>}
            </dd>
            {c.vehicleId && (
              <>
                <dt className="text-slate-500">Vehicle</dt>
                <dd>
                  <Link className="text-sky-700 underline" to={`/vehicles/${c.vehicleId}`}>
                    {c.vehicleLabel ?? c.vehicleId}
                  </Link>
                  {c.vehicleLabel && <span className="text-xs text-slate-500"> {c.vehicleId}</span>}
                </dd>
              </>
            )}
            {c.address && (
              <>
                <dt className="text-slate-500">{c.direction === 'inbound' ? 'From' : 'To'}</dt>
                <dd>{c.address}</dd>
              </>
            )}
            {c.templateId && (
              <>
                <dt className="text-slate-500">Template</dt>
                <dd>
                  {c.templateId} v{c.templateVersion}
                </dd>
              </>
            )}
            {c.trigger && (
              <>
                <dt className="text-slate-500">Triggered by</dt>
                <dd>{c.trigger.detailType}</dd>
              </>
            )}
            {c.sms && (
              <>
                <dt className="text-slate-500">SMS</dt>
                <dd>
                  {c.sms.encoding}, {c.sms.segments} segment{c.sms.segments === 1 ? '' : 's'}
                  {c.priceUsd !== undefined && `, US$${c.priceUsd.toFixed(4)}`}
                </dd>
              </>
            )}
            {c.interaction?.durationMinutes !== undefined && (
              <>
                <dt className="text-slate-500">Duration</dt>
                <dd>{c.interaction.durationMinutes} min</dd>
              </>
            )}
            {c.interaction?.outcome && (
              <>
                <dt className="text-slate-500">Outcome</dt>
                <dd>{outcomeLabel(c.interaction.outcome)}</dd>
              </>
            )}
            {c.interaction?.followUpDate && (
              <>
                <dt className="text-slate-500">Follow up</dt>
                <dd>{formatDay(c.interaction.followUpDate)}</dd>
              </>
            )}
            {c.resentFrom && (
              <>
                <dt className="text-slate-500">Sends again</dt>
                <dd>
                  <MessageLink id={c.resentFrom} onOpen={onOpen} label="the message that did not arrive" />
                </dd>
              </>
            )}
            {c.resentAs && c.resentAs.length > 0 && (
              <>
                <dt className="text-slate-500">Sent again as</dt>
                <dd className="space-x-2">
                  {c.resentAs.map((resendId, index) => (
                    <MessageLink
                      key={resendId}
                      id={resendId}
                      onOpen={onOpen}
                      label={c.resentAs?.length === 1 ? 'the new message' : `new message ${index + 1}`}
                    />
                  ))}
                </dd>
              </>
            )}
            {c.repliesTo && (
              <>
                <dt className="text-slate-500">Answers</dt>
                <dd>
                  <MessageLink id={c.repliesTo} onOpen={onOpen} label="the message before it" />
                </dd>
              </>
            )}
            {c.inbound && (
              <>
                <dt className="text-slate-500">In the Inbox</dt>
                <dd>
                  <Link
                    className="text-sky-700 underline"
                    to={`/inbox?view=mine&open=${c.inbound.inboundId}`}
                  >
                    the whole message
                    {c.inbound.attachments > 0 &&
                      `, ${c.inbound.attachments} file${c.inbound.attachments === 1 ? '' : 's'}`}
                    , and reply
                  </Link>
                </dd>
              </>
            )}
            <dt className="text-slate-500">Created</dt>
            <dd>
              {formatDateTime(c.createdAt)} by {nameOf(c.createdBy)}
            </dd>
          </dl>
          {c.direction === 'outbound' && (c.status === 'Scheduled' || c.status === 'Pending') && (
            <ScheduledControls message={c} />
          )}
          {c.direction === 'outbound' &&
            (c.type === 'Email' || c.type === 'SMS') &&
            RESENDABLE.includes(c.status) && <ResendControls message={c} {...(onOpen ? { onOpen } : {})} />}
          <FollowUpForm key={c.communicationId} message={c} />
          <section aria-label="Content">
            <h3 className="mb-1 font-medium">Content</h3>
            {c.contentHtml ? (
              <iframe
                title="Email as the customer sees it"
                sandbox=""
                srcDoc={c.contentHtml}
                className="h-80 w-full rounded border border-slate-200"
              />
            ) : (
              <p className="whitespace-pre-wrap rounded border border-slate-200 bg-slate-50 p-3">
                {c.content || '—'}
              </p>
            )}
          </section>
          <Conversation message={c} around={around} {...(onOpen ? { onOpen } : {})} />
          <section aria-label="Status history">
            <h3 className="mb-1 font-medium">Status history</h3>
            <ol className="space-y-1">
              {c.statusHistory.map((entry) => (
                <li key={`${entry.status}-${entry.at}`} className="flex flex-wrap items-center gap-2">
                  <StatusBadge status={entry.status} />
                  <span className="text-slate-600">{formatDateTime(entry.at)}</span>
                  {entry.reason && <span className="text-slate-500">— {entry.reason}</span>}
                  {entry.by && <span className="text-slate-500">by {nameOf(entry.by)}</span>}
                </li>
              ))}
            </ol>
          </section>
        </div>
      )}
    </aside>
  );
}

/** Another message, opened in the same panel where the page allows it. */
function MessageLink({ id, label, onOpen }: { id: string; label: string; onOpen?: (id: string) => void }) {
  if (!onOpen) return <span>{label}</span>;
  return (
    <button type="button" className="text-sky-700 underline" onClick={() => onOpen(id)}>
      {label}
    </button>
  );
}

/**
 * The conversation a message belongs to, oldest first, as far as the page has loaded it: what we sent and what
 * came back, each opened in this panel.
 */
function Conversation({
  message,
  around,
  onOpen,
}: {
  message: Pick<CommunicationSummary, 'communicationId' | 'threadId'>;
  around: readonly CommunicationSummary[];
  onOpen?: (id: string) => void;
}) {
  const { nameOf } = useTeam();
  const root = message.threadId ?? message.communicationId;
  const thread = around
    .filter((item) => item.communicationId === root || item.threadId === root)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  if (thread.length < 2) return null;
  return (
    <section aria-label="Conversation">
      <h3 className="mb-1 font-medium">Conversation ({thread.length})</h3>
      <ol className="space-y-2">
        {thread.map((item) => (
          <li
            key={item.communicationId}
            className={
              item.direction === 'inbound'
                ? 'mr-8 rounded border border-teal-200 bg-teal-50 p-2'
                : 'ml-8 rounded border border-slate-200 bg-white p-2'
            }
          >
            <p className="text-xs text-slate-600">
              {item.direction === 'inbound' ? 'The customer' : nameOf(item.createdBy)} ·{' '}
              {formatDateTime(item.createdAt)} · {item.type}
            </p>
            {item.communicationId === message.communicationId || !onOpen ? (
              <p className="whitespace-pre-wrap">{item.preview}</p>
            ) : (
              <button
                type="button"
                className="text-left text-sky-700 underline"
                onClick={() => onOpen(item.communicationId)}
              >
                {item.preview}
              </button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
