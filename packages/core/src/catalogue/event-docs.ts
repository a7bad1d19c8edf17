import {
  allContracts,
  type EventContract,
  exampleOf,
  type JsonSchema,
  toJsonSchema,
} from '@import-comms/events';
import { DEFAULT_TEMPLATES } from '../templates/defaults.js';
import { TRIGGERS } from '../templates/triggers.js';

/** The events import-comms acts on: those a template can be triggered by. */
const CONSUMED: readonly string[] = TRIGGERS.flatMap((trigger) =>
  trigger.contract ? [trigger.contract.id] : [],
);

interface FieldRow {
  path: string;
  type: string;
  required: boolean;
  notes: string;
}

function typeOf(schema: JsonSchema): string {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.map(typeOf).join(' or ');
  if (schema.const !== undefined) return `\`${JSON.stringify(schema.const)}\``;
  const type = [schema.type ?? 'any'].flat().join(' or ');
  if (type === 'array' && schema.items) return `array of ${typeOf(schema.items)}`;
  return schema.format ? `${type} (${schema.format})` : type;
}

function notesOf(schema: JsonSchema): string {
  const notes: string[] = [];
  if (typeof schema.description === 'string') notes.push(schema.description);
  if (schema.enum) notes.push(`one of ${schema.enum.map((value) => `\`${String(value)}\``).join(', ')}`);
  // Formats (date, date-time, email…) say it better than the regular expression zod exports with them.
  if (schema.pattern && !schema.format) notes.push(`pattern \`${schema.pattern}\``);
  if (schema.minLength !== undefined || schema.maxLength !== undefined)
    notes.push(`length ${schema.minLength ?? 0}–${schema.maxLength ?? '∞'}`);
  if (schema.minimum !== undefined) notes.push(`≥ ${schema.minimum}`);
  if (schema.exclusiveMinimum !== undefined) notes.push(`> ${schema.exclusiveMinimum}`);
  if (schema.maximum !== undefined) notes.push(`≤ ${schema.maximum}`);
  return notes.join('; ').replaceAll('|', '\\|');
}

function fields(schema: JsonSchema, prefix: string, required: boolean, rows: FieldRow[]): FieldRow[] {
  const branches = schema.anyOf ?? schema.oneOf;
  const object = branches?.find((branch) => branch.properties) ?? schema;
  if (prefix) rows.push({ path: prefix, type: typeOf(schema), required, notes: notesOf(schema) });
  const requiredNames = new Set(object.required ?? []);
  for (const [name, child] of Object.entries(object.properties ?? {})) {
    fields(child, prefix ? `${prefix}.${name}` : name, requiredNames.has(name), rows);
  }
  if (object.items?.properties) fields({ ...object.items, description: undefined }, `${prefix}[]`, true, []);
  return rows;
}

/** One page of the event catalogue: what the event means, its fields, an example, what it sets off here. */
export function eventPage(contract: EventContract): string {
  const schema = toJsonSchema(contract) as JsonSchema;
  const rows = fields(schema, '', true, []);
  const templates = DEFAULT_TEMPLATES.filter((template) => template.triggerEvent === contract.id);
  const consumed = CONSUMED.includes(contract.id);
  const lines = [
    `# ${contract.detailType} (v${contract.version})`,
    '',
    contract.description,
    '',
    `- Source: \`${contract.source}\``,
    `- Detail type: \`${contract.detailType}\``,
    `- Schema: [events/schemas/${contract.id}.json](../../events/schemas/${contract.id}.json) (published:` +
      ` [events/compat/${contract.id}.json](../../events/compat/${contract.id}.json))`,
    `- Consumed by import-comms: ${consumed ? 'yes (trigger-service, through the inbound rule)' : 'no (published by import-comms)'}`,
    '',
    '## Fields of `detail`',
    '',
    '| Field | Type | Required | Notes |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| \`${row.path}\` | ${row.type} | ${row.required ? 'yes' : 'no'} | ${row.notes} |`),
    '',
    '## Example',
    '',
    '```json',
    JSON.stringify(exampleOf(contract.id), null, 2),
    '```',
    '',
    '## Templates it triggers (defaults)',
    '',
    ...(templates.length === 0
      ? ['None.']
      : templates.map(
          (template) =>
            `- \`${template.templateId}\` — ${template.name}, ${template.category}` +
            `${template.triggerFilter ? `, when \`${JSON.stringify(template.triggerFilter)}\`` : ''}` +
            `${template.fallback ? ', when no other template of the event matches' : ''}` +
            `${template.dueDateOffsetDays !== undefined ? `, sent ${Math.abs(template.dueDateOffsetDays)} day(s) ${template.dueDateOffsetDays < 0 ? 'before' : 'after'} the due date` : ''}`,
        )),
    '',
    'Publish it with the typed publisher (`@import-comms/events/publisher`) or `comms events publish --file`.',
    '',
  ];
  return lines.join('\n');
}

/** The index page: every event, who publishes it, and where its page is. */
export function catalogueIndex(): string {
  return [
    '# Event catalogue',
    '',
    'Generated from the contracts in `events/` by `npm run events:schemas`; a test fails when it is stale.',
    'Every detail carries `schemaVersion` and a producer-chosen `eventId` (the idempotency key).',
    '',
    '| Event | Source | Version | Consumed here |',
    '| --- | --- | --- | --- |',
    ...allContracts.map(
      (contract) =>
        `| [${contract.detailType}](${contract.id}.md) | \`${contract.source}\` | ${contract.version} | ${CONSUMED.includes(contract.id) ? 'yes' : 'no'} |`,
    ),
    '',
    'A change to a published version must keep accepting what it accepted (a test compares with `events/compat/`);',
    'anything else is a new version (`….v2`), published alongside the old one until its producers have moved.',
    '',
  ].join('\n');
}

export function eventCatalogue(): Record<string, string> {
  return Object.fromEntries([
    ['README.md', catalogueIndex()],
    ...allContracts.map((contract) => [`${contract.id}.md`, eventPage(contract)]),
  ]);
}
