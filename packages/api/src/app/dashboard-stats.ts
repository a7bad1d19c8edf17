import { type CommunicationRepository, type DailyStatusCounts, InvalidInputError } from '@import-comms/core';

type Counts = DailyStatusCounts['counts'];

export interface DashboardStats {
  from: string;
  to: string;
  days: DailyStatusCounts[];
  totals: Counts;
  rates: { emailBounceRate: number | null; emailComplaintRate: number | null; smsFailureRate: number | null };
  scheduled: number;
}

const DAY_MS = 86_400_000;
/** Dashboards look at a fortnight by default and at most a quarter. */
const DEFAULT_DAYS = 14;
export const MAX_STATS_DAYS = 92;
const SCHEDULED_CAP = 10_000;

export function statsRange(
  from: string | undefined,
  to: string | undefined,
  now: Date,
): { from: string; to: string } {
  const end = to ?? now.toISOString().slice(0, 10);
  const start = from ?? new Date(Date.parse(end) - (DEFAULT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
  const days = (Date.parse(end) - Date.parse(start)) / DAY_MS + 1;
  if (days < 1) throw new InvalidInputError([{ path: 'from', message: 'must not be after to' }]);
  if (days > MAX_STATS_DAYS)
    throw new InvalidInputError([{ path: 'from', message: `at most ${MAX_STATS_DAYS} days at a time` }]);
  return { from: start, to: end };
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Counts per day, totals and the rates AWS reviews accounts on (bounce and complaint). */
export async function dashboardStats(
  range: { from: string; to: string },
  communications: CommunicationRepository,
): Promise<DashboardStats> {
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
  };
}
