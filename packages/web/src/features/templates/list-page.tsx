import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Template } from '../../api/types';
import { useSession } from '../../auth/session';
import {
  Card,
  Empty,
  ErrorNotice,
  formatDateTime,
  inputClass,
  Loading,
  PageHeader,
} from '../../components/ui';
import { reviewQueries, templateQueries } from './api';

type Sort = 'name' | 'changed' | 'channel';

const SORTS: Record<Sort, (a: Template, b: Template) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  changed: (a, b) => b.updatedAt.localeCompare(a.updatedAt),
  channel: (a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name),
};

/**
 * Every template: its channel, what sends it, which versions are live — searched, filtered and sorted in place,
 * with the choices in the address (a list to share, and the same after a reload).
 */
export function TemplatesPage() {
  const templates = useQuery(templateQueries.list());
  const triggers = useQuery(templateQueries.triggers());
  const { user } = useSession();
  // Only approvers read the inbox; for the others "waiting for review" is shown beside each version instead.
  const reviews = useQuery({
    ...reviewQueries.inbox(),
    enabled: Boolean(user?.roles.some((role) => role !== 'agent')),
  });
  const [params, setParams] = useSearchParams();
  const ids = useId();
  // Each change starts from the address's current filters.
  const set = (name: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  const text = params.get('q') ?? '';
  const channel = params.get('channel') ?? '';
  const state = params.get('state') ?? '';
  const locale = params.get('locale') ?? '';
  const trigger = params.get('trigger') ?? '';
  const sort = (params.get('sort') as Sort | null) ?? 'name';
  const label = (id: string | undefined) =>
    triggers.data?.items.find((candidate) => candidate.id === (id ?? 'manual'))?.label ??
    id ??
    'Sent by a rep';
  const inReviewKnown = reviews.isSuccess;
  const inReview = new Set((reviews.data?.items ?? []).map((item) => item.templateId));
  const all = templates.data?.items ?? [];
  const locales = [
    ...new Set(all.flatMap((template) => [template.defaultLocale, ...Object.keys(template.activeVersions)])),
  ].sort();
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = all
    .filter((template) =>
      words.every((word) => `${template.name} ${template.templateId}`.toLowerCase().includes(word)),
    )
    .filter((template) => !channel || template.type === channel)
    .filter((template) => !trigger || (template.triggerEvent ?? 'manual') === trigger)
    .filter((template) => !locale || locale in template.activeVersions || template.defaultLocale === locale)
    .filter(
      (template) =>
        !state ||
        (state === 'live' && template.isActive) ||
        (state === 'off' && !template.isActive) ||
        (state === 'review' && inReview.has(template.templateId)),
    )
    .sort(SORTS[sort] ?? SORTS.name);
  return (
    <>
      <PageHeader title="Templates">
        <Link
          to="/templates/new"
          className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white"
        >
          New template
        </Link>
      </PageHeader>
      <Card>
        <form
          aria-label="Find templates"
          className="mb-3 grid gap-2 sm:grid-cols-3 lg:grid-cols-6"
          onSubmit={(event) => event.preventDefault()}
        >
          <div className="text-xs text-slate-700 sm:col-span-3 lg:col-span-2">
            <label htmlFor={`${ids}-search`} className="block">
              Search
            </label>
            <input
              id={`${ids}-search`}
              type="search"
              className={inputClass}
              value={text}
              onChange={(event) => set('q', event.target.value)}
              placeholder="Name or id"
            />
          </div>
          <div className="text-xs text-slate-700">
            <label htmlFor={`${ids}-channel`} className="block">
              Channel
            </label>
            <select
              id={`${ids}-channel`}
              className={inputClass}
              value={channel}
              onChange={(event) => set('channel', event.target.value)}
            >
              <option value="">Any</option>
              <option>Email</option>
              <option>SMS</option>
            </select>
          </div>
          <div className="text-xs text-slate-700">
            <label htmlFor={`${ids}-state`} className="block">
              State
            </label>
            <select
              id={`${ids}-state`}
              className={inputClass}
              value={state}
              onChange={(event) => set('state', event.target.value)}
            >
              <option value="">Any</option>
              <option value="live">Live</option>
              <option value="off">Not live</option>
              {inReviewKnown && <option value="review">Waiting for review</option>}
            </select>
          </div>
          <div className="text-xs text-slate-700">
            <label htmlFor={`${ids}-language`} className="block">
              Language
            </label>
            <select
              id={`${ids}-language`}
              className={inputClass}
              value={locale}
              onChange={(event) => set('locale', event.target.value)}
            >
              <option value="">Any</option>
              {locales.map((code) => (
                <option key={code}>{code}</option>
              ))}
            </select>
          </div>
          <div className="text-xs text-slate-700">
            <label htmlFor={`${ids}-sent-when`} className="block">
              Sent when
            </label>
            <select
              id={`${ids}-sent-when`}
              className={inputClass}
              value={trigger}
              onChange={(event) => set('trigger', event.target.value)}
            >
              <option value="">Any</option>
              {triggers.data?.items.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.label}
                </option>
              ))}
            </select>
          </div>
          <div className="text-xs text-slate-700">
            <label htmlFor={`${ids}-sort-by`} className="block">
              Sort by
            </label>
            <select
              id={`${ids}-sort-by`}
              className={inputClass}
              value={sort}
              onChange={(event) => set('sort', event.target.value)}
            >
              <option value="name">Name</option>
              <option value="changed">Recently changed</option>
              <option value="channel">Channel</option>
            </select>
          </div>
        </form>
        {templates.isPending && <Loading />}
        {templates.error && <ErrorNotice error={templates.error} retry={() => templates.refetch()} />}
        {templates.isSuccess && shown.length === 0 && (
          <Empty>{all.length === 0 ? 'No templates yet.' : 'No template matches these filters.'}</Empty>
        )}
        {shown.length > 0 && (
          <>
            <p className="mb-1 text-xs text-slate-500" role="status">
              {shown.length} of {all.length} templates
            </p>
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Name
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Channel
                  </th>
                  <th scope="col" className="hidden px-3 py-2 md:table-cell">
                    Sent when
                  </th>
                  <th scope="col" className="hidden px-3 py-2 md:table-cell">
                    Active versions
                  </th>
                  <th scope="col" className="hidden px-3 py-2 lg:table-cell">
                    Changed
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((template) => (
                  <tr key={template.templateId} className="border-b border-slate-100">
                    <td className="px-3 py-2">
                      <Link
                        to={`/templates/${template.templateId}`}
                        className="font-medium text-sky-700 underline"
                      >
                        {template.name}
                      </Link>
                      <p className="text-xs text-slate-500">
                        {template.templateId}
                        {inReview.has(template.templateId) && ' · waiting for review'}
                      </p>
                    </td>
                    <td className="px-3 py-2">{template.type}</td>
                    <td className="hidden px-3 py-2 md:table-cell">{label(template.triggerEvent)}</td>
                    <td className="hidden px-3 py-2 md:table-cell">
                      {template.isActive
                        ? Object.entries(template.activeVersions)
                            .map(([code, version]) => `${code} v${version}`)
                            .join(', ')
                        : 'not live'}{' '}
                      <span className="text-xs text-slate-500">(latest v{template.latestVersion})</span>
                    </td>
                    <td className="hidden px-3 py-2 text-slate-600 lg:table-cell">
                      {formatDateTime(template.updatedAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Card>
    </>
  );
}
