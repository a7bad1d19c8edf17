import * as z from 'zod';
import { CHANNELS, MESSAGE_CATEGORIES } from '../channels.js';

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time such as 21:00');

export const quietHoursSchema = z
  .object({
    start: timeOfDay,
    end: timeOfDay,
    /** Channels the quiet hours hold back; email is rarely intrusive, so by default only SMS. */
    channels: z.array(z.enum(CHANNELS)).min(1),
  })
  .refine((quiet) => quiet.start !== quiet.end, { message: 'start and end must differ', path: ['end'] });

export const preferencesSchema = z
  .object({
    /** Channels the customer agreed to be contacted on. */
    channels: z.array(z.enum(CHANNELS)).refine(unique, { message: 'each channel at most once' }),
    /** Order to try channels in when `delivery` is `preferred`. */
    channelOrder: z.array(z.enum(CHANNELS)).refine(unique, { message: 'each channel at most once' }),
    /** `all`: every allowed channel a message has; `preferred`: only the first usable one in channelOrder. */
    delivery: z.enum(['all', 'preferred']),
    optedOutCategories: z
      .array(z.enum(MESSAGE_CATEGORIES))
      .refine(unique, { message: 'each category at most once' }),
    quietHours: quietHoursSchema.nullable(),
    /**
     * Channels the customer opted out of themselves (an SMS keyword such as STOP): nothing goes out on them
     * until the customer opts back in (START); reps cannot turn this off for them.
     */
    optedOutChannels: z
      .array(z.enum(CHANNELS))
      .refine(unique, { message: 'each channel at most once' })
      .optional(),
    /** Addresses that hard-bounced or complained: nothing is sent to them until a rep clears them. */
    suppressedAddresses: z.array(z.string().min(3).max(254)).max(50).optional(),
    /** Overrides the CRM's time zone and language when set. */
    timezone: z.string().optional(),
    language: z.string().optional(),
  })
  .strict();

export type Preferences = z.infer<typeof preferencesSchema>;
export type QuietHours = z.infer<typeof quietHoursSchema>;

function unique(values: readonly string[]): boolean {
  return new Set(values).size === values.length;
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
