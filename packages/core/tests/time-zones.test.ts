import { tzScan } from '@date-fns/tz';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { localDate, paymentReminderTime, type QuietHours, quietHoursEnd } from '../src/index.js';

/**
 * The wall-clock arithmetic (quiet hours, reminder times, dates in templates) checked against Luxon, which did it
 * before, on instants near every daylight-saving change of zones that change at 00:00, 01:00, 02:00 and by half an
 * hour, over four years.
 */
const ZONES = [
  'UTC',
  'Australia/Melbourne',
  'Australia/Lord_Howe',
  'Pacific/Auckland',
  'Pacific/Chatham',
  'Europe/London',
  'America/New_York',
  'America/Santiago',
  'America/Havana',
  'America/St_Johns',
  'Asia/Beirut',
  'Asia/Tokyo',
  'Asia/Kolkata',
] as const;
const SCAN = { start: new Date('2026-01-01T00:00:00Z'), end: new Date('2030-01-01T00:00:00Z') };
const HOUR = 3_600_000;

/** A zone and an instant within a day and a half of one of its clock changes (or anywhere, for zones with none). */
const zonedInstant = fc.constantFrom(...ZONES).chain((zone) => {
  const changes = tzScan(zone, SCAN).map((change) => change.date.getTime());
  const around = changes.length > 0 ? fc.constantFrom(...changes) : fc.constant(Date.UTC(2027, 5, 1));
  return fc.tuple(
    fc.constant(zone),
    around.chain((at) => fc.integer({ min: at - 36 * HOUR, max: at + 36 * HOUR }).map((ms) => new Date(ms))),
  );
});

const timeOfDay = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([hours, minutes]) => `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`);

/** Luxon's answer, as the code was before it used @date-fns/tz. */
function luxonQuietHoursEnd(quietHours: QuietHours, timezone: string, now: Date): Date | undefined {
  const local = DateTime.fromJSDate(now, { zone: timezone });
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
  const [start, end] = [minutes(quietHours.start), minutes(quietHours.end)];
  const current = local.hour * 60 + local.minute;
  const wraps = start > end;
  const inside = wraps ? current >= start || current < end : current >= start && current < end;
  if (!inside) return undefined;
  const endDay = wraps && current >= start ? local.plus({ days: 1 }) : local;
  return endDay.set({ hour: Math.floor(end / 60), minute: end % 60, second: 0, millisecond: 0 }).toJSDate();
}

const wallClock = (instant: Date, zone: string) =>
  DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-MM-dd HH:mm');

describe('quiet hours across clock changes', () => {
  it('end when Luxon said, or — where the clock shows that time twice — at its second showing', () => {
    fc.assert(
      fc.property(zonedInstant, timeOfDay, timeOfDay, ([zone, now], start, end) => {
        fc.pre(start !== end);
        const quietHours: QuietHours = { start, end, channels: ['SMS'] };
        const ours = quietHoursEnd(quietHours, 'SMS', zone, now);
        const luxon = luxonQuietHoursEnd(quietHours, zone, now);
        if (ours === undefined || luxon === undefined || ours.getTime() === luxon.getTime()) {
          expect(ours).toEqual(luxon);
          return;
        }
        // The same time on the clock, shown twice as the clock goes back: ours is the later.
        expect(wallClock(ours, zone)).toBe(wallClock(luxon, zone));
        expect(ours.getTime()).toBeGreaterThan(luxon.getTime());
      }),
      { numRuns: 1_500 },
    );
  });

  it('refuses a time zone that does not exist', () => {
    expect(() =>
      quietHoursEnd({ start: '21:00', end: '08:00', channels: ['SMS'] }, 'SMS', 'Mars/Olympus', new Date()),
    ).toThrow('unknown time zone "Mars/Olympus"');
  });
});

describe('payment reminder times across clock changes', () => {
  it('are 09:00 local on the day Luxon said', () => {
    fc.assert(
      fc.property(zonedInstant, fc.integer({ min: -5, max: 5 }), ([zone, around], offsetDays) => {
        const dueDate = DateTime.fromJSDate(around, { zone }).toISODate() ?? '';
        const now = new Date(around.getTime() - 10 * 24 * HOUR);
        const luxon = DateTime.fromISO(dueDate, { zone })
          .plus({ days: offsetDays })
          .set({ hour: 9, minute: 0, second: 0, millisecond: 0 })
          .toJSDate();
        expect(paymentReminderTime(dueDate, zone, now, offsetDays)).toEqual(luxon);
      }),
      { numRuns: 1_000 },
    );
  });

  it('are at once for a date that does not exist or an unknown time zone', () => {
    const now = new Date('2026-01-10T00:00:00Z');
    expect(paymentReminderTime('2026-02-30', 'UTC', now)).toBe(now);
    expect(paymentReminderTime('next week', 'UTC', now)).toBe(now);
    expect(paymentReminderTime('2026-03-01', 'Mars/Olympus', now)).toBe(now);
  });
});

