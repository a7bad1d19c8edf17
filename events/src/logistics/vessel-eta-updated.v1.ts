import * as z from 'zod/mini';
import { entityId, eventId, isoDateTime, schemaVersion, singleLine } from '../common.js';

export const source = 'import.logistics';
export const detailType = 'Vessel ETA Updated';
export const version = 1;
export const description = 'The estimated arrival of the vessel carrying a vehicle changed.';

export const schema = z.strictObject({
  schemaVersion: schemaVersion(version),
  eventId,
  vehicleId: entityId,
  customerId: entityId,
  vesselName: singleLine(100),
  voyageNumber: z.optional(singleLine(40)),
  portOfDischarge: singleLine(100),
  previousEta: z.optional(isoDateTime),
  eta: isoDateTime,
  occurredAt: isoDateTime,
});

export type Detail = z.infer<typeof schema>;
