import type { CustomerRepository } from '../ports.js';
import { DEFAULT_PREFERENCES, type Preferences } from '../preferences/preferences.js';

/**
 * The keywords AWS End User Messaging acts on for two-way SMS, and so do we: opting out, opting back in and
 * asking for help. A keyword is the whole message (any case, surrounding spaces and a full stop or exclamation
 * mark allowed); "stop sending me the old address" is a message, not an opt-out.
 */
export const OPT_OUT_KEYWORDS = [
  'STOP',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'OPTOUT',
  'OPT-OUT',
  'REMOVE',
  'ARRET',
  'TD',
] as const;
export const OPT_IN_KEYWORDS = ['START', 'UNSTOP'] as const;
export const HELP_KEYWORDS = ['HELP'] as const;

export type SmsKeyword = 'opt-out' | 'opt-in' | 'help';

export function smsKeywordOf(body: string): SmsKeyword | undefined {
  const word = body
    .normalize('NFKC')
    .trim()
    .replace(/[.!]+$/, '')
    .toUpperCase();
  if ((OPT_OUT_KEYWORDS as readonly string[]).includes(word)) return 'opt-out';
  if ((OPT_IN_KEYWORDS as readonly string[]).includes(word)) return 'opt-in';
  if ((HELP_KEYWORDS as readonly string[]).includes(word)) return 'help';
  return undefined;
}

/** Who changed preferences when a customer texted a keyword (shown as "the customer, via SMS"). */
export const CUSTOMER_VIA_SMS = 'customer:sms';

/**
 * Preferences after an opt-out or opt-in keyword, or undefined when they already say so (a keyword sent twice
 * changes nothing). Opting back in also accepts SMS again if a rep had turned the channel off.
 */
export function preferencesAfterKeyword(
  preferences: Preferences,
  keyword: 'opt-out' | 'opt-in',
): Preferences | undefined {
  const optedOut = preferences.optedOutChannels ?? [];
  if (keyword === 'opt-out') {
    if (optedOut.includes('SMS')) return undefined;
    return { ...preferences, optedOutChannels: [...optedOut, 'SMS'] };
  }
  if (!optedOut.includes('SMS') && preferences.channels.includes('SMS')) return undefined;
  const { optedOutChannels: _dropped, ...rest } = preferences;
  const remaining = optedOut.filter((channel) => channel !== 'SMS');
  return {
    ...rest,
    ...(remaining.length > 0 ? { optedOutChannels: remaining } : {}),
    channels: preferences.channels.includes('SMS') ? preferences.channels : [...preferences.channels, 'SMS'],
    channelOrder: preferences.channelOrder.includes('SMS')
      ? preferences.channelOrder
      : [...preferences.channelOrder, 'SMS'],
  };
}

/** The answers to HELP and STOP, as the two-way number is configured with them (AWS sends them itself). */
export function keywordResponses(company: { name: string; phone: string; email: string }): {
  help: string;
  stop: string;
} {
  return {
    help: `${company.name}: for help call ${company.phone} or email ${company.email}. Reply STOP to opt out.`,
    stop: `${company.name}: you will get no more texts from us. Reply START to receive them again.`,
  };
}

const CONSENT_ATTEMPTS = 3;

/**
 * STOP / START as the customer's own consent: a preference revision by them, saved against the revision read
 * (read again if a rep saved meanwhile). Nothing is saved when the preferences already say so.
 */
export async function recordSmsConsent(
  customers: CustomerRepository,
  customerId: string,
  keyword: 'opt-out' | 'opt-in',
  now: Date,
): Promise<void> {
  for (let attempt = 0; attempt < CONSENT_ATTEMPTS; attempt++) {
    const stored = await customers.getPreferences(customerId);
    const next = preferencesAfterKeyword(stored?.preferences ?? DEFAULT_PREFERENCES, keyword);
    if (!next) return;
    const saved = await customers.savePreferences(
      customerId,
      next,
      stored?.revision ?? 0,
      CUSTOMER_VIA_SMS,
      now,
    );
    if (saved.saved) return;
  }
  throw new Error(`the preferences of ${customerId} kept changing: the keyword is tried again`);
}