describe('dates in templates', () => {
  const LOCALES = ['en', 'en-AU', 'en-NZ', 'en-US', 'zh', 'zh-Hant', 'ja', 'ko', 'de', 'fr', 'mi'];

  /**
   * Luxon's rendering, as the `local_date` filter was before — but with plain spaces where Luxon put U+202F before
   * AM/PM: that one character made an SMS with a time in it Unicode, two to three times the segments.
   */
  function luxonLocalDate(value: string, locale: string, timezone: string, style: string): string {
    return luxonLocalDateAsWas(value, locale, timezone, style).replaceAll('\u202f', ' ');
  }

  function luxonLocalDateAsWas(value: string, locale: string, timezone: string, style: string): string {
    const plainDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
    const parsed = plainDate
      ? DateTime.fromISO(value, { zone: 'UTC' })
      : DateTime.fromISO(value, { setZone: true }).setZone(timezone);
    if (!parsed.isValid) return value;
    const localised = parsed.setLocale(locale);
    return style === 'datetime' && !plainDate
      ? localised.toLocaleString({
          ...DateTime.DATE_HUGE,
          hour: 'numeric',
          minute: '2-digit',
          timeZoneName: 'short',
        })
      : localised.toLocaleString(style === 'short' ? DateTime.DATE_MED : DateTime.DATE_HUGE);
  }

  /** An instant written as events write them: in some offset, with or without seconds and a fraction. */
  const isoText = fc
    .tuple(
      fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
      fc.integer({ min: -12 * 4, max: 14 * 4 }).map((quarters) => quarters * 15),
      fc.constantFrom('Z', 'hh:mm', 'hhmm', 'hh'),
      fc.constantFrom('minutes', 'seconds', 'millis', 'micros'),
    )
    .map(([ms, offsetMinutes, offsetStyle, precision]) => {
      const shifted = DateTime.fromMillis(ms, { zone: 'UTC' }).setZone(
        offsetStyle === 'Z'
          ? 'UTC'
          : `UTC${offsetMinutes >= 0 ? '+' : '-'}${Math.floor(Math.abs(offsetMinutes) / 60)}:${String(Math.abs(offsetMinutes) % 60).padStart(2, '0')}`,
      );
      const time =
        precision === 'minutes'
          ? shifted.toFormat("yyyy-MM-dd'T'HH:mm")
          : precision === 'seconds'
            ? shifted.toFormat("yyyy-MM-dd'T'HH:mm:ss")
            : `${shifted.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS")}${precision === 'micros' ? '456' : ''}`;
      if (offsetStyle === 'Z') return `${time}Z`;
      const offset = shifted.toFormat('ZZ');
      if (offsetStyle === 'hhmm') return `${time}${offset.replace(':', '')}`;
      return offsetStyle === 'hh' && offset.endsWith(':00')
        ? `${time}${offset.slice(0, 3)}`
        : `${time}${offset}`;
    });

  it('read as Luxon read them, in every style, locale and zone', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          isoText,
          isoText.map((text) => text.slice(0, 10)),
        ),
        fc.constantFrom(...LOCALES),
        fc.constantFrom(...ZONES),
        fc.constantFrom('date', 'short', 'datetime'),
        (value, locale, timezone, style) => {
          expect(localDate(value, { locale, timezone }, style)).toBe(
            luxonLocalDate(value, locale, timezone, style),
          );
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('writes a time with plain spaces, which an SMS can carry in GSM-7', () => {
    // Luxon wrote times in UTC with U+202F before AM/PM.
    const format = { locale: 'en', timezone: 'UTC' };
    const shown = localDate('2026-12-17T10:00:00Z', format, 'datetime');

    expect(shown).toBe('Thursday, December 17, 2026 at 10:00 AM UTC');
    expect(luxonLocalDateAsWas('2026-12-17T10:00:00Z', format.locale, format.timezone, 'datetime')).toContain(
      '\u202f',
    );
  });

  it('shows what is not a date, or has no zone Intl knows, as written', () => {
    const format = { locale: 'en-AU', timezone: 'Australia/Melbourne' };
    expect(localDate('soon', format)).toBe('soon');
    expect(localDate('2026-02-30', format)).toBe('2026-02-30');
    expect(localDate('2026-12-17T10:00:00Z', { ...format, timezone: 'Mars/Olympus' })).toBe(
      '2026-12-17T10:00:00Z',
    );
    expect(localDate(42, format)).toBe('');
  });
});
