import * as z from 'zod';
import { entityId, eventId, isoDateTime, schemaVersion, singleLine } from '../common.js';

export const source = 'import.pipeline';
export const detailType = 'Vehicle Upserted';
export const version = 1;
export const description = 'A vehicle being imported for a customer was created or changed.';

export const schema = z
  .object({
    schemaVersion: schemaVersion(version),
    eventId,
    vehicleId: entityId,
    customerId: entityId,
    make: singleLine(60),
    model: singleLine(80),
    year: z.number().int().min(1900).max(2100),
    vin: z
      .string()
      .regex(/^[A-HJ-NPR-Z0-9]{17}$/, 'must be a 17-character VIN (no I, O or Q)')
      .optional(),
    chassisNumber: z
      .string()
      .min(5)
      .max(30)
      .optional()
      .describe('Frame number of vehicles built without a 17-character VIN (e.g. Japanese domestic models)'),
    colour: singleLine(40).optional(),
    occurredAt: isoDateTime,
  })
  .strict();

export type Detail = z.infer<typeof schema>;
