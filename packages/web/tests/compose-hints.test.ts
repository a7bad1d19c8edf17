import type { Preferences } from '../src/api/types.js';
import { quietHoursEnd, variableLabel } from '../src/features/communications/compose-hints.js';

const preferences: Preferences = {
  channels: ['Email', 'SMS'],
  channelOrder: ['Email', 'SMS'],
  delivery: 'all',
  optedOutCategories: ['marketing'],
  quietHours: { start: '21:00', end: '08:00', channels: ['SMS'] },
};

describe('what Compose says before a send', () => {
  it('names a variable in words', () => {
    expect(variableLabel('event.stageData.holdReason')).toBe('Hold reason');
    expect(variableLabel('event.amountDue')).toBe('Amount due');
    expect(variableLabel('event.vin')).toBe('Vin');
    expect(variableLabel('event.ETA')).toBe('Eta');
  });

  it('knows when an SMS would wait for the end of quiet hours, on the customer’s clock, as time passes', () => {
    // 23:00 in Melbourne (UTC+11 in December): held until 08:00 there, 21:00 UTC.
    expect(
      quietHoursEnd('SMS', preferences, 'Australia/Melbourne', new Date('2026-12-01T12:00:00Z')),
    ).toEqual(new Date('2026-12-01T21:00:00Z'));
    // Nine hours later, 08:00 there: quiet hours are over.
    expect(
      quietHoursEnd('SMS', preferences, 'Australia/Melbourne', new Date('2026-12-01T21:00:00Z')),
    ).toBeUndefined();
    // 07:59 there: a minute to go.
    expect(
      quietHoursEnd('SMS', preferences, 'Australia/Melbourne', new Date('2026-12-01T20:59:00Z')),
    ).toEqual(new Date('2026-12-01T21:00:00Z'));
    // Quiet hours cover SMS only; a zone the browser does not know says nothing.
    expect(
      quietHoursEnd('Email', preferences, 'Australia/Melbourne', new Date('2026-12-01T12:00:00Z')),
    ).toBeUndefined();
    expect(
      quietHoursEnd('SMS', preferences, 'Mars/Olympus', new Date('2026-12-01T12:00:00Z')),
    ).toBeUndefined();
    expect(
      quietHoursEnd('SMS', { ...preferences, quietHours: null }, 'Australia/Melbourne', new Date()),
    ).toBeUndefined();
  });

  it('handles quiet hours within one day', () => {
    const daytime = {
      ...preferences,
      quietHours: { start: '12:00', end: '14:00', channels: ['SMS' as const] },
    };
    // 13:30 in Tokyo (UTC+9) is 04:30 UTC: held until 14:00 there.
    expect(quietHoursEnd('SMS', daytime, 'Asia/Tokyo', new Date('2026-12-01T04:30:00Z'))).toEqual(
      new Date('2026-12-01T05:00:00Z'),
    );
    expect(quietHoursEnd('SMS', daytime, 'Asia/Tokyo', new Date('2026-12-01T05:00:00Z'))).toBeUndefined();
  });
});
