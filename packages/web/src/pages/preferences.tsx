import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { toast } from 'sonner';
import { ApiError } from '../api/client';
import type { Category, Channel, Preferences } from '../api/types';
import { useSession } from '../auth/session';
import {
  Button,
  Card,
  Empty,
  ErrorNotice,
  Field,
  formatDateTime,
  inputClass,
  Loading,
  PageHeader,
} from '../components/ui';
import { useCustomerRecords } from '../components/use-records';
import { customerQueries, useSavePreferences } from '../features/customers/api';
import { useTeam } from '../features/team/use-team';

const CHANNELS: Channel[] = ['Email', 'SMS'];
const CATEGORIES: { id: Category; label: string }[] = [
  { id: 'transactional', label: 'Import updates' },
  { id: 'reminders', label: 'Payment and action reminders' },
  { id: 'marketing', label: 'Offers' },
];

interface Form {
  channels: Channel[];
  delivery: 'all' | 'preferred';
  firstChannel: Channel;
  optedIn: Category[];
  quiet: boolean;
  quietStart: string;
  quietEnd: string;
  quietChannels: Channel[];
  timezone: string;
  language: string;
  suppressedAddresses: string[];
}

const toForm = (p: Preferences): Form => ({
  channels: p.channels,
  delivery: p.delivery,
  firstChannel: p.channelOrder[0] ?? 'Email',
  optedIn: CATEGORIES.map((category) => category.id).filter((id) => !p.optedOutCategories.includes(id)),
  quiet: p.quietHours !== null,
  quietStart: p.quietHours?.start ?? '21:00',
  quietEnd: p.quietHours?.end ?? '08:00',
  quietChannels: p.quietHours?.channels ?? ['SMS'],
  timezone: p.timezone ?? '',
  language: p.language ?? '',
  suppressedAddresses: p.suppressedAddresses ?? [],
});

const fromForm = (f: Form): Preferences => ({
  channels: f.channels,
  channelOrder: [f.firstChannel, ...CHANNELS.filter((channel) => channel !== f.firstChannel)],
  delivery: f.delivery,
  optedOutCategories: CATEGORIES.map((category) => category.id).filter((id) => !f.optedIn.includes(id)),
  quietHours: f.quiet ? { start: f.quietStart, end: f.quietEnd, channels: f.quietChannels } : null,
  ...(f.suppressedAddresses.length > 0 ? { suppressedAddresses: f.suppressedAddresses } : {}),
  ...(f.timezone ? { timezone: f.timezone } : {}),
  ...(f.language ? { language: f.language } : {}),
});

