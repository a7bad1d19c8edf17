import { paymentReminderTime } from '../src/index.js';

describe('paymentReminderTime', () => {
  it('is 09:00 local time three days before the due date', () => {
    // 09:00 on 28 Nov in Melbourne (UTC+11) is 22:00 UTC on 27 Nov.
    expect(
      paymentReminderTime('2026-12-01', 'Australia/Melbourne', new Date('2026-11-20T00:00:00Z')),
    ).toEqual(new Date('2026-11-27T22:00:00Z'));
  });

  it('is 09:00 local time the day after the due date for an overdue notice', () => {
    expect(paymentReminderTime('2026-12-01', 'UTC', new Date('2026-11-20T00:00:00Z'), 1)).toEqual(
      new Date('2026-12-02T09:00:00Z'),
    );
  });

  it('is now when the due date is closer than three days', () => {
    const now = new Date('2026-11-30T00:00:00Z');

    expect(paymentReminderTime('2026-12-01', 'Australia/Melbourne', now)).toBe(now);
  });
});
