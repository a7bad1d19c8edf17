import { useQuery } from '@tanstack/react-query';
import clsx from 'clsx';
import { useEffect, useId, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { toast } from 'sonner';
import type { InboxEntry } from '../../api/types';
import { CustomerPicker } from '../../components/customer-picker';
import {
  Button,
  Card,
  Empty,
  ErrorNotice,
  errorMessage,
  Field,
  formatDateTime,
  inputClass,
  Loading,
  PageHeader,
} from '../../components/ui';
import { RepOptions } from '../team/rep-options';
import { useTeam } from '../team/use-team';
import { download, type InboxView, inboxQueries, useChangeInbox, useReplyToInbound } from './api';

const VIEWS: { view: InboxView; label: string; empty: string }[] = [
  { view: 'mine', label: 'Mine', empty: 'Nothing waits for you.' },
  { view: 'team', label: 'Team', empty: 'Nothing waits for the team.' },
  { view: 'unmatched', label: 'Unmatched', empty: 'Every message has its customer.' },
];

/** What a keyword did, said in words; a reply says nothing extra. */
export const KIND_LABELS: Record<InboxEntry['kind'], string | undefined> = {
  reply: undefined,
  'auto-reply': 'Automatic answer',
  bounce: 'Bounce',
  'opt-out': 'Texted STOP: SMS turned off',
  'opt-in': 'Texted START: SMS turned on again',
  help: 'Asked for HELP: answered with the help text',
};

/**
 * What customers sent us: the rep's own messages, the team's, and those no customer was found for. Opening one
 * marks it read; it is answered in place, handed on, placed with a customer, or marked done.
 */
export function InboxPage() {
  const [params, setParams] = useSearchParams();
  const view = (VIEWS.find((candidate) => candidate.view === params.get('view'))?.view ??
    'mine') as InboxView;
  const openId = params.get('open') ?? undefined;
  const list = useQuery(inboxQueries.list(view));
  const counts = list.data?.counts;
  const show = (next: { view?: InboxView; open?: string | undefined }) => {
    const search = new URLSearchParams({ view: next.view ?? view });
    const open = 'open' in next ? next.open : openId;
    if (open) search.set('open', open);
    setParams(search);
  };
  return (
    <>
      <PageHeader title="Inbox" />
      <div role="tablist" aria-label="Lists" className="mb-3 flex flex-wrap gap-2">
        {VIEWS.map((candidate) => {
          const count = counts?.[candidate.view] ?? 0;
          return (
            <button
              key={candidate.view}
              type="button"
              role="tab"
              aria-selected={candidate.view === view}
              onClick={() => show({ view: candidate.view, open: undefined })}
              className={clsx(
                'rounded-full border px-3 py-1 text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600',
                candidate.view === view
                  ? 'border-sky-700 bg-sky-700 text-white'
                  : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50',
              )}
            >
              {candidate.label}
              {count > 0 && (
                <span className="ml-1.5 font-semibold">
                  {count}
                  <span className="sr-only"> {candidate.view === 'unmatched' ? 'waiting' : 'unread'}</span>
                </span>
              )}
            </button>
          );
        })}
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <section aria-label={`${VIEWS.find((candidate) => candidate.view === view)?.label} messages`}>
          {list.isPending && <Loading />}
          {list.error && <ErrorNotice error={list.error} retry={() => list.refetch()} />}
          {list.data && list.data.items.length === 0 && (
            <Card title="Messages">
              <Empty>{VIEWS.find((candidate) => candidate.view === view)?.empty}</Empty>
            </Card>
          )}
          {list.data && list.data.items.length > 0 && (
            <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
              {list.data.items.map((entry) => (
                <li key={entry.inboundId}>
                  <button
                    type="button"
                    onClick={() => show({ open: entry.inboundId })}
                    aria-current={entry.inboundId === openId ? 'true' : undefined}
                    className={clsx(
                      'block w-full px-3 py-2 text-left text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-sky-600',
                      entry.inboundId === openId && 'bg-sky-50',
                    )}
                  >
                    <span className="flex items-baseline justify-between gap-2">
                      <span className={clsx('truncate', entry.state === 'unread' && 'font-semibold')}>
                        {entry.state === 'unread' && <span className="sr-only">Unread: </span>}
                        {entry.customerName ?? entry.fromName ?? entry.from}
                      </span>
                      <span className="shrink-0 text-xs text-slate-600">
                        {formatDateTime(entry.receivedAt)}
                      </span>
                    </span>
                    <span className="block truncate text-slate-700">
                      <span className="mr-1 rounded bg-slate-100 px-1 text-xs text-slate-700">
                        {entry.channel}
                      </span>
                      {entry.subject ?? KIND_LABELS[entry.kind] ?? ''}
                    </span>
                    <span className="block truncate text-slate-600">{entry.preview}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
        {openId ? (
          <InboundMessagePanel key={openId} id={openId} onClose={() => show({ open: undefined })} />
        ) : (
          <p className="hidden p-6 text-sm text-slate-500 lg:block">Choose a message to read it.</p>
        )}
      </div>
    </>
  );
}

function InboundMessagePanel({ id, onClose }: { id: string; onClose: () => void }) {
  const { nameOf } = useTeam();
  const detail = useQuery(inboxQueries.message(id));
  const change = useChangeInbox();
  const [whole, setWhole] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const entry = detail.data?.entry;
  const message = detail.data?.message;
  const markedRead = useRef(false);
  // Opening a message is reading it (once; "Mark unread" undoes it).
  useEffect(() => {
    if (entry?.state !== 'unread' || markedRead.current) return;
    markedRead.current = true;
    change.mutate({ id, change: { action: 'read' } });
  }, [entry?.state, id, change]);
  useEffect(() => heading.current?.focus(), []);
  const act = (next: Parameters<typeof change.mutate>[0]['change'], done: string) =>
    change.mutate(
      { id, change: next },
      { onSuccess: () => toast.success(done), onError: (error) => toast.error(errorMessage(error)) },
    );
  if (detail.isPending) return <Loading />;
  if (detail.error) return <ErrorNotice error={detail.error} retry={() => detail.refetch()} />;
  if (!message) return null;
  const kindLabel = KIND_LABELS[message.kind];
  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 text-sm"
    >
      <header className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h2
            id={`${id}-heading`}
            ref={heading}
            tabIndex={-1}
            className="text-base font-semibold focus:outline-none"
          >
            {message.subject ?? (message.channel === 'SMS' ? 'Text message' : '(no subject)')}
          </h2>
          <p className="text-slate-600">
            {message.fromName ? `${message.fromName} <${message.from}>` : message.from} ·{' '}
            {formatDateTime(message.receivedAt)} · {message.channel}
          </p>
          {kindLabel && (
            <p className="mt-1 inline-block rounded bg-amber-50 px-2 py-0.5 text-amber-900">{kindLabel}</p>
          )}
        </div>
        <Button variant="ghost" onClick={onClose} aria-label="Close the message">
          ✕
        </Button>
      </header>
      {message.malformed && (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 p-2 text-amber-900">
          This message could not be read whole ({message.malformed}). Download the raw message to see it.
        </p>
      )}
      <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1">
        <dt className="text-slate-600">Customer</dt>
        <dd>
          {entry?.customerId ? (
            <Link className="text-sky-700 underline" to={`/customers/${entry.customerId}`}>
              {entry.customerName ?? entry.customerId}
            </Link>
          ) : (
            'Not found: place it with a customer below'
          )}
        </dd>
        {entry && (
          <>
            <dt className="text-slate-600">With</dt>
            <dd>{entry.assignee ? nameOf(entry.assignee) : 'The team'}</dd>
          </>
        )}
        {message.repliesTo && (
          <>
            <dt className="text-slate-600">Answers</dt>
            <dd>
              <Link
                className="text-sky-700 underline"
                to={`/customers/${entry?.customerId ?? ''}?open=${message.repliesTo}`}
              >
                our message
              </Link>{' '}
              (the conversation is on the customer’s page)
            </dd>
          </>
        )}
      </dl>
      <section aria-label="What they wrote">
        <h3 className="mb-1 font-medium">What they wrote</h3>
        <p className="whitespace-pre-wrap rounded border border-slate-200 bg-slate-50 p-3">
          {message.reply || '—'}
        </p>
        {(message.text !== message.reply || message.html) && (
          <Button
            variant="secondary"
            className="mt-2"
            aria-expanded={whole}
            onClick={() => setWhole((shown) => !shown)}
          >
            {whole ? 'Hide the whole message' : 'Show the whole message'}
          </Button>
        )}
        {whole &&
          (message.html ? (
            <iframe
              title="The whole message, as sent"
              sandbox=""
              srcDoc={message.html}
              className="mt-2 h-80 w-full rounded border border-slate-200"
            />
          ) : (
            <pre className="mt-2 max-h-80 overflow-auto whitespace-pre-wrap rounded border border-slate-200 p-3 font-sans">
              {message.text}
            </pre>
          ))}
      </section>
      {(message.attachments.length > 0 || message.hasRaw) && (
        <section aria-label="Files">
          <h3 className="mb-1 font-medium">Files</h3>
          <ul className="space-y-1">
            {message.attachments.map((file) => (
              <li key={file.attachmentId}>
                {file.stored ? (
                  <Button
                    variant="secondary"
                    onClick={() =>
                      download(`/inbox/${id}/attachments/${file.attachmentId}`, file.filename).catch(
                        (error) => toast.error(errorMessage(error)),
                      )
                    }
                  >
                    Download {file.filename} ({Math.max(1, Math.round(file.size / 1024))} KB)
                  </Button>
                ) : (
                  <span className="text-slate-600">
                    {file.filename}: not kept ({file.refused})
                  </span>
                )}
              </li>
            ))}
            {message.hasRaw && (
              <li>
                <Button
                  variant="ghost"
                  onClick={() =>
                    download(`/inbox/${id}/raw`, `${id}.eml`).catch((error) =>
                      toast.error(errorMessage(error)),
                    )
                  }
                >
                  Download the raw message
                </Button>
              </li>
            )}
          </ul>
        </section>
      )}
      {entry && (
        <div className="flex flex-wrap items-end gap-2">
          {entry.state === 'done' ? (
            <Button variant="secondary" onClick={() => act({ action: 'reopen' }, 'Back on the list')}>
              Reopen
            </Button>
          ) : (
            <>
              <Button variant="secondary" onClick={() => act({ action: 'done' }, 'Done: off the list')}>
                Mark done
              </Button>
              {entry.state === 'read' && (
                <Button variant="ghost" onClick={() => act({ action: 'unread' }, 'Marked unread')}>
                  Mark unread
                </Button>
              )}
            </>
          )}
          {entry.customerId && (
            <AssignControl
              entry={entry}
              onAssign={(assignee) =>
                act(
                  { action: 'assign', assignee },
                  assignee ? `Now with ${nameOf(assignee)}` : 'Back with the team',
                )
              }
            />
          )}
        </div>
      )}
      {entry && !entry.customerId && <PlaceWithCustomer id={id} />}
      {entry?.customerId && message.kind !== 'auto-reply' && message.kind !== 'bounce' && (
        <ReplyForm id={id} channel={message.channel} onSent={onClose} />
      )}
    </section>
  );
}

function AssignControl({
  entry,
  onAssign,
}: {
  entry: InboxEntry;
  onAssign: (assignee: string | null) => void;
}) {
  const id = useId();
  return (
    <div className="flex items-end gap-2">
      <Field label="Hand to" htmlFor={id}>
        <select
          id={id}
          className={inputClass}
          value={entry.assignee ?? ''}
          onChange={(event) => onAssign(event.target.value || null)}
        >
          <option value="">The team</option>
          {/* Every active rep by name, the caller and the current one included (each once). */}
          <RepOptions />
        </select>
      </Field>
    </div>
  );
}

function PlaceWithCustomer({ id }: { id: string }) {
  const [customerId, setCustomerId] = useState<string>();
  const change = useChangeInbox();
  return (
    <section aria-label="Place with a customer" className="space-y-2 rounded border border-slate-200 p-3">
      <h3 className="font-medium">Place with a customer</h3>
      <p className="text-slate-600">It joins their timeline and your list.</p>
      <CustomerPicker value={customerId} onChange={setCustomerId} />
      <Button
        disabled={!customerId || change.isPending}
        onClick={() =>
          customerId &&
          change.mutate(
            { id, change: { action: 'customer', customerId } },
            {
              onSuccess: () => toast.success('Placed: on their timeline'),
              onError: (error) => toast.error(errorMessage(error)),
            },
          )
        }
      >
        Place with this customer
      </Button>
    </section>
  );
}

function ReplyForm({ id, channel, onSent }: { id: string; channel: 'Email' | 'SMS'; onSent: () => void }) {
  const fieldId = useId();
  const [content, setContent] = useState('');
  // One key per reply being written: a retried click sends it once; a new reply gets a new key.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const reply = useReplyToInbound();
  return (
    <form
      aria-label="Reply"
      className="space-y-2 border-t border-slate-100 pt-3"
      onSubmit={(event) => {
        event.preventDefault();
        reply.mutate(
          { id, content, idempotencyKey },
          {
            onSuccess: (sent) => {
              toast.success(
                sent.status === 'Scheduled'
                  ? 'Reply scheduled for the end of their quiet hours'
                  : 'Reply sent',
              );
              setContent('');
              setIdempotencyKey(crypto.randomUUID());
              onSent();
            },
            onError: (error) => toast.error(errorMessage(error)),
          },
        );
      }}
    >
      <Field
        label={`Reply by ${channel === 'Email' ? 'email' : 'SMS'}`}
        htmlFor={fieldId}
        hint="Sent like any message: their preferences and quiet hours apply."
      >
        <textarea
          id={fieldId}
          className={inputClass}
          rows={4}
          maxLength={channel === 'SMS' ? 1530 : 10_000}
          value={content}
          onChange={(event) => setContent(event.target.value)}
          required
        />
      </Field>
      <Button type="submit" disabled={reply.isPending || content.trim() === ''}>
        {reply.isPending ? 'Sending…' : 'Send reply'}
      </Button>
    </form>
  );
}

/** Unread in the rep's list and the team's: the navigation's badge. */
export function useInboxCount(): number {
  const list = useQuery({ ...inboxQueries.list('mine'), refetchInterval: 60_000 });
  return (list.data?.counts.mine ?? 0) + (list.data?.counts.team ?? 0);
}
