import { en } from 'zod/locales';
import * as z from 'zod/mini';

// zod/mini says only "Invalid input" unless told which messages to give: the same English ones as zod's.
z.config(en());

/** Producer-chosen id of one business event; consumers use it as the idempotency key. */
export const eventId = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(128),
    z.regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only'),
    z.describe('Unique id of this business event, chosen by the producer; the idempotency key of consumers.'),
  );

export const entityId = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9._-]+$/, 'letters, digits and . _ - only'));

export const isoDateTime = z.iso
  .datetime({ offset: true })
  .check(z.describe('ISO 8601 date-time with offset'));
export const isoDate = z.iso.date().check(z.describe('ISO 8601 calendar date (YYYY-MM-DD)'));

/** E.164: a plus, then up to 15 digits, no leading zero. */
export const phoneE164 = z
  .string()
  .check(z.regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +61412345678'));

export const email = z.email().check(z.maxLength(254));

/** BCP 47 language tag, e.g. `en`, `en-AU`, `ja`. */
export const language = z
  .string()
  .check(z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en or en-AU'));

export const timezone = z
  .string()
  .check(
    z.refine(isKnownTimeZone, { message: 'must be an IANA time zone such as Australia/Sydney' }),
    z.describe('IANA time zone name'),
  );

export function isKnownTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const currency = z.string().check(z.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as AUD'));

export const money = z
  .object({
    amount: z.number().check(
      z.nonnegative(),
      z.refine((value) => Math.round(value * 100) / 100 === value, { message: 'at most 2 decimal places' }),
    ),
    currency,
  })
  .check(z.describe('An amount of money in a currency'));

/** Schema version of a detail payload; a breaking change ships as a new file with the next version. */
export const schemaVersion = <V extends number>(version: V) =>
  z.literal(version).check(z.describe('Version of this detail schema'));

/** C0 and C1 control characters and DEL: CR and LF among them, which would end a mail header. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
export const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f-\u009f]*$/;
/** The same, but for line breaks and tabs, which free text may hold. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
export const NO_CONTROL_CHARACTERS_BUT_LINES = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/;
/** A UTF-16 surrogate without its pair: not text, and refused by mail and SMS providers. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether text holds no lone surrogate. */
export const wellFormed = (text: string) => !LONE_SURROGATE.test(text);

/** What the text rules say when broken: the same words wherever a schema applies them. */
export const TEXT_MESSAGES = {
  singleLine: 'must be one line of text: no line breaks, tabs or control characters',
  multiLine: 'must be text: no control characters other than line breaks and tabs',
  wellFormed: 'must be valid Unicode text (it holds a lone surrogate)',
} as const;

/** Text of 1 to `maxLength` characters matching `allowed`, optionally trimmed first, with no lone surrogate. */
const text = (maxLength: number, allowed: RegExp, message: string, trim = false) =>
  z
    .string()
    .check(
      ...(trim ? [z.trim()] : []),
      z.minLength(1),
      z.maxLength(maxLength),
      z.regex(allowed, message),
      z.refine(wellFormed, TEXT_MESSAGES.wellFormed),
    );

/**
 * One line of text (`trim`: surrounding blanks removed first, for what people type) — a name, a subject, anything
 * that may end up in a mail header or an SMS sender line: no line breaks, tabs or other control characters, no
 * lone surrogates.
 */
export const singleLine = (maxLength: number, options: { trim?: boolean } = {}) =>
  text(maxLength, NO_CONTROL_CHARACTERS, TEXT_MESSAGES.singleLine, options.trim);

/** Free text over several lines (notes, bodies): line breaks and tabs, but no other control characters. */
export const multiLine = (maxLength: number, options: { trim?: boolean } = {}) =>
  text(maxLength, NO_CONTROL_CHARACTERS_BUT_LINES, TEXT_MESSAGES.multiLine, options.trim);
