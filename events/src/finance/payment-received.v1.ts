import * as z from 'zod/mini';
import { entityId, eventId, isoDateTime, money, schemaVersion } from '../common.js';

export const source = 'import.finance';
export const detailType = 'Payment Received';
export const version = 1;
export const description =
  'A payment for an imported vehicle was received; reminders still waiting for that payment are cancelled.';

export const schema = z.strictObject({
  schemaVersion: schemaVersion(version),
  eventId,
  paymentId: entityId,
  customerId: entityId,
  vehicleId: entityId,
  amountPaid: money,
  paidAt: isoDateTime,
  occurredAt: isoDateTime,
});

export type Detail = z.infer<typeof schema>;
