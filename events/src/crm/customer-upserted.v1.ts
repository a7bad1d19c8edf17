import * as z from 'zod';
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

export const schema = z
  .object({
    schemaVersion: schemaVersion(version),
    eventId,
    customerId: entityId,
    firstName: singleLine(100),
    lastName: singleLine(100),
    email: email.optional(),
    phone: phoneE164.optional(),
    language: language.default('en'),
    timezone,
    isNew: z.boolean().describe('true when the customer was created by this change'),
    occurredAt: isoDateTime,
  })
  .strict();

export type Detail = z.infer<typeof schema>;
