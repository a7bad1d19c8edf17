import { z } from '@hono/zod-openapi';
import { isoDate } from './common.js';

export const StatsQuerySchema = z.object({
  from: isoDate.optional().openapi({ description: 'First day (UTC); default 13 days before `to`.' }),
  to: isoDate.optional().openapi({ description: 'Last day (UTC); default today.' }),
});

const counts = z.record(z.string(), z.record(z.string(), z.number().int()));

export const StatsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    days: z.array(z.object({ day: z.string(), counts })).openapi({
      description:
        'Per day: type → status → how many communications reached that outcome that day (steps on the way — Scheduled, Pending, Sending — are not counted).',
    }),
    totals: counts,
    rates: z.object({
      emailBounceRate: z.number().nullable(),
      emailComplaintRate: z.number().nullable(),
      smsFailureRate: z.number().nullable(),
    }),
    scheduled: z.number().int().openapi({ description: 'Messages waiting for their time (up to 10,000).' }),
    asOf: z.string().openapi({
      description:
        'When the figures were read: the API reads a range at most once every 5 seconds and answers every request for it in between from that read.',
    }),
  })
  .openapi('Stats');

export const QueueDepthSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    waiting: z.number().int(),
    inFlight: z.number().int(),
    deadLetter: z.object({ name: z.string(), waiting: z.number().int() }),
  })
  .openapi('QueueDepth');
