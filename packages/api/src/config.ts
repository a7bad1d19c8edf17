import { companyEnvironment, nonEmptyString, parseEnvironment } from '@import-comms/aws';
import * as z from 'zod/mini';

const schema = z.object({
  TABLE_NAME: nonEmptyString,
  EMAIL_QUEUE_URL: nonEmptyString,
  SMS_QUEUE_URL: nonEmptyString,
  /** Cognito user pool issuer (`https://cognito-idp.<region>.amazonaws.com/<pool id>`), or the local one. */
  AUTH_ISSUER: z.url(),
  /** The app client id tokens must be for. */
  AUTH_AUDIENCE: nonEmptyString,
  /** Where the signing keys are; by default the issuer's `/.well-known/jwks.json`. */
  AUTH_JWKS_URL: z.optional(z.url()),
  /** The reps' user pool: the team list (names for ids) comes from its role groups. */
  USER_POOL_ID: z.optional(nonEmptyString),
  /** Without a user pool (the local runtime): the team as JSON, `[{"id","name","roles","active"}]`. */
  REPS_JSON: z.optional(z.string()),
  SENDS_PER_USER_PER_MINUTE: z._default(z.coerce.number().check(z.int(), z.minimum(1)), 30),
  MAX_BODY_BYTES: z._default(z.coerce.number().check(z.int(), z.minimum(1024)), 256 * 1024),
  ...companyEnvironment,
});

export type ApiConfig = z.output<typeof schema>;

/** The only reader of the environment; names every missing or invalid variable at once. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return parseEnvironment(schema, 'api', env);
}
