import { companyEnvironment, parseEnvironment } from '@import-comms/aws';
import * as z from 'zod/mini';

const schema = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  EMAIL_QUEUE_URL: z.string().check(z.minLength(1)),
  SMS_QUEUE_URL: z.string().check(z.minLength(1)),
  TRIGGER_DLQ_URL: z.string().check(z.minLength(1)),
  ...companyEnvironment,
});

/** The only reader of the environment; names every missing or invalid variable at once. */
export function readConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseEnvironment(schema, 'trigger-service', env);
}
