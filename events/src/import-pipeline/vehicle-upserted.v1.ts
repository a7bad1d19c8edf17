import * as z from 'zod/mini';
import { entityId, eventId, isoDateTime, schemaVersion, singleLine } from '../common.js';

export const source = 'import.pipeline';
export const detailType = 'Vehicle Upserted';
export const version = 1;
export const description = 'A vehicle being imported for a customer was created or changed.';

export const schema = z.strictObject({
  schemaVersion: schemaVersion(version),
  eventId,
  vehicleId: entityId,
  customerId: entityId,
  make: singleLine(60),
  model: singleLine(80),
  year: z.int().check(z.minimum(1900), z.maximum(2100)),
  vin: z.optional(
    z.string().check(z.regex(/^[A-HJ-NPR-Z0-9]{17}$/, 'must be a 17-character VIN (no I, O or Q)')),
  ),
  chassisNumber: z
    .optional(z.string().check(z.minLength(5), z.maxLength(30)))
    .check(
      z.describe('Frame number of vehicles built without a 17-character VIN (e.g. Japanese domestic models)'),
    ),
  colour: z.optional(singleLine(40)),
  occurredAt: isoDateTime,
});

export type Detail = z.infer<typeof schema>;
