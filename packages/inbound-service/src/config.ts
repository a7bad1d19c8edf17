import { nonEmptyString, parseEnvironment } from '@import-comms/aws';
import * as z from 'zod/mini';

const schema = z.object({
  TABLE_NAME: nonEmptyString,
  /** Its DLQ: a message that cannot be read or stored goes there with its reason. */
  INBOUND_DLQ_URL: nonEmptyString,
  /** Where `Customer Message Received` is published; unset publishes nothing. */
  EVENT_BUS_NAME: z.optional(nonEmptyString),
  /** The domain of reply addresses (`reply+<token>@<domain>`); with the secret below, replies match by it. */
  REPLY_DOMAIN: z.optional(z.string().check(z.minLength(3))),
});

/** The only reader of the environment; names every missing or invalid variable at once. */
export function readConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseEnvironment(schema, 'inbound-service', env);
}
