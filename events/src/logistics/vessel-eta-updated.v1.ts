import * as z from 'zod';
import { entityId, eventId, isoDateTime, schemaVersion, singleLine } from '../common.js';

export const source = 'import.logistics';
export const detailType = 'Vessel ETA Updated';
export const version = 1;
export const description = 'The estimated arrival of the vessel carrying a vehicle changed.';

export const schema = z
  .object({
    schemaVersion: schemaVersion(version),
    eventId,
    vehicleId: entityId,
    customerId: entityId,
    vesselName: singleLine(100),
    voyageNumber: singleLine(40).optional(),
    portOfDischarge: singleLine(100),
    previousEta: isoDateTime.optional(),
    eta: isoDateTime,
    occurredAt: isoDateTime,
  })
  .strict();

export type Detail = z.infer<typeof schema>;
