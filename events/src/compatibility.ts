/** A JSON Schema as the contracts export it (draft 2020-12, from zod). */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  [key: string]: unknown;
};

const types = (schema: JsonSchema) => new Set([schema.type ?? []].flat());

/**
 * What a new version of a schema refuses that the published one accepted: every such change breaks a publisher
 * that followed the published schema. Loosening (a new optional field, a new enum value, a higher maximum) is
 * fine. Returns one line per breaking change, with its path.
 */
export function breakingChanges(published: JsonSchema, current: JsonSchema, path = 'detail'): string[] {
  const problems: string[] = [];
  const at = (message: string) => problems.push(`${path}: ${message}`);

  const branches = published.anyOf ?? published.oneOf;
  if (branches) {
    const currentBranches = current.anyOf ?? current.oneOf ?? [current];
    branches.forEach((branch, index) => {
      const accepted = currentBranches.some(
        (candidate) => breakingChanges(branch, candidate, path).length === 0,
      );
      if (!accepted) at(`alternative #${index} is no longer accepted`);
    });
    return problems;
  }
  if (current.anyOf ?? current.oneOf) {
    const accepted = (current.anyOf ?? current.oneOf ?? []).some(
      (candidate) => breakingChanges(published, candidate, path).length === 0,
    );
    if (!accepted) at('the published shape is no longer one of the alternatives');
    return problems;
  }

  const before = types(published);
  const after = types(current);
  if (after.size > 0) {
    for (const type of before) {
      if (!after.has(type) && !(type === 'integer' && after.has('number')))
        at(`type ${type} is no longer accepted`);
    }
    if (before.size === 0) at(`now restricted to type ${[...after].join(' | ')}`);
  }
  if (current.const !== undefined && JSON.stringify(current.const) !== JSON.stringify(published.const))
    at(`now only ${JSON.stringify(current.const)}`);
  if (current.enum) {
    const allowed = new Set(current.enum.map((value) => JSON.stringify(value)));
    const lost = (published.enum ?? (published.const !== undefined ? [published.const] : undefined))?.filter(
      (value) => !allowed.has(JSON.stringify(value)),
    );
    if (!published.enum && published.const === undefined) at('now restricted to a list of values');
    else if (lost && lost.length > 0)
      at(`values no longer accepted: ${lost.map((v) => JSON.stringify(v)).join(', ')}`);
  }
  for (const key of ['format', 'pattern'] as const) {
    if (current[key] !== undefined && current[key] !== published[key])
      at(`${key} is now ${String(current[key])}`);
  }
  const tighter = (key: keyof JsonSchema, lower: boolean) => {
    const now = current[key] as number | undefined;
    const then = published[key] as number | undefined;
    if (now === undefined) return;
    if (then === undefined || (lower ? now > then : now < then)) at(`${String(key)} is now ${now}`);
  };
  tighter('minLength', true);
  tighter('minimum', true);
  tighter('exclusiveMinimum', true);
  tighter('minItems', true);
  tighter('maxLength', false);
  tighter('maximum', false);
  tighter('exclusiveMaximum', false);
  tighter('maxItems', false);

  const publishedRequired = new Set(published.required ?? []);
  for (const name of current.required ?? []) {
    if (!publishedRequired.has(name)) at(`${name} is now required`);
  }
  const currentProperties = current.properties ?? {};
  for (const [name, schema] of Object.entries(published.properties ?? {})) {
    const next = currentProperties[name];
    if (!next) {
      if (current.additionalProperties === false) at(`${name} was removed (and unknown fields are refused)`);
      continue;
    }
    problems.push(...breakingChanges(schema, next, `${path}.${name}`));
  }
  if (current.additionalProperties === false && published.additionalProperties !== false)
    at('unknown fields are now refused');
  if (published.items && current.items)
    problems.push(...breakingChanges(published.items, current.items, `${path}[]`));
  return problems;
}
