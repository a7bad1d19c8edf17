import * as z from 'zod';

/** An event as EventBridge delivers it to a target (e.g. the body of an SQS message). */
export const eventBridgeEventSchema = z.object({
  version: z.string(),
  id: z.string().min(1),
  'detail-type': z.string().min(1),
  source: z.string().min(1),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()),
  detail: z.unknown(),
});

export type EventBridgeEvent<Detail = unknown> = Omit<z.infer<typeof eventBridgeEventSchema>, 'detail'> & {
  detail: Detail;
};

/** A PutEvents entry as kept in events/examples: Detail as an object for readability. */
export const putEventsEntrySchema = z
  .object({
    Source: z.string().min(1),
    DetailType: z.string().min(1),
    Detail: z.record(z.string(), z.unknown()),
    EventBusName: z.string().optional(),
    Resources: z.array(z.string()).optional(),
  })
  .strict();

export type PutEventsEntry = z.infer<typeof putEventsEntrySchema>;
