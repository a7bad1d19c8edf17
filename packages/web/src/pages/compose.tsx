import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { ApiError } from '../api/client';
import type { Channel, Customer, Preferences } from '../api/types';
import { CustomerPicker } from '../components/customer-picker';
import {
  Button,
  Card,
  ErrorNotice,
  Field,
  inputClass,
  Loading,
  PageHeader,
  vehicleName,
} from '../components/ui';
import { useCustomerRecords } from '../components/use-records';
import { useSendMessage } from '../features/communications/api';
import { quietHoursEnd, variableLabel } from '../features/communications/compose-hints';
import { useNow } from '../features/tasks/use-now';
import { templateQueries } from '../features/templates/api';
import { formatDateTime, formatInTimeZone } from '../format';

/** Why the customer's preferences forbid this channel now, if they do (the API has the last word). */
function blockedReason(
  channel: Channel,
  category: string,
  customer: Customer | undefined,
  preferences: Preferences | undefined,
): string | undefined {
  if (!customer || !preferences) return undefined;
  const address = channel === 'Email' ? customer.email : customer.phone;
  if (!preferences.channels.includes(channel))
    return `${customer.firstName} does not want ${channel} messages.`;
  if (preferences.optedOutCategories.includes(category as never))
    return `${customer.firstName} opted out of ${category} messages.`;
  if (!address)
    return `${customer.firstName} has no ${channel === 'Email' ? 'email address' : 'mobile number'}.`;
  if (preferences.suppressedAddresses?.includes(address))
    return `${address} is suppressed after a bounce or complaint.`;
  return undefined;
}