function CheckboxGroup<T extends string>({
  legend,
  options,
  value,
  onChange,
}: {
  legend: string;
  options: { id: T; label: string }[];
  value: T[];
  onChange: (next: T[]) => void;
}) {
  return (
    <fieldset>
      <legend className="mb-1 text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-4 text-sm">
        {options.map((option) => (
          <label key={option.id} className="flex items-center gap-1.5">
            <input
              type="checkbox"
              checked={value.includes(option.id)}
              onChange={(event) =>
                onChange(event.target.checked ? [...value, option.id] : value.filter((v) => v !== option.id))
              }
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A customer's channels, opt-outs, quiet hours and language, with every change and who made it. */
export function PreferencesPage() {
  const { nameOf } = useTeam();
  const { customerId = '' } = useParams();
  const { can } = useSession();
  const { customer, preferences } = useCustomerRecords(customerId);
  const history = useQuery(customerQueries.preferenceHistory(customerId));
  const save = useSavePreferences(customerId);
  const form = useForm<Form>();
  useEffect(() => {
    if (preferences.data) form.reset(toForm(preferences.data.preferences));
  }, [preferences.data, form]);
  const submit = (values: Form) =>
    save.mutate(
      { revision: preferences.data?.revision ?? 0, preferences: fromForm(values) },
      {
        onSuccess: (saved) => toast.success(`Preferences saved (revision ${saved.revision})`),
        onError: (error) => {
          toast.error(`Not saved: ${error instanceof ApiError ? error.message : String(error)}`);
          if (error instanceof ApiError && error.status === 409) void preferences.refetch();
        },
      },
    );
  if (preferences.isPending || customer.isPending) return <Loading />;
  if (preferences.error) return <ErrorNotice error={preferences.error} retry={() => preferences.refetch()} />;
  const name = customer.data ? `${customer.data.firstName} ${customer.data.lastName}` : customerId;
  const fieldError = (path: string) =>
    save.error instanceof ApiError ? save.error.forField(path) : undefined;
  return (
    <>
      <PageHeader title={`Preferences of ${name}`}>
        <Link className="text-sm text-sky-700 underline" to={`/customers/${customerId}`}>
          Back to {name}
        </Link>
      </PageHeader>
      <div className="grid gap-4 xl:grid-cols-[2fr_1fr]">
        <Card
          title={`Revision ${preferences.data.revision}${preferences.data.updatedBy ? ` · by ${preferences.data.updatedBy}` : ' · defaults'}`}
        >
          <form aria-label="Preferences" className="space-y-5" onSubmit={form.handleSubmit(submit)}>
            <Controller
              control={form.control}
              name="channels"
              render={({ field }) => (
                <CheckboxGroup
                  legend="Channels the customer agreed to"
                  options={CHANNELS.map((id) => ({ id, label: id }))}
                  value={field.value ?? []}
                  onChange={field.onChange}
                />
              )}
            />
            <div className="grid grid-cols-2 gap-4">
              <Field label="Send on" htmlFor="pref-delivery">
                <select id="pref-delivery" className={inputClass} {...form.register('delivery')}>
                  <option value="all">Every allowed channel</option>
                  <option value="preferred">Only the preferred channel</option>
                </select>
              </Field>
              <Field label="Preferred channel" htmlFor="pref-first">
                <select id="pref-first" className={inputClass} {...form.register('firstChannel')}>
                  {CHANNELS.map((channel) => (
                    <option key={channel}>{channel}</option>
                  ))}
                </select>
              </Field>
            </div>
            <Controller
              control={form.control}
              name="optedIn"
              render={({ field }) => (
                <CheckboxGroup
                  legend="Messages they want"
                  options={CATEGORIES}
                  value={field.value ?? []}
                  onChange={field.onChange}
                />
              )}
            />
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium text-slate-700">Quiet hours</legend>
              <label className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" {...form.register('quiet')} /> Hold messages back at night
              </label>
              <div className="grid grid-cols-2 gap-4">
                <Field
                  label="Quiet from"
                  htmlFor="pref-quiet-start"
                  error={fieldError('preferences.quietHours.start')}
                >
                  <input
                    id="pref-quiet-start"
                    type="time"
                    className={inputClass}
                    {...form.register('quietStart')}
                  />
                </Field>
                <Field
                  label="Quiet until"
                  htmlFor="pref-quiet-end"
                  error={fieldError('preferences.quietHours.end')}
                >
                  <input
                    id="pref-quiet-end"
                    type="time"
                    className={inputClass}
                    {...form.register('quietEnd')}
                  />
                </Field>
              </div>
              <Controller
                control={form.control}
                name="quietChannels"
                render={({ field }) => (
                  <CheckboxGroup
                    legend="Quiet hours apply to"
                    options={CHANNELS.map((id) => ({ id, label: id }))}
                    value={field.value ?? []}
                    onChange={field.onChange}
                  />
                )}
              />
            </fieldset>
            <div className="grid grid-cols-2 gap-4">
              <Field
                label="Time zone"
                htmlFor="pref-timezone"
                error={fieldError('preferences.timezone')}
                hint={`Empty: the CRM's (${customer.data?.timezone ?? 'unknown'})`}
              >
                <input
                  id="pref-timezone"
                  className={inputClass}
                  placeholder="Australia/Melbourne"
                  {...form.register('timezone')}
                />
              </Field>
              <Field
                label="Language"
                htmlFor="pref-language"
                hint={`Empty: the CRM's (${customer.data?.language ?? 'unknown'})`}
              >
                <select id="pref-language" className={inputClass} {...form.register('language')}>
                  <option value="">As in the CRM</option>
                  <option value="en">English</option>
                  <option value="zh">Chinese</option>
                </select>
              </Field>
            </div>
            <Controller
              control={form.control}
              name="suppressedAddresses"
              render={({ field }) => (
                <fieldset>
                  <legend className="mb-1 text-sm font-medium text-slate-700">Suppressed addresses</legend>
                  {(field.value ?? []).length === 0 && <p className="text-sm text-slate-500">None.</p>}
                  <ul className="space-y-1 text-sm">
                    {(field.value ?? []).map((address) => (
                      <li key={address} className="flex items-center gap-2">
                        {address}
                        {can('admin') && (
                          <Button
                            variant="ghost"
                            onClick={() => field.onChange(field.value.filter((a) => a !== address))}
                          >
                            Clear {address}
                          </Button>
                        )}
                      </li>
                    ))}
                  </ul>
                  {!can('admin') && (field.value ?? []).length > 0 && (
                    <p className="text-xs text-slate-500">Only an admin can clear a suppressed address.</p>
                  )}
                </fieldset>
              )}
            />
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save preferences'}
            </Button>
          </form>
        </Card>
        <Card title="History of changes">
          {history.isPending && <Loading />}
          {history.data?.items.length === 0 && <Empty>No changes yet: the defaults apply.</Empty>}
          <ol className="space-y-2 text-sm">
            {history.data?.items.map((entry) => (
              <li key={entry.revision} className="border-b border-slate-100 pb-2">
                <p className="font-medium">
                  Revision {entry.revision} by {nameOf(entry.updatedBy ?? '')}
                </p>
                <p className="text-slate-500">{formatDateTime(entry.updatedAt)}</p>
                <p className="text-slate-600">
                  {entry.preferences.channels.join(' + ') || 'no channel'}
                  {entry.preferences.optedOutCategories.length > 0 &&
                    `; opted out of ${entry.preferences.optedOutCategories.join(', ')}`}
                  {entry.preferences.quietHours
                    ? `; quiet ${entry.preferences.quietHours.start}–${entry.preferences.quietHours.end}`
                    : '; no quiet hours'}
                </p>
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </>
  );
}
