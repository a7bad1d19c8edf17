import * as z from 'zod/mini';

/** An event as EventBridge delivers it to a target (e.g. the body of an SQS message). */
export const eventBridgeEventSchema = z.object({
  version: z.string(),
  id: z.string().check(z.minLength(1)),
  'detail-type': z.string().check(z.minLength(1)),
  source: z.string().check(z.minLength(1)),
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
export const putEventsEntrySchema = z.strictObject({
  Source: z.string().check(z.minLength(1)),
  DetailType: z.string().check(z.minLength(1)),
  Detail: z.record(z.string(), z.unknown()),
  EventBusName: z.optional(z.string()),
  Resources: z.optional(z.array(z.string())),
});

export type PutEventsEntry = z.infer<typeof putEventsEntrySchema>;
