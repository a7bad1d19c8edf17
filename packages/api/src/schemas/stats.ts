import { described, isoDate } from './common.js';
import * as z from './zod.js';

export const StatsQuerySchema = z.object({
  from: z.optional(isoDate).check(described('First day (UTC); default 13 days before `to`.')),
  to: z.optional(isoDate).check(described('Last day (UTC); default today.')),
});

const counts = z.record(z.string(), z.record(z.string(), z.number().check(z.int())));

export const StatsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    days: z
      .array(z.object({ day: z.string(), counts }))
      .check(
        described(
          'Per day: type → status → how many communications reached that outcome that day (steps on the way — Scheduled, Pending, Sending — are not counted).',
        ),
      ),
    totals: counts,
    rates: z.object({
      emailBounceRate: z.nullable(z.number()),
      emailComplaintRate: z.nullable(z.number()),
      smsFailureRate: z.nullable(z.number()),
    }),
    scheduled: z.number().check(z.int(), described('Messages waiting for their time (up to 10,000).')),
    asOf: z
      .string()
      .check(
        described(
          'When the figures were read: the API reads a range at most once every 5 seconds and answers every request for it in between from that read.',
        ),
      ),
  })
  .register(z.globalRegistry, { id: 'Stats' });

export const QueueDepthSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    waiting: z.number().check(z.int()),
    inFlight: z.number().check(z.int()),
    deadLetter: z.object({ name: z.string(), waiting: z.number().check(z.int()) }),
  })
  .register(z.globalRegistry, { id: 'QueueDepth' });
