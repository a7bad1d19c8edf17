// `.js`: this module is also compiled with the tests (NodeNext); the bundler resolves it to the `.ts` file.
import type { Channel, Preferences } from '../../api/types.js';

/** `event.stageData.holdReason` → "Hold reason": a variable as a rep reads it. */
export function variableLabel(path: string): string {
  const last = path.split('.').at(-1) ?? path;
  const words = last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const minutesOf = (hhmm: string) => {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
};

/**
 * When a message on `channel` would go out if sent now: at once, or — inside the customer's quiet hours — when
 * they end, on the customer's clock (the API decides; this says it before the rep presses Send).
 */
export function quietHoursEnd(
  channel: Channel,
  preferences: Preferences | undefined,
  timeZone: string | undefined,
  now: Date,
): Date | undefined {
  const quiet = preferences?.quietHours;
  if (!quiet || !timeZone || !quiet.channels.includes(channel)) return undefined;
  let local: number;
  try {
    const [hours = 0, minutes = 0] = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .format(now)
      .split(':')
      .map(Number);
    local = hours * 60 + minutes;
  } catch {
    return undefined;
  }
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const inside = start <= end ? local >= start && local < end : local >= start || local < end;
  if (!inside) return undefined;
  const until = (end - local + 1440) % 1440;
  const at = new Date(now.getTime() + until * 60_000);
  at.setSeconds(0, 0);
  return at;
}
