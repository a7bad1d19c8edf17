import { companyEnvironment, parseEnvironment } from '@import-comms/aws';
import * as z from 'zod/mini';

const schema = z.object({
  /** Where `Communication Status Changed` is published; unset publishes nothing. */
  EVENT_BUS_NAME: z.optional(z.string().check(z.minLength(1))),
  TABLE_NAME: z.string().check(z.minLength(1)),
  /** Its DLQ: a callback that cannot be recorded goes there with its reason. */
  CALLBACK_DLQ_URL: z.string().check(z.minLength(1)),
  /** Where a message sent on the other channel (a template's channel fallback) is queued. */
  EMAIL_QUEUE_URL: z.string().check(z.minLength(1)),
  SMS_QUEUE_URL: z.string().check(z.minLength(1)),
  ...companyEnvironment,
});

/** The only reader of the environment; names every missing or invalid variable at once. */
export function readConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseEnvironment(schema, 'log-service', env);
}
