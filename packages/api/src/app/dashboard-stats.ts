import {
  type Clock,
  type CommunicationRepository,
  type DailyStatusCounts,
  InvalidInputError,
} from '@import-comms/core';
import { LRUCache } from 'lru-cache';

type Counts = DailyStatusCounts['counts'];
/** Days from `from` to `to` (`YYYY-MM-DD`, both included). */
export type StatsRange = { from: string; to: string };

export interface DashboardStats {
  from: string;
  to: string;
  days: DailyStatusCounts[];
  totals: Counts;
  rates: { emailBounceRate: number | null; emailComplaintRate: number | null; smsFailureRate: number | null };
  scheduled: number;
  /** When the figures were read. */
  asOf: string;
}

const DAY_MS = 86_400_000;
/** Dashboards look at a fortnight by default and at most a quarter. */
const DEFAULT_DAYS = 14;
export const MAX_STATS_DAYS = 92;
const SCHEDULED_CAP = 10_000;
/**
 * How long figures once read answer every rep asking for the same range (ADR 0032): well within the 15 s the
 * dashboard refreshes at, and outcomes reach the counters asynchronously anyway.
 */
export const STATS_FRESH_MS = 5_000;
/** Ranges remembered: the default fortnight and the few a team looks at. */
const CACHED_RANGES = 32;

export function statsRange(from: string | undefined, to: string | undefined, now: Date): StatsRange {
  const end = to ?? now.toISOString().slice(0, 10);
  const start = from ?? new Date(Date.parse(end) - (DEFAULT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  const days = (Date.parse(end) - Date.parse(start)) / DAY_MS + 1;
  if (days < 1) throw new InvalidInputError([{ path: 'from', message: 'must not be after to' }]);
  if (days > MAX_STATS_DAYS)
    throw new InvalidInputError([{ path: 'from', message: `at most ${MAX_STATS_DAYS} days at a time` }]);
  return { from: start, to: end };
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * The dashboard's figures, read at most once per range every {@link STATS_FRESH_MS} by this API instance: every
 * open dashboard asks every 15 s, and a team's reps all ask the same question. Requests arriving while a read is
 * under way wait for it rather than reading again; a failed read is not remembered.
 */
export function cachedDashboardStats(
  communications: CommunicationRepository,
  clock: Clock,
): (range: StatsRange) => Promise<DashboardStats> {
  const cache = new LRUCache<string, DashboardStats, StatsRange>({
    max: CACHED_RANGES,
    ttl: STATS_FRESH_MS,
    perf: { now: () => clock.now().getTime() },
    fetchMethod: (_key, _stale, { context }) => dashboardStats(context, communications, clock),
  });
  return (range) => cache.forceFetch(`${range.from}/${range.to}`, { context: range });
}

/** Counts per day, totals and the rates AWS reviews accounts on (bounce and complaint). */
export async function dashboardStats(
  range: StatsRange,
  communications: CommunicationRepository,
  clock: Clock,
): Promise<DashboardStats> {
  const asOf = clock.now().toISOString();
  const [days, scheduled] = await Promise.all([
    communications.countsByDay(range.from, range.to),
    communications.countScheduled(SCHEDULED_CAP),
  ]);
  const totals: Counts = {};
  for (const day of days) {
    for (const [type, byStatus] of Object.entries(day.counts) as [keyof Counts, Record<string, number>][]) {
      const target = (totals[type] ?? {}) as Record<string, number>;
      totals[type] = target;
      for (const [status, count] of Object.entries(byStatus)) target[status] = (target[status] ?? 0) + count;
    }
  }
  const email = (totals.Email ?? {}) as Record<string, number>;
  const sms = (totals.SMS ?? {}) as Record<string, number>;
  // A bounce can overtake the dispatcher's own Sent write, so messages that left are at least Delivered + Bounced.
  const emailSent = Math.max(email.Sent ?? 0, (email.Delivered ?? 0) + (email.Bounced ?? 0));
  const smsSent = sms.Sent ?? 0;
  return {
    ...range,
    days,
    totals,
    rates: {
      emailBounceRate: ratio(email.Bounced ?? 0, emailSent),
      emailComplaintRate: ratio(email.Complained ?? 0, emailSent),
      smsFailureRate: ratio(sms.Failed ?? 0, smsSent + (sms.Failed ?? 0)),
    },
    scheduled,
    asOf,
  };
}
