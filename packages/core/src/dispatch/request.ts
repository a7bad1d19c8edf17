import * as z from 'zod/mini';
import { CHANNELS, type Channel } from '../channels.js';
import { PoisonMessageError } from '../errors.js';
import { parseQueueJson } from '../queue-message.js';

/** The body of an email- or sms-queue message. */
export const dispatchRequestSchema = z.object({
  communicationId: z.string().check(z.minLength(1), z.maxLength(64)),
  channel: z.enum(CHANNELS),
  throttled: z.optional(z.int().check(z.minimum(0), z.maximum(1000))),
});

/**
 * Parses a queue message for one channel. A message that is not one can never succeed: it is a poison message,
 * dead-lettered at once with the reason rather than received again and again.
 */
export function parseDispatchRequest(body: string, channel: Channel): z.infer<typeof dispatchRequestSchema> {
  const result = dispatchRequestSchema.safeParse(parseQueueJson(body, 'dispatch request'));
  if (!result.success) throw new PoisonMessageError(`not a dispatch request: ${result.error.message}`);
  if (result.data.channel !== channel)
    throw new PoisonMessageError(`an ${result.data.channel} request on the ${channel} queue`);
  return result.data;
}
