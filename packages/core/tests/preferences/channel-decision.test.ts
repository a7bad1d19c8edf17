import {
  type ChannelDecisionInput,
  DEFAULT_PREFERENCES,
  decideChannels,
  type Preferences,
  quietHoursEnd,
} from '../../src/index.js';

const contact = { email: 'aiko@example.com', phone: '+61412345678', timezone: 'Australia/Melbourne' };
// 02:00 UTC on 25 Nov 2026 is 13:00 in Melbourne (UTC+11, daylight time).
const middayInMelbourne = new Date('2026-11-25T02:00:00Z');

const decide = (overrides: Partial<ChannelDecisionInput> = {}, preferences: Partial<Preferences> = {}) =>
  decideChannels({
    category: 'transactional',
    candidates: ['Email', 'SMS'],
    contact,
    preferences: { ...DEFAULT_PREFERENCES, ...preferences },
    now: middayInMelbourne,
    ...overrides,
  });

describe('decideChannels', () => {
  it('sends on every allowed channel now when nothing holds it back', () => {
    const decision = decide();

    expect(decision).toEqual({
      deliveries: [
        { channel: 'Email', address: 'aiko@example.com', sendAt: middayInMelbourne, deferred: false },
        { channel: 'SMS', address: '+61412345678', sendAt: middayInMelbourne, deferred: false },
      ],
      skipped: [],
    });
  });

  it('skips every channel of a category the customer opted out of, saying why', () => {
    const decision = decide({ category: 'reminders' }, { optedOutCategories: ['reminders'] });

    expect(decision.deliveries).toEqual([]);
    expect(decision.skipped).toEqual([
      { channel: 'Email', reason: 'opted-out', detail: 'customer opted out of reminders messages' },
      { channel: 'SMS', reason: 'opted-out', detail: 'customer opted out of reminders messages' },
    ]);
  });

  it('keeps marketing off by default until the customer consents', () => {
    expect(decide({ category: 'marketing' }).deliveries).toEqual([]);
  });

  it('skips a channel the customer does not accept', () => {
    const decision = decide({}, { channels: ['Email'] });

    expect(decision.deliveries.map((d) => d.channel)).toEqual(['Email']);
    expect(decision.skipped).toEqual([
      { channel: 'SMS', reason: 'channel-disabled', detail: 'customer does not accept SMS' },
    ]);
  });

  it('never sends on a channel the customer opted out of by keyword (STOP), even for transactional messages', () => {
    const decision = decide({}, { optedOutChannels: ['SMS'] });

    expect(decision.deliveries.map((d) => d.channel)).toEqual(['Email']);
    expect(decision.skipped).toEqual([
      { channel: 'SMS', reason: 'opted-out', detail: 'customer opted out of SMS (replied STOP)' },
    ]);
  });

  it('skips a channel with no address', () => {
    const decision = decide({ contact: { ...contact, phone: undefined } });

    expect(decision.skipped).toEqual([
      { channel: 'SMS', reason: 'no-address', detail: 'customer has no mobile number' },
    ]);
  });

  it('uses only the first usable channel in the preferred order when the customer wants one', () => {
    const decision = decide({}, { delivery: 'preferred', channelOrder: ['SMS', 'Email'] });

    expect(decision.deliveries.map((d) => d.channel)).toEqual(['SMS']);
    expect(decision.skipped).toEqual([
      {
        channel: 'Email',
        reason: 'not-preferred-channel',
        detail: 'customer prefers one channel; sent on SMS',
      },
    ]);
  });

  it('falls back to the next channel in order when the preferred one has no address', () => {
    const decision = decide(
      { contact: { ...contact, phone: undefined } },
      { delivery: 'preferred', channelOrder: ['SMS', 'Email'] },
    );

    expect(decision.deliveries.map((d) => d.channel)).toEqual(['Email']);
    expect(decision.skipped.map((s) => s.reason)).toEqual(['no-address']);
  });

  it('defers an SMS during quiet hours to their end in the customer time zone, and sends the email now', () => {
    // 11:30 UTC is 22:30 in Melbourne: inside 21:00–08:00.
    const lateEvening = new Date('2026-11-25T11:30:00Z');

    const decision = decide({ now: lateEvening });

    expect(decision.deliveries).toEqual([
      { channel: 'Email', address: contact.email, sendAt: lateEvening, deferred: false },
      // 08:00 on 26 Nov in Melbourne is 21:00 UTC on 25 Nov.
      { channel: 'SMS', address: contact.phone, sendAt: new Date('2026-11-25T21:00:00Z'), deferred: true },
    ]);
  });

  it('uses the time zone from the preferences over the CRM one', () => {
    // 11:30 UTC is 11:30 in London: outside quiet hours.
    const decision = decide({ now: new Date('2026-11-25T11:30:00Z') }, { timezone: 'Europe/London' });

    expect(decision.deliveries.every((d) => !d.deferred)).toBe(true);
  });

  it('returns each candidate channel once, in the preferred order', () => {
    const decision = decide({ candidates: ['SMS', 'Email', 'SMS'] }, { channelOrder: ['Email', 'SMS'] });

    expect(decision.deliveries.map((d) => d.channel)).toEqual(['Email', 'SMS']);
  });
});

