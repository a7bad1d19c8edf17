import { TZDateMini } from '@date-fns/tz';
import { calendarDay } from './calendar-day.js';

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
  const day = calendarDay(dueDate);
  if (!day) return now;
  const at = new TZDateMini(
    day.year,
    day.month - 1,
    day.day + offsetDays,
    REMINDER_LOCAL_HOUR,
    0,
    0,
    0,
    timezone,
  );
  const time = at.getTime();
  // An unknown time zone gives no time: at once, as for a date that is not one.
  return Number.isNaN(time) || time <= now.getTime() ? now : new Date(time);
}
