import { dispatcherEnvironment, nonEmptyString, parseEnvironment } from '@import-comms/aws';
import * as z from 'zod/mini';

const schema = z.object({
  ...dispatcherEnvironment,
  /** Where `Communication Status Changed` is published; unset publishes nothing. */
  EVENT_BUS_NAME: z.optional(nonEmptyString),
  TABLE_NAME: nonEmptyString,
  SES_FROM_ADDRESS: z.string().check(z.minLength(3)),
  SES_CONFIGURATION_SET: nonEmptyString,
  SES_REPLY_TO_ADDRESS: z.optional(z.email()),
  /** The domain SES receives replies on; with the reply secret, every email gets its own reply address. */
  REPLY_DOMAIN: z.optional(z.string().check(z.minLength(3))),
  CUSTOMER_PORTAL_URL: z.url(),
  /** This function's own queue: a send put off for the sending rate goes back on it, delayed. */
  EMAIL_QUEUE_URL: nonEmptyString,
  /** Its DLQ: a record that cannot succeed goes there with its reason. */
  EMAIL_DLQ_URL: nonEmptyString,
  /** Emails a second until SES's GetAccount answers (and if it cannot be read): SES's lowest quota. */
  SES_MAX_SEND_RATE_FALLBACK: z._default(z.coerce.number().check(z.positive(), z.maximum(10_000)), 1),
});

/** The only reader of the environment; names every missing or invalid variable at once. */
export function readConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseEnvironment(schema, 'email-dispatcher', env);
}
