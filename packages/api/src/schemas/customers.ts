import { z } from '@hono/zod-openapi';
import { CHANNELS, MESSAGE_CATEGORIES, type Preferences } from '@import-comms/core';
import { IMPORT_STAGES } from '@import-comms/events';
import { idSchema } from './common.js';

export const CustomerParamSchema = z.object({ customerId: idSchema('customerId', 'CU-2001') });
export const VehicleParamSchema = z.object({ vehicleId: idSchema('vehicleId', 'VH-1001') });

export const CustomerSchema = z
  .object({
    customerId: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().optional(),
    phone: z.string().optional(),
    language: z.string(),
    timezone: z.string(),
    asOf: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Customer');

export const VehicleSchema = z
  .object({
    vehicleId: z.string(),
    customerId: z.string(),
    make: z.string().optional(),
    model: z.string().optional(),
    year: z.number().int().optional(),
    vin: z.string().optional(),
    chassisNumber: z.string().optional(),
    colour: z.string().optional(),
    asOf: z.string().optional(),
    stage: z.enum(IMPORT_STAGES).optional().openapi({ description: 'Current import stage.' }),
    stageSequence: z.number().int().optional(),
    stageChangedAt: z.string().optional(),
    stageEventId: z.string().optional(),
    updatedAt: z.string(),
  })
  .openapi('Vehicle');

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time such as 21:00');
const unique = (values: readonly string[]) => new Set(values).size === values.length;
const distinct = <T extends z.ZodType<string>>(item: T, what: string) =>
  z.array(item).refine(unique, { message: `each ${what} at most once` });

export const QuietHoursSchema = z
  .object({
    start: timeOfDay,
    end: timeOfDay,
    channels: z
      .array(z.enum(CHANNELS))
      .min(1)
      .openapi({ description: 'Channels the quiet hours hold back.' }),
  })
  .refine((quiet) => quiet.start !== quiet.end, { message: 'start and end must differ', path: ['end'] });

/** A customer's preferences as stored (core's `Preferences`), with the rules every change must keep. */
export const preferencesSchema = z
  .object({
    channels: distinct(z.enum(CHANNELS), 'channel'),
    channelOrder: distinct(z.enum(CHANNELS), 'channel'),
    delivery: z.enum(['all', 'preferred']),
    optedOutCategories: distinct(z.enum(MESSAGE_CATEGORIES), 'category'),
    quietHours: QuietHoursSchema.nullable(),
    optedOutChannels: distinct(z.enum(CHANNELS), 'channel')
      .optional()
      .openapi({ description: 'Channels the customer opted out of by keyword (STOP); only START lifts it.' }),
    suppressedAddresses: z.array(z.string().min(3).max(254)).max(50).optional(),
    timezone: z.string().optional(),
    language: z.string().optional(),
  })
  .strict();

// The schema parses exactly core's type: a field added to one and not the other fails to compile.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const preferencesMatchCore: Same<z.infer<typeof preferencesSchema>, Preferences> = true;
void preferencesMatchCore;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The stored shape, plus checks that only make sense at the edge (a real time zone). */
export const PreferencesInputSchema = preferencesSchema.extend({
  timezone: z.string().refine(isTimeZone, 'not a known IANA time zone').optional(),
});

export const PreferencesSchema = z
  .object({
    customerId: z.string(),
    preferences: preferencesSchema,
    revision: z.number().int().openapi({ description: '0 while the defaults apply.' }),
    updatedAt: z.string().optional(),
    updatedBy: z.string().optional(),
  })
  .openapi('CustomerPreferences');

export const PreferencesUpdateSchema = z
  .object({
    preferences: PreferencesInputSchema,
    revision: z.number().int().min(0).openapi({
      description: 'The revision this change is based on (optimistic locking); 0 for the first.',
    }),
  })
  .strict()
  .openapi('PreferencesUpdate');

export const PreferenceHistorySchema = z
  .object({ items: z.array(PreferencesSchema) })
  .openapi('PreferenceHistory');

export const CustomerSearchSchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .default('')
    .openapi({ description: 'Words of the name, id, email or phone.' }),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const CustomerListSchema = z.object({ items: z.array(CustomerSchema) }).openapi('CustomerList');
export const VehicleListSchema = z.object({ items: z.array(VehicleSchema) }).openapi('VehicleList');
