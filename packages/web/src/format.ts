/**
 * The one place the UI writes dates and times: in the rep's own locale, medium date and short time
 * ("1 Dec 2026, 9:05 am" for en-AU). Messages to customers are formatted by the templates, in theirs.
 */
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const dayOfMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** An instant (ISO 8601) in the rep's locale and time zone. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** A calendar day (`2026-12-05`, a follow-up date) in the rep's locale: the same day wherever they are. */
export function formatDay(day: string | undefined): string {
  if (!day) return '';
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dateOnly.format(date);
}

/** A calendar day without its year, where the year is plain (a chart's axis): "18 Nov" in en-AU. */
export function formatDayOfMonth(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayOfMonth.format(date);
}

/** An instant as the clock reads where the customer is, for what happens on their time (quiet hours). */
export function formatInTimeZone(iso: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
      new Date(iso),
    );
  } catch {
    return formatDateTime(iso);
  }
}

/** An instant as a `datetime-local` input shows it: the rep's wall clock, to the minute, without a zone. */
export function toLocalInput(date: Date | string): string {
  const at = typeof date === 'string' ? new Date(date) : date;
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** Tomorrow at 09:00 on the rep's clock: where a follow-up or a snooze usually goes. */
export function tomorrowMorning(now = new Date()): Date {
  const next = new Date(now);
  next.setDate(now.getDate() + 1);
  next.setHours(9, 0, 0, 0);
  return next;
}
