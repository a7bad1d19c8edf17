import * as z from 'zod';
import { CHANNELS, type Channel } from '../channels.js';

/** The body of an email- or sms-queue message. */
export const dispatchRequestSchema = z.object({
  communicationId: z.string().min(1).max(64),
  channel: z.enum(CHANNELS),
  throttled: z.number().int().min(0).max(1000).optional(),
});

/**
 * Parses a queue message for one channel. A message that is not one can never succeed: the error it throws
 * lets SQS retry and then keep it in the DLQ for ops, rather than dropping it.
 */
export function parseDispatchRequest(body: string, channel: Channel): z.infer<typeof dispatchRequestSchema> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error('dispatch request is not JSON');
  }
  const result = dispatchRequestSchema.safeParse(parsed);
  if (!result.success) throw new Error(`not a dispatch request: ${result.error.message}`);
  if (result.data.channel !== channel)
    throw new Error(`a ${result.data.channel} request on the ${channel} queue`);
  return result.data;
}
