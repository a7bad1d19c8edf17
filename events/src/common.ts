import * as z from 'zod';

/** Producer-chosen id of one business event; consumers use it as the idempotency key. */
export const eventId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only')
  .describe('Unique id of this business event, chosen by the producer; the idempotency key of consumers.');

export const entityId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits and . _ - only');

export const isoDateTime = z.iso.datetime({ offset: true }).describe('ISO 8601 date-time with offset');
export const isoDate = z.iso.date().describe('ISO 8601 calendar date (YYYY-MM-DD)');

/** E.164: a plus, then up to 15 digits, no leading zero. */
export const phoneE164 = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +61412345678');

export const email = z.email().max(254);

/** BCP 47 language tag, e.g. `en`, `en-AU`, `ja`. */
export const language = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en or en-AU');

export const timezone = z
  .string()
  .refine(isKnownTimeZone, { message: 'must be an IANA time zone such as Australia/Sydney' })
  .describe('IANA time zone name');

export function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as AUD');

export const money = z
  .object({
    amount: z
      .number()
      .nonnegative()
      .refine((value) => Math.round(value * 100) / 100 === value, { message: 'at most 2 decimal places' }),
    currency,
  })
  .describe('An amount of money in a currency');

/** Schema version of a detail payload; a breaking change ships as a new file with the next version. */
export const schemaVersion = <V extends number>(version: V) =>
  z.literal(version).describe('Version of this detail schema');
