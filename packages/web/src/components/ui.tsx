import clsx from 'clsx';
import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { ApiError } from '../api/client';
import type { CommunicationStatus, Vehicle } from '../api/types';

export function Button({
  variant = 'primary',
  className,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' | 'ghost' }) {
  return (
    <button
      type="button"
      {...props}
      className={clsx(
        'inline-flex items-center justify-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium shadow-sm transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:cursor-not-allowed disabled:opacity-50',
        variant === 'primary' && 'bg-sky-700 text-white hover:bg-sky-800',
        variant === 'secondary' && 'border border-slate-300 bg-white text-slate-800 hover:bg-slate-50',
        variant === 'danger' && 'bg-rose-700 text-white hover:bg-rose-800',
        variant === 'ghost' && 'text-slate-700 shadow-none hover:bg-slate-100',
        className,
      )}
    />
  );
}

const STATUS_COLOURS: Record<CommunicationStatus, string> = {
  Scheduled: 'bg-violet-100 text-violet-800',
  Pending: 'bg-slate-100 text-slate-700',
  Sending: 'bg-sky-100 text-sky-800',
  Sent: 'bg-sky-100 text-sky-800',
  Delivered: 'bg-emerald-100 text-emerald-800',
  Bounced: 'bg-rose-100 text-rose-800',
  Complained: 'bg-rose-100 text-rose-800',
  Failed: 'bg-rose-100 text-rose-800',
  NotSent: 'bg-amber-100 text-amber-800',
  Cancelled: 'bg-slate-200 text-slate-700',
  Logged: 'bg-teal-100 text-teal-800',
};

/** A status as reps read it; a message the customer sent reads "Received" (stored as Logged, like a call). */
export function StatusBadge({
  status,
  received = false,
}: {
  status: CommunicationStatus;
  received?: boolean;
}) {
  return (
    <span
      className={clsx('inline-block rounded-full px-2 py-0.5 text-xs font-medium', STATUS_COLOURS[status])}
    >
      {received ? 'Received' : status === 'NotSent' ? 'Not sent' : status}
    </span>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div role="status" className="flex items-center gap-2 p-6 text-sm text-slate-500">
      <span
        className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-sky-700"
        aria-hidden
      />
      {label}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="p-6 text-center text-sm text-slate-500">{children}</p>;
}

export function ErrorNotice({ error, retry }: { error: unknown; retry?: () => void }) {
  const message =
    error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  return (
    <div role="alert" className="m-4 rounded-md border border-rose-200 bg-rose-50 p-3 text-sm text-rose-800">
      <p>Something went wrong: {message}</p>
      {retry && (
        <Button variant="secondary" className="mt-2" onClick={retry}>
          Try again
        </Button>
      )}
    </div>
  );
}

export function Card({
  title,
  actions,
  children,
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
      {(title || actions) && (
        <header className="flex items-center justify-between gap-2 border-b border-slate-100 px-4 py-2.5">
          {title && <h2 className="text-sm font-semibold text-slate-800">{title}</h2>}
          {actions}
        </header>
      )}
      <div className="p-4">{children}</div>
    </section>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
      <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
      <div className="flex flex-wrap items-center gap-2">{children}</div>
    </div>
  );
}

export const inputClass =
  'block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm placeholder:text-slate-400 focus:border-sky-600 focus:outline-none aria-invalid:border-rose-500';

export function Field({
  label,
  htmlFor,
  error,
  hint,
  children,
}: {
  label: string;
  htmlFor: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={htmlFor} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      {error && (
        <p className="text-xs text-rose-700" id={`${htmlFor}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export { formatDateTime, formatDay } from '../format';

/** Year, make and model, as far as they are known ('' when none is). */
export function vehicleName(vehicle: Pick<Vehicle, 'year' | 'make' | 'model'>): string {
  return [vehicle.year, vehicle.make, vehicle.model].filter(Boolean).join(' ');
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
