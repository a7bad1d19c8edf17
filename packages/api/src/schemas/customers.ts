import { CHANNELS, MESSAGE_CATEGORIES, type Preferences } from '@import-comms/core';
import { IMPORT_STAGES } from '@import-comms/events';
import { described, idSchema } from './common.js';
import * as z from './zod.js';

export const CustomerParamSchema = z.object({ customerId: idSchema('CU-2001') });
export const VehicleParamSchema = z.object({ vehicleId: idSchema('VH-1001') });

export const CustomerSchema = z
  .object({
    customerId: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.optional(z.string()),
    phone: z.optional(z.string()),
    language: z.string(),
    timezone: z.string(),
    asOf: z.string(),
    updatedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'Customer' });

export const VehicleSchema = z
  .object({
    vehicleId: z.string(),
    customerId: z.string(),
    make: z.optional(z.string()),
    model: z.optional(z.string()),
    year: z.optional(z.number().check(z.int())),
    vin: z.optional(z.string()),
    chassisNumber: z.optional(z.string()),
    colour: z.optional(z.string()),
    asOf: z.optional(z.string()),
    stage: z.optional(z.enum(IMPORT_STAGES)).check(described('Current import stage.')),
    stageSequence: z.optional(z.number().check(z.int())),
    stageChangedAt: z.optional(z.string()),
    stageEventId: z.optional(z.string()),
    updatedAt: z.string(),
  })
  .register(z.globalRegistry, { id: 'Vehicle' });

const timeOfDay = z
  .string()
  .check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time such as 21:00'));
const unique = (values: readonly string[]) => new Set(values).size === values.length;
const distinct = <T extends z.ZodMiniType<string>>(item: T, what: string) =>
  z.array(item).check(z.refine(unique, { message: `each ${what} at most once` }));

export const QuietHoursSchema = z
  .object({
    start: timeOfDay,
    end: timeOfDay,
    channels: z
      .array(z.enum(CHANNELS))
      .check(z.minLength(1), described('Channels the quiet hours hold back.')),
  })
  .check(
    z.refine((quiet) => quiet.start !== quiet.end, { message: 'start and end must differ', path: ['end'] }),
  );

const preferencesShape = {
  channels: distinct(z.enum(CHANNELS), 'channel'),
  channelOrder: distinct(z.enum(CHANNELS), 'channel'),
  delivery: z.enum(['all', 'preferred']),
  optedOutCategories: distinct(z.enum(MESSAGE_CATEGORIES), 'category'),
  quietHours: z.nullable(QuietHoursSchema),
  optedOutChannels: z
    .optional(distinct(z.enum(CHANNELS), 'channel'))
    .check(described('Channels the customer opted out of by keyword (STOP); only START lifts it.')),
  suppressedAddresses: z.optional(
    z.array(z.string().check(z.minLength(3), z.maxLength(254))).check(z.maxLength(50)),
  ),
  timezone: z.optional(z.string()),
  language: z.optional(z.string()),
};

/** A customer's preferences as stored (core's `Preferences`), with the rules every change must keep. */
export const preferencesSchema = z.strictObject(preferencesShape);

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
export const PreferencesInputSchema = z.strictObject({
  ...preferencesShape,
  timezone: z.optional(z.string().check(z.refine(isTimeZone, 'not a known IANA time zone'))),
});

export const PreferencesSchema = z
  .object({
    customerId: z.string(),
    preferences: preferencesSchema,
    revision: z.number().check(z.int(), described('0 while the defaults apply.')),
    updatedAt: z.optional(z.string()),
    updatedBy: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'CustomerPreferences' });

export const PreferencesUpdateSchema = z
  .strictObject({
    preferences: PreferencesInputSchema,
    revision: z
      .number()
      .check(
        z.int(),
        z.minimum(0),
        described('The revision this change is based on (optimistic locking); 0 for the first.'),
      ),
  })
  .register(z.globalRegistry, { id: 'PreferencesUpdate' });

export const PreferenceHistorySchema = z
  .object({ items: z.array(PreferencesSchema) })
  .register(z.globalRegistry, { id: 'PreferenceHistory' });

export const CustomerSearchSchema = z.object({
  q: z._default(
    z.string().check(z.trim(), z.maxLength(100), described('Words of the name, id, email or phone.')),
    '',
  ),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 20),
});

export const CustomerListSchema = z
  .object({ items: z.array(CustomerSchema) })
  .register(z.globalRegistry, { id: 'CustomerList' });
export const VehicleListSchema = z
  .object({ items: z.array(VehicleSchema) })
  .register(z.globalRegistry, { id: 'VehicleList' });
