import { TZDateMini, tzOffset } from '@date-fns/tz';
import type { Channel, MessageCategory } from '../channels.js';
import type { NotSentReason } from '../communications/communication.js';
import type { CustomerContact } from '../customers/projections.js';
import { InvalidQuietHoursError } from '../errors.js';
import type { Preferences, QuietHours } from './preferences.js';

export interface ChannelDecisionInput {
  category: MessageCategory;
  /** Channels the message has content for (e.g. the trigger has an email and an SMS template). */
  candidates: readonly Channel[];
  contact: Pick<CustomerContact, 'email' | 'phone' | 'timezone'>;
  preferences: Preferences;
  now: Date;
}

export interface ChannelDelivery {
  channel: Channel;
  address: string;
  /** `now` unless quiet hours hold the message back. */
  sendAt: Date;
  deferred: boolean;
}

export interface ChannelSkip {
  channel: Channel;
  reason: NotSentReason;
  detail: string;
}

export interface ChannelDecision {
  deliveries: ChannelDelivery[];
  skipped: ChannelSkip[];
}

/**
 * Decides, for one message and one customer, which channels to use now or later, and why each other channel
 * is left out. Pure: the same input always gives the same decision.
 */
export function decideChannels(input: ChannelDecisionInput): ChannelDecision {
  const { category, contact, preferences, now } = input;
  const candidates = orderCandidates(input.candidates, preferences.channelOrder);
  const deliveries: ChannelDelivery[] = [];
  const skipped: ChannelSkip[] = [];

  for (const channel of candidates) {
    if (preferences.optedOutCategories.includes(category)) {
      skipped.push({ channel, reason: 'opted-out', detail: `customer opted out of ${category} messages` });
      continue;
    }
    if (preferences.optedOutChannels?.includes(channel)) {
      skipped.push({
        channel,
        reason: 'opted-out',
        detail: `customer opted out of ${channel} (replied STOP)`,
      });
      continue;
    }
    if (!preferences.channels.includes(channel)) {
      skipped.push({ channel, reason: 'channel-disabled', detail: `customer does not accept ${channel}` });
      continue;
    }
    const address = channel === 'Email' ? contact.email : contact.phone;
    if (!address) {
      const missing = channel === 'Email' ? 'email address' : 'mobile number';
      skipped.push({ channel, reason: 'no-address', detail: `customer has no ${missing}` });
      continue;
    }
    if (
      preferences.suppressedAddresses?.some(
        (suppressed) => suppressed.toLowerCase() === address.toLowerCase(),
      )
    ) {
      skipped.push({
        channel,
        reason: 'address-suppressed',
        detail: `${channel} address bounced or complained earlier`,
      });
      continue;
    }
    if (preferences.delivery === 'preferred' && deliveries.length > 0) {
      skipped.push({
        channel,
        reason: 'not-preferred-channel',
        detail: `customer prefers one channel; sent on ${deliveries[0]?.channel}`,
      });
      continue;
    }
    const timezone = preferences.timezone ?? contact.timezone;
    const quietUntil = quietHoursEnd(preferences.quietHours, channel, timezone, now);
    deliveries.push({ channel, address, sendAt: quietUntil ?? now, deferred: quietUntil !== undefined });
  }
  return { deliveries, skipped };
}

function orderCandidates(candidates: readonly Channel[], order: readonly Channel[]): Channel[] {
  const rank = (channel: Channel) => {
    const index = order.indexOf(channel);
    return index === -1 ? order.length : index;
  };
  return [...new Set(candidates)].sort((a, b) => rank(a) - rank(b));
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  if (hours === undefined || minutes === undefined || Number.isNaN(hours) || Number.isNaN(minutes)) {
    throw new InvalidQuietHoursError(`invalid time of day "${time}"`);
  }
  return hours * 60 + minutes;
}

/**
 * When quiet hours hold `channel` back at `now` in the customer's time zone, the instant they end;
 * otherwise undefined. Windows may wrap past midnight (21:00–08:00). An end that falls in a daylight-saving gap
 * moves forward with the clock; one the clock shows twice (the hour it goes back) is the later, so quiet hours
 * never end early.
 */
export function quietHoursEnd(
  quietHours: QuietHours | null,
  channel: Channel,
  timezone: string,
  now: Date,
): Date | undefined {
  if (!quietHours?.channels.includes(channel)) return undefined;
  const local = new TZDateMini(now.getTime(), timezone);
  if (Number.isNaN(local.getTime())) throw new InvalidQuietHoursError(`unknown time zone "${timezone}"`);
  const start = minutesOf(quietHours.start);
  const end = minutesOf(quietHours.end);
  const current = local.getHours() * 60 + local.getMinutes();
  const wraps = start > end;
  const inside = wraps ? current >= start || current < end : current >= start && current < end;
  if (!inside) return undefined;
  const endsTomorrow = wraps && current >= start;
  const endsAt = new TZDateMini(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() + (endsTomorrow ? 1 : 0),
    Math.floor(end / 60),
    end % 60,
    0,
    0,
    timezone,
  );
  return new Date(lastShowing(endsAt.getTime(), timezone));
}

/** Clocks go back by half an hour (Lord Howe Island), an hour, or two (Troll station). */
const SETBACKS_MS = [30, 60, 120].map((minutes) => minutes * 60_000);

/** The last instant the clock in `timezone` shows what it shows at `instant` (to the minute). */
function lastShowing(instant: number, timezone: string): number {
  const latest = instant + Math.max(...SETBACKS_MS);
  // Almost always: no clock change in the next two hours, so nothing to look for.
  if (tzOffset(timezone, new Date(instant)) === tzOffset(timezone, new Date(latest))) return instant;
  const wall = (at: number) => {
    const local = new TZDateMini(at, timezone);
    return `${local.getDate()} ${local.getHours()}:${local.getMinutes()}`;
  };
  const shown = wall(instant);
  const later = SETBACKS_MS.filter((setback) => wall(instant + setback) === shown);
  return instant + Math.max(0, ...later);
}
