import { CommunicationSummarySchema } from './communications.js';
import { CustomerSchema, VehicleSchema } from './customers.js';
import * as z from './zod.js';

export const SearchQuerySchema = z.object({
  q: z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(100),
    z.meta({
      description:
        'Words of a name, email, id, VIN, make or model, a phone number in any format, or words of a message.',
      example: 'Liam ETA',
    }),
  ),
  limit: z._default(
    z.coerce
      .number()
      .check(
        z.int(),
        z.minimum(1),
        z.maximum(20),
        z.meta({ description: 'At most this many results in each group.' }),
      ),
    5,
  ),
});

export const SearchResultsSchema = z
  .object({
    customers: z.array(CustomerSchema).check(z.meta({ description: 'By last name.' })),
    vehicles: z
      .array(z.extend(VehicleSchema, { customerName: z.optional(z.string()) }))
      .check(z.meta({ description: 'By id, with their owner’s name.' })),
    communications: z.array(CommunicationSummarySchema).check(z.meta({ description: 'Newest first.' })),
  })
  .register(z.globalRegistry, { id: 'SearchResults' });
