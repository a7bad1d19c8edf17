import * as z from 'zod/mini';
import {
  email,
  entityId,
  eventId,
  isoDateTime,
  language,
  phoneE164,
  schemaVersion,
  singleLine,
  timezone,
} from '../common.js';

export const source = 'import.crm';
export const detailType = 'Customer Upserted';
export const version = 1;
export const description = 'A customer was created or their contact details changed in the CRM.';

export const schema = z.strictObject({
  schemaVersion: schemaVersion(version),
  eventId,
  customerId: entityId,
  firstName: singleLine(100),
  lastName: singleLine(100),
  email: z.optional(email),
  phone: z.optional(phoneE164),
  language: z._default(language, 'en'),
  timezone,
  isNew: z.boolean().check(z.describe('true when the customer was created by this change')),
  occurredAt: isoDateTime,
});

export type Detail = z.infer<typeof schema>;
