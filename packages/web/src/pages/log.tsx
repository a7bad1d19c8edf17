import { useInfiniteQuery } from '@tanstack/react-query';
import clsx from 'clsx';
import { type FormEvent, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { COMMUNICATION_TYPES, STATUSES } from '../api/types';
import { useSession } from '../auth/session';
import { CommunicationDetail } from '../components/communication-detail';
import { CommunicationTable } from '../components/communication-table';
import { Button, Card, Empty, ErrorNotice, inputClass, Loading, PageHeader } from '../components/ui';
import { communicationQueries } from '../features/communications/api';
import { useSavedViews, viewSearchOf } from '../features/communications/saved-views';

const FILTERS = [
  'q',
  'type',
  'status',
  'templateId',
  'customerId',
  'vehicleId',
  'createdBy',
  'from',
  'to',
] as const;

/** Every communication, newest first; filters live in the URL so a view can be shared and bookmarked. */
export function LogPage() {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ''])) as Record<
    (typeof FILTERS)[number],
    string
  >;
  const open = params.get('open');
  const log = useInfiniteQuery(communicationQueries.log(filters));
  const items = log.data?.pages.flatMap((page) => page.items) ?? [];
  const id = useId();
  // On a phone the filters wait behind a button, so the first screen shows messages rather than a form.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = FILTERS.filter((name) => filters[name]).length;

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const value = String(form.get(name) ?? '').trim();
      if (value) next.set(name, value);
    }
    setParams(next);
  };
  const setOpen = (communicationId: string | undefined) => {
    const next = new URLSearchParams(params);
    if (communicationId) next.set('open', communicationId);
    else next.delete('open');
    setParams(next);
  };

  return (
    <>
      <PageHeader title="Communication log">
        <SaveView search={viewSearchOf(params)} />
      </PageHeader>
      <Button
        variant="secondary"
        className="mb-3 md:hidden"
        aria-expanded={filtersOpen}
        aria-controls={`${id}-filters`}
        onClick={() => setFiltersOpen((open) => !open)}
      >
        {filtersOpen ? 'Hide filters' : `Filters${activeFilters > 0 ? ` (${activeFilters})` : ''}`}
      </Button>
      <search id={`${id}-filters`} className={clsx(filtersOpen ? 'block' : 'hidden', 'md:block')}>
        <form
          aria-label="Filter communications"
          onSubmit={(event) => {
            apply(event);
            setFiltersOpen(false);
          }}
          className="mb-4"
          key={params.toString()}
        >
          <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-6">
            <label className="col-span-2 text-sm">
              <span className="mb-1 block font-medium text-slate-700">Search</span>
              <input
                name="q"
                type="search"
                defaultValue={filters.q}
                placeholder="Words in subject or content"
                className={inputClass}
                minLength={2}
              />
            </label>
            <label className="text-sm">
              <span className="mb-1 block font-medium text-slate-700">Type</span>
              <select name="type" defaultValue={filters.type} className={inputClass}>
                <option value="">Any type</option>
                {COMMUNICATION_TYPES.map((type) => (
                  <option key={type}>{type}</option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              <span className="mb-1 block font-medium text-slate-700">Status</span>
              <select name="status" defaultValue={filters.status} className={inputClass}>
                <option value="">Any status</option>
                {STATUSES.map((status) => (
                  <option key={status}>{status}</option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              <span className="mb-1 block font-medium text-slate-700">Customer</span>
              <input
                name="customerId"
                defaultValue={filters.customerId}
                placeholder="CU-…"
                className={inputClass}
              />
            </label>
            <label className="text-sm">
              <span className="mb-1 block font-medium text-slate-700">Vehicle</span>
              <input
                name="vehicleId"
                defaultValue={filters.vehicleId}
                placeholder="VH-…"
                className={inputClass}
              />
            </label>
            <label className="text-sm">
              <span className="mb-1 block font-medium text-slate-700">Template</span>
              <input name="templateId" defaultValue={filters.templateId} className={inputClass} />
            </label>
            <label className="text-sm">
              <span className="mb-1 block font-medium text-slate-700">Created by</span>
              <input name="createdBy" defaultValue={filters.createdBy} className={inputClass} />
            </label>
            <label className="text-sm" htmlFor={`${id}-from`}>
              <span className="mb-1 block font-medium text-slate-700">From</span>
              <input
                id={`${id}-from`}
                name="from"
                type="date"
                defaultValue={filters.from}
                className={inputClass}
              />
            </label>
            <label className="text-sm" htmlFor={`${id}-to`}>
              <span className="mb-1 block font-medium text-slate-700">To</span>
              <input id={`${id}-to`} name="to" type="date" defaultValue={filters.to} className={inputClass} />
            </label>
            <div className="col-span-2 flex items-end gap-2">
              <Button type="submit">Apply filters</Button>
              <Button variant="secondary" onClick={() => setParams(new URLSearchParams())}>
                Clear
              </Button>
            </div>
          </div>
        </form>
      </search>
      <Card>
        {log.isPending && <Loading />}
        {log.error && <ErrorNotice error={log.error} retry={() => log.refetch()} />}
        {log.isSuccess && items.length === 0 && (
          <Empty>{log.hasNextPage ? 'Nothing in the most recent days.' : 'No communications match.'}</Empty>
        )}
        {items.length > 0 && <CommunicationTable items={items} onOpen={setOpen} />}
        {log.hasNextPage && (
          <div className="flex justify-center p-3">
            <Button variant="secondary" onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>
              {log.isFetchingNextPage ? 'Loading…' : items.length === 0 ? 'Search further back' : 'Load more'}
            </Button>
          </div>
        )}
      </Card>
      {open && <CommunicationDetail id={open} onClose={() => setOpen(undefined)} onOpen={setOpen} />}
    </>
  );
}

/** Names the filters in the address as a view of the rep's own, shown under "Saved views" in the navigation. */
function SaveView({ search }: { search: string }) {
  const { user } = useSession();
  const { views, save } = useSavedViews(user?.id);
  const id = useId();
  if (!search) return null;
  const existing = views.find((view) => view.search === search);
  if (existing) return <p className="text-sm text-slate-600">Saved view: {existing.name}</p>;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name') ?? '').trim();
    if (!name) return;
    save(name, search);
    toast.success(`Saved the view “${name}”: it is under Saved views.`);
  };
  return (
    <form onSubmit={submit} className="flex items-center gap-2" aria-label="Save these filters as a view">
      <label htmlFor={id} className="sr-only">
        Name of the view
      </label>
      <input
        id={id}
        name="name"
        required
        maxLength={40}
        placeholder="Name these filters"
        className={`${inputClass} w-44`}
      />
      <Button type="submit" variant="secondary">
        Save view
      </Button>
    </form>
  );
}
