import { z } from '@hono/zod-openapi';
import { CommunicationSummarySchema } from './communications.js';
import { CustomerSchema, VehicleSchema } from './customers.js';

export const SearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(100).openapi({
    description:
      'Words of a name, email, id, VIN, make or model, a phone number in any format, or words of a message.',
    example: 'Liam ETA',
  }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(20)
    .default(5)
    .openapi({ description: 'At most this many results in each group.' }),
});

export const SearchResultsSchema = z
  .object({
    customers: z.array(CustomerSchema).openapi({ description: 'By last name.' }),
    vehicles: z
      .array(VehicleSchema.extend({ customerName: z.string().optional() }))
      .openapi({ description: 'By id, with their owner’s name.' }),
    communications: z.array(CommunicationSummarySchema).openapi({ description: 'Newest first.' }),
  })
  .openapi('SearchResults');