export function ComposePage() {
  const [params, setParams] = useSearchParams();
  const customerId = params.get('customerId') ?? undefined;
  const vehicleId = params.get('vehicleId') ?? '';
  const [channel, setChannel] = useState<Channel>('Email');
  const [templateId, setTemplateId] = useState('');
  const [subject, setSubject] = useState('');
  const [content, setContent] = useState('');
  const [variables, setVariables] = useState<Record<string, string>>({});
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const { customer, vehicles, preferences } = useCustomerRecords(customerId);
  const templates = useQuery(templateQueries.list());
  const usable = (templates.data?.items ?? []).filter(
    (template) => template.type === channel && template.isActive,
  );
  const template = usable.find((candidate) => candidate.templateId === templateId);
  const triggers = useQuery(templateQueries.triggers());
  const catalogue = triggers.data?.items.find(
    (trigger) => trigger.id === (template?.triggerEvent ?? 'manual'),
  );
  const describe = (path: string) => catalogue?.variables.find((variable) => variable.path === path);
  const now = useNow();
  const timeZone = preferences.data?.preferences.timezone ?? customer.data?.timezone;
  const holdUntil = quietHoursEnd(channel, preferences.data?.preferences, timeZone, now);
  const eventVariables = (template?.variables ?? []).filter((name) => name.startsWith('event.'));
  const category = template?.category ?? 'transactional';
  const blocked = blockedReason(channel, category, customer.data, preferences.data?.preferences);

  const setParam = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name === 'customerId') next.delete('vehicleId');
    setParams(next, { replace: true });
  };

  // The live preview: the active version for this customer, or the typed SMS for its segment count.
  const activeVersion = template ? (Object.values(template.activeVersions)[0] ?? 0) : 0;
  const versionPreview = useQuery({
    ...templateQueries.versionPreview(template?.templateId ?? '', activeVersion, {
      customerId: customerId ?? '',
      ...(vehicleId ? { vehicleId } : {}),
    }),
    enabled: Boolean(template && customerId),
  });
  const smsCount = useQuery({
    ...templateQueries.preview({ type: 'SMS', locale: 'en', content: content.replaceAll(/[{}%]/g, ' ') }),
    enabled: !template && channel === 'SMS' && content.trim() !== '',
  });
  const previewing = template ? Boolean(customerId) : channel === 'SMS' && content.trim() !== '';
  const preview = template ? versionPreview : smsCount;

  const send = useSendMessage();
  const contentField = useRef<HTMLTextAreaElement>(null);
  const submit = () =>
    send.mutate(
      {
        channel,
        idempotencyKey,
        body: {
          customerId,
          ...(vehicleId ? { vehicleId } : {}),
          ...(template
            ? {
                templateId: template.templateId,
                ...(eventVariables.length > 0
                  ? {
                      variables: Object.fromEntries(
                        Object.entries(variables)
                          .filter(([, value]) => value !== '')
                          .map(([name, value]) => [name.slice('event.'.length), value]),
                      ),
                    }
                  : {}),
              }
            : { ...(channel === 'Email' ? { subject } : {}), content }),
        },
      },
      {
        onSuccess: (accepted) => {
          toast.success(
            accepted.status === 'Scheduled'
              ? `Scheduled for ${formatDateTime(accepted.scheduledFor)}${
                  customer.data?.timezone
                    ? ` (${formatInTimeZone(accepted.scheduledFor ?? '', customer.data.timezone)} for the customer)`
                    : ''
                }: quiet hours`
              : `${channel} queued for sending`,
            {
              action: {
                label: 'Open',
                onClick: () => window.location.assign(`/log?open=${accepted.communicationId}`),
              },
            },
          );
          setIdempotencyKey(crypto.randomUUID());
          // The form is ready for the next message: focus goes to it, not to the page.
          contentField.current?.focus();
          setSubject('');
          setContent('');
          setVariables({});
          setTemplateId('');
        },
        onError: (error) =>
          toast.error(`Not sent: ${error instanceof ApiError ? error.message : String(error)}`),
      },
    );
  const fieldError = (path: string) =>
    send.error instanceof ApiError ? send.error.forField(path) : undefined;

  return (
    <>
      <PageHeader title="Compose" />
      <div className="grid gap-4 xl:grid-cols-2">
        <Card title="Message">
          <form
            aria-label="Compose a message"
            className="space-y-4"
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            <CustomerPicker
              value={customerId}
              onChange={(id) => setParam('customerId', id)}
              error={fieldError('customerId')}
            />
            {customerId && (
              <Field label="Vehicle" htmlFor="compose-vehicle">
                <select
                  id="compose-vehicle"
                  className={inputClass}
                  value={vehicleId}
                  onChange={(event) => setParam('vehicleId', event.target.value)}
                >
                  <option value="">No particular vehicle</option>
                  {vehicles.data?.items.map((vehicle) => (
                    <option key={vehicle.vehicleId} value={vehicle.vehicleId}>
                      {vehicleName(vehicle)} ({vehicle.vehicleId})
                    </option>
                  ))}
                </select>
              </Field>
            )}
            <fieldset>
              <legend className="mb-1 text-sm font-medium text-slate-700">Channel</legend>
              <div className="flex gap-4 text-sm">
                {(['Email', 'SMS'] as const).map((option) => (
                  <label key={option} className="flex items-center gap-1.5">
                    <input
                      type="radio"
                      name="channel"
                      value={option}
                      checked={channel === option}
                      onChange={() => {
                        setChannel(option);
                        setTemplateId('');
                      }}
                    />
                    {option}
                  </label>
                ))}
              </div>
            </fieldset>
            <Field label="Template" htmlFor="compose-template" error={fieldError('templateId')}>
              <select
                id="compose-template"
                className={inputClass}
                value={templateId}
                onChange={(event) => setTemplateId(event.target.value)}
              >
                <option value="">Write your own</option>
                {usable.map((candidate) => (
                  <option key={candidate.templateId} value={candidate.templateId}>
                    {candidate.name}
                  </option>
                ))}
              </select>
            </Field>
            {template &&
              eventVariables.map((name) => {
                const variable = describe(name);
                return (
                  <Field
                    key={name}
                    label={`${variableLabel(name)}${variable?.optional === false ? '' : ' (optional)'}`}
                    htmlFor={`variable-${name}`}
                    error={fieldError('variables')}
                    hint={[
                      variable?.description,
                      variable?.values ? `One of: ${variable.values.join(', ')}` : '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  >
                    <input
                      id={`variable-${name}`}
                      className={inputClass}
                      value={variables[name] ?? ''}
                      onChange={(event) => setVariables({ ...variables, [name]: event.target.value })}
                      placeholder="From the records when left empty"
                    />
                  </Field>
                );
              })}
            {!template && channel === 'Email' && (
              <Field label="Subject" htmlFor="compose-subject" error={fieldError('subject')}>
                <input
                  id="compose-subject"
                  className={inputClass}
                  value={subject}
                  onChange={(event) => setSubject(event.target.value)}
                  required
                  maxLength={200}
                />
              </Field>
            )}
            {!template && (
              <Field
                label="Message"
                htmlFor="compose-content"
                error={fieldError('content')}
                hint={
                  channel === 'SMS' && preview.data?.ok && preview.data.channel === 'SMS'
                    ? `${preview.data.sms.encoding} · ${preview.data.sms.segments} segment${preview.data.sms.segments === 1 ? '' : 's'} · ${preview.data.sms.charactersLeft} characters left in this segment`
                    : undefined
                }
              >
                <textarea
                  ref={contentField}
                  id="compose-content"
                  className={`${inputClass} min-h-40`}
                  value={content}
                  onChange={(event) => setContent(event.target.value)}
                  required
                />
              </Field>
            )}
            {blocked && (
              <p
                role="alert"
                className="rounded-md border border-amber-200 bg-amber-50 p-2 text-sm text-amber-900"
              >
                Blocked by the customer's preferences: {blocked}{' '}
                <Link className="underline" to={`/customers/${customerId}/preferences`}>
                  See preferences
                </Link>
              </p>
            )}
            {!blocked && holdUntil && timeZone && (
              <p
                role="status"
                className="rounded-md border border-violet-200 bg-violet-50 p-2 text-sm text-violet-900"
              >
                Inside {customer.data?.firstName ?? 'the customer'}'s quiet hours for {channel}: it will wait
                and go out at {formatInTimeZone(holdUntil.toISOString(), timeZone)} their time (
                {formatDateTime(holdUntil.toISOString())} yours).
              </p>
            )}
            <Button type="submit" disabled={!customerId || Boolean(blocked) || send.isPending}>
              {send.isPending
                ? 'Sending…'
                : `${holdUntil && !blocked ? 'Schedule' : 'Send'} ${channel === 'Email' ? 'email' : 'SMS'}`}
            </Button>
          </form>
        </Card>
        <Card title="Preview">
          {!template && (content.trim() !== '' || subject.trim() !== '') && (
            <section aria-label="Your message as sent" className="space-y-2 text-sm">
              {channel === 'Email' && (
                <p>
                  <span className="text-slate-500">Subject:</span> {subject}
                </p>
              )}
              <p
                className={
                  channel === 'SMS'
                    ? 'whitespace-pre-wrap rounded-lg bg-slate-100 p-3'
                    : 'whitespace-pre-wrap rounded border border-slate-200 p-3'
                }
              >
                {content}
              </p>
            </section>
          )}
          {!previewing && !(!template && (content.trim() !== '' || subject.trim() !== '')) && (
            <p className="text-sm text-slate-500">
              {template ? 'Pick a customer to see what they receive.' : 'Write your message to see it here.'}
            </p>
          )}
          {preview.isFetching && <Loading label="Rendering…" />}
          {preview.error && <ErrorNotice error={preview.error} />}
          {preview.data && !preview.data.ok && (
            <ul className="text-sm text-rose-700">
              {preview.data.issues.map((issue) => (
                <li key={issue.message}>{issue.message}</li>
              ))}
            </ul>
          )}
          {preview.data?.ok && preview.data.channel === 'Email' && template && (
            <div>
              <p className="mb-2 text-sm">
                <span className="text-slate-500">Subject:</span> {preview.data.email.subject}
              </p>
              <iframe
                title="Email preview"
                sandbox=""
                srcDoc={preview.data.email.html}
                className="h-96 w-full rounded border border-slate-200"
              />
            </div>
          )}
          {preview.data?.ok && preview.data.channel === 'SMS' && template && (
            <div className="space-y-1 text-sm">
              <p className="whitespace-pre-wrap rounded-lg bg-slate-100 p-3">{preview.data.sms.text}</p>
              <p className="text-slate-500">
                {preview.data.sms.encoding} · {preview.data.sms.segments} segment
                {preview.data.sms.segments === 1 ? '' : 's'}
              </p>
            </div>
          )}
          {template && (
            <p className="mt-2 text-xs text-slate-500">
              Event values not in the records show example data here.
            </p>
          )}
        </Card>
      </div>
    </>
  );
}
