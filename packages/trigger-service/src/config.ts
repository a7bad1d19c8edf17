import { companyEnvironment, nonEmptyString, parseEnvironment } from '@import-comms/aws';
import * as z from 'zod/mini';

const schema = z.object({
  TABLE_NAME: nonEmptyString,
  EMAIL_QUEUE_URL: nonEmptyString,
  SMS_QUEUE_URL: nonEmptyString,
  TRIGGER_DLQ_URL: nonEmptyString,
  ...companyEnvironment,
});

/** The only reader of the environment; names every missing or invalid variable at once. */
export function readConfig(env: NodeJS.ProcessEnv = process.env) {
  return parseEnvironment(schema, 'trigger-service', env);
}
