import { companyEnvironment, nonEmptyString, parseEnvironment } from '@import-comms/aws';
import * as z from 'zod/mini';

const schema = z.object({
  /** Where `Communication Status Changed` is published; unset publishes nothing. */
  EVENT_BUS_NAME: z.optional(nonEmptyString),
  TABLE_NAME: nonEmptyString,
  /** Its DLQ: a callback that cannot be recorded goes there with its reason. */
  CALLBACK_DLQ_URL: nonEmptyString,
  /** Where a message sent on the other channel (a template's channel fallback) is queued. */
  EMAIL_QUEUE_URL: nonEmptyString,
  SMS_QUEUE_URL: nonEmptyString,
  ...companyEnvironment,
});

/** The only reader of the environment; names every missing or invalid variable at once. */
export function readConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseEnvironment(schema, 'log-service', env);
}
