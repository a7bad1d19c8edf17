import clsx from 'clsx';
import type { VersionState } from '../../api/types';

const STATE_COLOURS: Record<VersionState, string> = {
  Draft: 'bg-slate-100 text-slate-700',
  InReview: 'bg-amber-100 text-amber-800',
  Approved: 'bg-sky-100 text-sky-800',
  Rejected: 'bg-rose-100 text-rose-800',
  Active: 'bg-emerald-100 text-emerald-800',
  Retired: 'bg-slate-200 text-slate-600',
};

export function StateBadge({ state }: { state: VersionState }) {
  return (
    <span className={clsx('rounded-full px-2 py-0.5 text-xs font-medium', STATE_COLOURS[state])}>
      {state === 'InReview' ? 'In review' : state}
    </span>
  );
}
