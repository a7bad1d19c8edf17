import * as z from 'zod/mini';
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

export const schema = z.strictObject({
  schemaVersion: schemaVersion(version),
  eventId,
  communicationId: entityId,
  customerId: entityId,
  vehicleId: z.optional(entityId),
  channel: z.enum(['Email', 'SMS']),
  templateId: z.optional(entityId),
  previousStatus: z.nullable(z.enum(COMMUNICATION_STATUSES)),
  status: z.enum(COMMUNICATION_STATUSES),
  reason: z.optional(multiLine(500)),
  occurredAt: isoDateTime,
});

export type Detail = z.infer<typeof schema>;
