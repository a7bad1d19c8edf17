import { DateTime } from 'luxon';

/** Payment reminders go out this many days before the due date, at this local hour. */
export const REMINDER_DAYS_BEFORE_DUE = 3;
export const REMINDER_LOCAL_HOUR = 9;

/**
 * When a reminder for a payment due on `dueDate` (a calendar date) should reach the customer: 09:00 in their
 * time zone, three days before. A due date closer than that is reminded at once (the returned time is `now`).
 */
export function paymentReminderTime(dueDate: string, timezone: string, now: Date): Date {
  const due = DateTime.fromISO(dueDate, { zone: timezone });
  if (!due.isValid) return now;
  const at = due
    .minus({ days: REMINDER_DAYS_BEFORE_DUE })
    .set({ hour: REMINDER_LOCAL_HOUR, minute: 0, second: 0, millisecond: 0 });
  return at.toMillis() > now.getTime() ? at.toJSDate() : now;
}
