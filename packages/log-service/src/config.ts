import { parseEnvironment } from '@import-comms/aws';
import * as z from 'zod';

const schema = z.object({
  /** Where `Communication Status Changed` is published; unset publishes nothing. */
  EVENT_BUS_NAME: z.string().min(1).optional(),
  TABLE_NAME: z.string().min(1),
  /** Its DLQ: a callback that cannot be recorded goes there with its reason. */
  CALLBACK_DLQ_URL: z.string().min(1),
});

/** The only reader of the environment; names every missing or invalid variable at once. */
export function readConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseEnvironment(schema, 'log-service', env);
}
