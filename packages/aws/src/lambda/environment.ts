import type { z } from 'zod';

/** Reads a function's configuration from its environment, naming every missing or invalid variable at once. */
export function parseEnvironment<Schema extends z.ZodType>(
  schema: Schema,
  service: string,
  env: NodeJS.ProcessEnv = process.env,
): z.output<Schema> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`${service} configuration is invalid: ${problems}`);
  }
  return result.data;
}
