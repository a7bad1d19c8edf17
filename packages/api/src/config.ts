import { companyEnvironment, parseEnvironment } from '@import-comms/aws';
import * as z from 'zod';

const schema = z.object({
  TABLE_NAME: z.string().min(1),
  EMAIL_QUEUE_URL: z.string().min(1),
  SMS_QUEUE_URL: z.string().min(1),
  /** Cognito user pool issuer (`https://cognito-idp.<region>.amazonaws.com/<pool id>`), or the local one. */
  AUTH_ISSUER: z.url(),
  /** The app client id tokens must be for. */
  AUTH_AUDIENCE: z.string().min(1),
  /** Where the signing keys are; by default the issuer's `/.well-known/jwks.json`. */
  AUTH_JWKS_URL: z.url().optional(),
  /** The reps' user pool: the team list (names for ids) comes from its role groups. */
  USER_POOL_ID: z.string().min(1).optional(),
  /** Without a user pool (the local runtime): the team as JSON, `[{"id","name","roles","active"}]`. */
  REPS_JSON: z.string().optional(),
  SENDS_PER_USER_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024),
  ...companyEnvironment,
});

export type ApiConfig = z.output<typeof schema>;

/** The only reader of the environment; names every missing or invalid variable at once. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return parseEnvironment(schema, 'api', env);
}
