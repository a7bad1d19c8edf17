import * as z from 'zod/mini';
import { entityId, eventId, isoDate, isoDateTime, money, schemaVersion, singleLine } from '../common.js';

export const source = 'import.finance';
export const detailType = 'Payment Due';
export const version = 1;
export const description = 'An invoice for an imported vehicle was raised and is due on a date.';

export const PAYMENT_KINDS = [
  'DEPOSIT',
  'BALANCE',
  'SHIPPING',
  'DUTY_AND_TAXES',
  'COMPLIANCE',
  'OTHER',
] as const;

export const schema = z.strictObject({
  schemaVersion: schemaVersion(version),
  eventId,
  paymentId: entityId,
  customerId: entityId,
  vehicleId: entityId,
  kind: z.enum(PAYMENT_KINDS),
  amountDue: money,
  dueDate: isoDate,
  invoiceNumber: z.optional(singleLine(40)),
  paymentUrl: z.optional(z.url({ protocol: /^https$/ })),
  occurredAt: isoDateTime,
});

export type Detail = z.infer<typeof schema>;
