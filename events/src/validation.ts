import type * as z from 'zod/mini';

/** One problem with an event, located by a dotted path such as `detail.stageData.eta`. */
export interface ValidationIssue {
  path: string;
  message: string;
  code: string;
}

export type ValidationResult<T> = { success: true; data: T } | { success: false; issues: ValidationIssue[] };

export function formatPath(path: readonly PropertyKey[], prefix?: string): string {
  const parts = prefix ? [prefix] : [];
  for (const key of path) {
    parts.push(typeof key === 'number' ? `[${key}]` : String(key));
  }
  return parts.join('.').replace(/\.\[/g, '[') || '(root)';
}

export function toValidationIssues(error: z.core.$ZodError, prefix?: string): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path, prefix),
    message: issue.message,
    code: issue.code,
  }));
}

/** Parses with a zod schema and reports every issue with its path, never just "invalid". */
export function validate<Schema extends z.ZodMiniType>(
  schema: Schema,
  input: unknown,
  prefix?: string,
): ValidationResult<z.output<Schema>> {
  const result = schema.safeParse(input);
  return result.success
    ? { success: true, data: result.data }
    : { success: false, issues: toValidationIssues(result.error, prefix) };
}

export function describeIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}
