import { z } from 'zod';

const schema = z.object({
  /** Where `Communication Status Changed` is published; unset publishes nothing. */
  EVENT_BUS_NAME: z.string().min(1).optional(),
  TABLE_NAME: z.string().min(1),
  SES_FROM_ADDRESS: z.string().min(3),
  SES_CONFIGURATION_SET: z.string().min(1),
  SES_REPLY_TO_ADDRESS: z.email().optional(),
  CUSTOMER_PORTAL_URL: z.url(),
});

export type EmailDispatcherConfig = z.infer<typeof schema>;

/** The only reader of the environment; names every missing or invalid variable at once. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): EmailDispatcherConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`email-dispatcher configuration is invalid: ${problems}`);
  }
  return result.data;
}
