import * as z from 'zod/mini';
import { entityId, eventId, isoDateTime, schemaVersion } from '../common.js';

export const source = 'import.comms';
export const detailType = 'Customer Message Received';
export const version = 1;
export const description =
  'Published by import-comms when a customer’s email or SMS reaches us and is tied to the customer: a reply ' +
  'to a message, or an SMS keyword (opt-out, opt-in, help). The words stay in import-comms; this says that ' +
  'the customer wrote, on which channel, and to what.';

export const schema = z.strictObject({
  schemaVersion: schemaVersion(version),
  eventId,
  /** The customer's message on their timeline. */
  communicationId: entityId,
  customerId: entityId,
  vehicleId: z.optional(entityId),
  channel: z.enum(['Email', 'SMS']),
  /** A reply in the customer's words, or an SMS keyword acted on. */
  kind: z.enum(['reply', 'opt-out', 'opt-in', 'help']),
  /** The message of ours it answers, when known. */
  repliesTo: z.optional(entityId),
  attachments: z.int().check(z.minimum(0), z.maximum(100)),
  occurredAt: isoDateTime,
});

export type Detail = z.infer<typeof schema>;