describe('quietHoursEnd', () => {
  const overnight = { start: '21:00', end: '08:00', channels: ['SMS' as const] };

  it.each([
    ['before midnight', '2026-11-25T11:30:00Z', '2026-11-25T21:00:00Z'],
    ['after midnight', '2026-11-25T15:00:00Z', '2026-11-25T21:00:00Z'],
    ['at the start', '2026-11-25T10:00:00Z', '2026-11-25T21:00:00Z'],
  ])('holds a message sent %s until 08:00 local', (_label, now, expected) => {
    expect(quietHoursEnd(overnight, 'SMS', 'Australia/Melbourne', new Date(now))).toEqual(new Date(expected));
  });

  it.each([
    ['at the end', '2026-11-25T21:00:00Z'],
    ['during the day', '2026-11-25T02:00:00Z'],
  ])('does not hold a message sent %s', (_label, now) => {
    expect(quietHoursEnd(overnight, 'SMS', 'Australia/Melbourne', new Date(now))).toBeUndefined();
  });

  it('handles a window within one day', () => {
    const lunch = { start: '12:00', end: '13:30', channels: ['SMS' as const] };

    expect(quietHoursEnd(lunch, 'SMS', 'UTC', new Date('2026-11-25T12:15:00Z'))).toEqual(
      new Date('2026-11-25T13:30:00Z'),
    );
    expect(quietHoursEnd(lunch, 'SMS', 'UTC', new Date('2026-11-25T13:30:00Z'))).toBeUndefined();
  });

  it('ends at 08:00 local time across the night daylight saving starts', () => {
    // Melbourne moves from UTC+10 to UTC+11 at 02:00 on 4 Oct 2026; 08:00 that morning is 21:00 UTC on 3 Oct.
    const end = quietHoursEnd(overnight, 'SMS', 'Australia/Melbourne', new Date('2026-10-03T12:00:00Z'));

    expect(end).toEqual(new Date('2026-10-03T21:00:00Z'));
  });

  it('ignores channels the quiet hours do not cover', () => {
    expect(
      quietHoursEnd(overnight, 'Email', 'Australia/Melbourne', new Date('2026-11-25T11:30:00Z')),
    ).toBeUndefined();
  });
});

describe('suppressed addresses', () => {
  it('skips an address that bounced or complained, case-insensitively', () => {
    const decision = decide({}, { suppressedAddresses: ['AIKO@example.com'] });

    expect(decision.deliveries.map((d) => d.channel)).toEqual(['SMS']);
    expect(decision.skipped).toEqual([
      {
        channel: 'Email',
        reason: 'address-suppressed',
        detail: 'Email address bounced or complained earlier',
      },
    ]);
  });
});
