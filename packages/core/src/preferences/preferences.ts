import type { Channel, MessageCategory } from '../channels.js';

/**
 * When messages on some channels wait for the morning: `HH:mm` start and end in the customer's time zone (an
 * end before the start spans midnight). The API validates what reps send (packages/api/src/schemas).
 */
export interface QuietHours {
  start: string;
  end: string;
  /** Channels the quiet hours hold back; email is rarely intrusive, so by default only SMS. */
  channels: Channel[];
}

export interface Preferences {
  /** Channels the customer agreed to be contacted on. */
  channels: Channel[];
  /** Order to try channels in when `delivery` is `preferred`. */
  channelOrder: Channel[];
  /** `all`: every allowed channel a message has; `preferred`: only the first usable one in channelOrder. */
  delivery: 'all' | 'preferred';
  optedOutCategories: MessageCategory[];
  quietHours: QuietHours | null;
  /**
   * Channels the customer opted out of themselves (an SMS keyword such as STOP): nothing goes out on them
   * until the customer opts back in (START); reps cannot turn this off for them.
   */
  optedOutChannels?: Channel[] | undefined;
  /** Addresses that hard-bounced or complained: nothing is sent to them until a rep clears them. */
  suppressedAddresses?: string[] | undefined;
  /** Overrides the CRM's time zone and language when set. */
  timezone?: string | undefined;
  language?: string | undefined;
}

/** Used until a customer or rep sets preferences. Marketing stays off until the customer consents. */
export const DEFAULT_PREFERENCES: Preferences = {
  channels: ['Email', 'SMS'],
  channelOrder: ['Email', 'SMS'],
  delivery: 'all',
  optedOutCategories: ['marketing'],
  quietHours: { start: '21:00', end: '08:00', channels: ['SMS'] },
};

/** Stored preferences with who changed them last, for the consent record. */
export interface CustomerPreferences {
  customerId: string;
  preferences: Preferences;
  /** Increments with every change; writes are conditional on it (optimistic locking). */
  revision: number;
  updatedAt: string;
  updatedBy: string;
}
