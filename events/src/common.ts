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

/** C0 and C1 control characters and DEL: CR and LF among them, which would end a mail header. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f-\u009f]*$/;
/** The same, but for line breaks and tabs, which free text may hold. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NO_CONTROL_CHARACTERS_BUT_LINES = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/;
/** A UTF-16 surrogate without its pair: not text, and refused by mail and SMS providers. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const wellFormed = (text: string) => !LONE_SURROGATE.test(text);

/**
 * One line of text (`trim`: surrounding blanks removed first, for what people type) — a name, a subject, anything that may end up in a mail header or an SMS sender line: no line
 * breaks, tabs or other control characters, no lone surrogates.
 */
export const singleLine = (maxLength: number, options: { trim?: boolean } = {}) =>
  (options.trim ? z.string().trim() : z.string())
    .min(1)
    .max(maxLength)
    .regex(NO_CONTROL_CHARACTERS, 'must be one line of text: no line breaks, tabs or control characters')
    .refine(wellFormed, 'must be valid Unicode text (it holds a lone surrogate)');

/** Free text over several lines (notes, bodies): line breaks and tabs, but no other control characters. */
export const multiLine = (maxLength: number, options: { trim?: boolean } = {}) =>
  (options.trim ? z.string().trim() : z.string())
    .min(1)
    .max(maxLength)
    .regex(
      NO_CONTROL_CHARACTERS_BUT_LINES,
      'must be text: no control characters other than line breaks and tabs',
    )
    .refine(wellFormed, 'must be valid Unicode text (it holds a lone surrogate)');
