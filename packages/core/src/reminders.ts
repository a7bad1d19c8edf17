import { DateTime } from 'luxon';

/** Payment reminders go out this many days before the due date, at this local hour. */
export const REMINDER_DAYS_BEFORE_DUE = 3;
export const REMINDER_LOCAL_HOUR = 9;

/**
 * When a message about a payment due on `dueDate` (a calendar date) should reach the customer: 09:00 in their
 * time zone, `offsetDays` from the due date (negative: before it, as reminders; positive: after it, as overdue
 * notices). A time already past means at once (the returned time is `now`).
 */
export function paymentReminderTime(
  dueDate: string,
  timezone: string,
  now: Date,
  offsetDays = -REMINDER_DAYS_BEFORE_DUE,
): Date {
  const due = DateTime.fromISO(dueDate, { zone: timezone });
  if (!due.isValid) return now;
  const at = due
    .plus({ days: offsetDays })
    .set({ hour: REMINDER_LOCAL_HOUR, minute: 0, second: 0, millisecond: 0 });
  return at.toMillis() > now.getTime() ? at.toJSDate() : now;
}
