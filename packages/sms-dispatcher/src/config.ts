import { dispatcherEnvironment, nonEmptyString, parseEnvironment } from '@import-comms/aws';
import * as z from 'zod/mini';

const schema = z.object({
  ...dispatcherEnvironment,
  /** Where `Communication Status Changed` is published; unset publishes nothing. */
  EVENT_BUS_NAME: z.optional(nonEmptyString),
  TABLE_NAME: nonEmptyString,
  SMS_SENDER_ID: z.string().check(z.regex(/^[A-Za-z0-9 ]{1,11}$/, 'up to 11 letters, digits or spaces')),
  SMS_MAX_PRICE_USD: z.string().check(z.regex(/^\d+(\.\d+)?$/, 'a price in USD such as 0.50')),
  /** This function's own queue: a send put off for the sending rate goes back on it, delayed. */
  SMS_QUEUE_URL: nonEmptyString,
  /** Its DLQ: a record that cannot succeed goes there with its reason. */
  SMS_DLQ_URL: nonEmptyString,
  /** Messages a second the account may send (SNS SMS has no API that tells it; the account's quota). */
  SMS_MAX_SEND_RATE: z._default(z.coerce.number().check(z.positive(), z.maximum(10_000)), 20),
});

/** The only reader of the environment; names every missing or invalid variable at once. */
export function readConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseEnvironment(schema, 'sms-dispatcher', env);
}
