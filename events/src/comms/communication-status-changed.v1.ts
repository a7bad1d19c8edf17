import * as z from 'zod';
import { entityId, eventId, isoDateTime, multiLine, schemaVersion } from '../common.js';

export const source = 'import.comms';
export const detailType = 'Communication Status Changed';
export const version = 1;
export const description =
  'Published by import-comms when a communication to a customer changes status (sent, delivered, bounced…).';

export const COMMUNICATION_STATUSES = [
  'Scheduled',
  'Pending',
  'Sending',
  'Sent',
  'Delivered',
  'Bounced',
  'Complained',
  'Failed',
  'NotSent',
  'Cancelled',
] as const;

export const schema = z
  .object({
    schemaVersion: schemaVersion(version),
    eventId,
    communicationId: entityId,
    customerId: entityId,
    vehicleId: entityId.optional(),
    channel: z.enum(['Email', 'SMS']),
    templateId: entityId.optional(),
    previousStatus: z.enum(COMMUNICATION_STATUSES).nullable(),
    status: z.enum(COMMUNICATION_STATUSES),
    reason: multiLine(500).optional(),
    occurredAt: isoDateTime,
  })
  .strict();

export type Detail = z.infer<typeof schema>;
