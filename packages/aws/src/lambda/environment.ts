import type { CompanyProfile } from '@import-comms/core';
import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';

/** Reads a function's configuration from its environment, naming every missing or invalid variable at once. */
export function parseEnvironment<Schema extends core.$ZodType>(
  schema: Schema,
  service: string,
  env: NodeJS.ProcessEnv = process.env,
): core.output<Schema> {
  const result = z.safeParse(schema, env);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`${service} configuration is invalid: ${problems}`);
  }
  return result.data;
}

/** A setting that must be there and not empty (a table name, a queue URL). */
export const nonEmptyString = z.string().check(z.minLength(1));

/**
 * The company every message names, as functions read it (`COMPANY_*`, `CUSTOMER_PORTAL_URL`): one schema for
 * every function that renders templates, spread into its own. The CDK app sets them from the deployment settings.
 */
export const companyEnvironment = {
  COMPANY_NAME: nonEmptyString,
  COMPANY_PHONE: nonEmptyString,
  COMPANY_EMAIL: z.email(),
  COMPANY_WEBSITE: z.url(),
  CUSTOMER_PORTAL_URL: z.url(),
};

/** The company profile templates render, from a configuration parsed with `companyEnvironment`. */
export function companyProfileOf(config: {
  COMPANY_NAME: string;
  COMPANY_PHONE: string;
  COMPANY_EMAIL: string;
  COMPANY_WEBSITE: string;
  CUSTOMER_PORTAL_URL: string;
}): CompanyProfile {
  return {
    name: config.COMPANY_NAME,
    phone: config.COMPANY_PHONE,
    email: config.COMPANY_EMAIL,
    website: config.COMPANY_WEBSITE,
    portalUrl: config.CUSTOMER_PORTAL_URL,
  };
}
