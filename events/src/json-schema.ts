import * as z from 'zod/mini';
import type { EventContract } from './contract.js';

/**
 * JSON Schema (draft 2020-12) of a contract's detail, as publishers must send it (input side: fields with
 * defaults are optional). Refinements that JSON Schema cannot express are kept in the zod schema only.
 */
export function toJsonSchema(contract: EventContract): Record<string, unknown> {
  const schema = z.toJSONSchema(contract.schema, { io: 'input', unrepresentable: 'any' });
  return {
    ...schema,
    $id: `import-comms/events/${contract.id}.json`,
    title: `${contract.detailType} v${contract.version}`,
    description: contract.description,
    'x-eventbridge': { source: contract.source, detailType: contract.detailType },
  };
}

export function toJsonSchemaText(contract: EventContract): string {
  return `${JSON.stringify(toJsonSchema(contract), null, 2)}\n`;
}
