import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { CommunicationDetail } from '../components/communication-detail';
import { CommunicationTable } from '../components/communication-table';
import { stageLabel } from '../components/stage';
import {
  Card,
  Empty,
  ErrorNotice,
  formatDateTime,
  inputClass,
  Loading,
  PageHeader,
  vehicleName,
} from '../components/ui';
import { communicationQueries, type TimelineSubject } from '../features/communications/api';
import { customerQueries } from '../features/customers/api';
import { TasksCard } from '../features/tasks/tasks-card';

function Timeline({ subject, label }: { subject: TimelineSubject; label: string }) {
  // A link may name the message to open (`?open=`, e.g. from the Inbox).
  const [params] = useSearchParams();
  const [open, setOpen] = useState<string | undefined>(params.get('open') ?? undefined);
  const timeline = useInfiniteQuery(communicationQueries.timeline(subject));
  const items = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card title={label}>
      {timeline.isPending && <Loading />}
      {timeline.error && <ErrorNotice error={timeline.error} retry={() => timeline.refetch()} />}
      {timeline.isSuccess && items.length === 0 && <Empty>Nothing yet.</Empty>}
      {items.length > 0 && <CommunicationTable items={items} onOpen={setOpen} showCustomer={false} />}
      {timeline.hasNextPage && (
        <button
          type="button"
          className="mt-2 text-sm text-sky-700 underline"
          onClick={() => timeline.fetchNextPage()}
        >
          Older
        </button>
      )}
      {open && (
        <CommunicationDetail id={open} onClose={() => setOpen(undefined)} onOpen={setOpen} around={items} />
      )}
    </Card>
  );
}

export function CustomersPage() {
  const [text, setText] = useState('');
  const customers = useQuery({
    ...customerQueries.search(text, 50),
  });
  return (
    <>
      <PageHeader title="Customers" />
      <label className="mb-3 block max-w-md text-sm">
        <span className="mb-1 block font-medium">Find a customer</span>
        <input
          type="search"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="Name, id, email or phone"
          className={inputClass}
        />
      </label>
      <Card>
        {customers.isPending && <Loading />}
        {customers.error && <ErrorNotice error={customers.error} />}
        {customers.data?.items.length === 0 && <Empty>No customer matches.</Empty>}
        <ul className="divide-y divide-slate-100">
          {customers.data?.items.map((customer) => (
            <li key={customer.customerId} className="flex items-center justify-between py-2 text-sm">
              <Link to={`/customers/${customer.customerId}`} className="font-medium text-sky-700 underline">
                {customer.firstName} {customer.lastName}
              </Link>
              <span className="text-slate-500">
                {customer.customerId} · {customer.email ?? 'no email'} · {customer.phone ?? 'no phone'}
              </span>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}

export function CustomerPage() {
  const { customerId = '' } = useParams();
  const customer = useQuery({
    ...customerQueries.detail(customerId),
  });
  const vehicles = useQuery({
    ...customerQueries.vehicles(customerId),
  });
  if (customer.isPending) return <Loading />;
  if (customer.error) return <ErrorNotice error={customer.error} retry={() => customer.refetch()} />;
  const c = customer.data;
  return (
    <>
      <PageHeader title={`${c.firstName} ${c.lastName}`}>
        <Link
          className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white"
          to={`/compose?customerId=${customerId}`}
        >
          Compose
        </Link>
        <Link
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
          to={`/log-interaction?customerId=${customerId}`}
        >
          Log a call or meeting
        </Link>
        <Link
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
          to={`/customers/${customerId}/preferences`}
        >
          Preferences
        </Link>
      </PageHeader>
      <div className="mb-4 grid gap-4 lg:grid-cols-2">
        <Card title="Contact">
          <dl className="grid grid-cols-[7rem_1fr] gap-y-1 text-sm">
            <dt className="text-slate-500">Customer id</dt>
            <dd>{c.customerId}</dd>
            <dt className="text-slate-500">Email</dt>
            <dd>{c.email ?? '—'}</dd>
            <dt className="text-slate-500">Phone</dt>
            <dd>{c.phone ?? '—'}</dd>
            <dt className="text-slate-500">Language</dt>
            <dd>{c.language}</dd>
            <dt className="text-slate-500">Time zone</dt>
            <dd>{c.timezone}</dd>
          </dl>
        </Card>
        <Card title="Vehicles">
          {vehicles.isPending && <Loading />}
          {vehicles.data?.items.length === 0 && <Empty>No vehicles yet.</Empty>}
          <ul className="space-y-1 text-sm">
            {vehicles.data?.items.map((vehicle) => (
              <li key={vehicle.vehicleId} className="flex justify-between">
                <Link to={`/vehicles/${vehicle.vehicleId}`} className="text-sky-700 underline">
                  {vehicleName(vehicle) || vehicle.vehicleId}
                </Link>
                <span className="text-slate-600">{stageLabel(vehicle.stage)}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <TasksCard subject="customerId" id={customerId} />
      <Timeline subject={{ customerId }} label="History" />
    </>
  );
}

export function VehiclePage() {
  const { vehicleId = '' } = useParams();
  const vehicle = useQuery({
    ...customerQueries.vehicle(vehicleId),
  });
  if (vehicle.isPending) return <Loading />;
  if (vehicle.error) return <ErrorNotice error={vehicle.error} retry={() => vehicle.refetch()} />;
  const v = vehicle.data;
  const title = vehicleName(v) || v.vehicleId;
  return (
    <>
      <PageHeader title={title}>
        <Link
          className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white"
          to={`/compose?customerId=${v.customerId}&vehicleId=${v.vehicleId}`}
        >
          Compose
        </Link>
        <Link
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm"
          to={`/customers/${v.customerId}`}
        >
          Customer {v.customerId}
        </Link>
      </PageHeader>
      <div className="mb-4">
        <Card title="Import stage">
          <p className="text-lg font-medium">{stageLabel(v.stage)}</p>
          {v.stageChangedAt && (
            <p className="text-sm text-slate-500">since {formatDateTime(v.stageChangedAt)}</p>
          )}
        </Card>
      </div>
      <TasksCard subject="vehicleId" id={vehicleId} />
      <Timeline subject={{ vehicleId }} label="History of this vehicle" />
    </>
  );
}
