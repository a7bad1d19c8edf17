import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { allContracts, breakingChanges, type JsonSchema, toJsonSchema } from '../src/index.js';

const compatDir = path.resolve(__dirname, '../compat');
const published = (id: string) =>
  JSON.parse(readFileSync(path.join(compatDir, `${id}.json`), 'utf8')) as JsonSchema;

/**
 * Tightenings accepted on purpose, each with its reason: what they refuse was never valid data. Control characters
 * (CR/LF above all) in a text field reached mail headers (header injection) and made every templated email to
 * that customer fail (issue 15); the published schemas never promised them.
 */
const NO_CONTROL_CHARACTERS = 'pattern is now ^[^\\u0000-\\u001f\\u007f-\\u009f]*$';
const NO_CONTROL_CHARACTERS_BUT_LINES =
  'pattern is now ^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]*$';
const ACCEPTED_TIGHTENINGS: Record<string, string[]> = {
  'customer-upserted.v1': ['firstName', 'lastName'].map((f) => `detail.${f}: ${NO_CONTROL_CHARACTERS}`),
  'vehicle-upserted.v1': ['make', 'model', 'colour'].map((f) => `detail.${f}: ${NO_CONTROL_CHARACTERS}`),
  'payment-due.v1': [`detail.invoiceNumber: ${NO_CONTROL_CHARACTERS}`],
  'vessel-eta-updated.v1': ['vesselName', 'voyageNumber', 'portOfDischarge'].map(
    (f) => `detail.${f}: ${NO_CONTROL_CHARACTERS}`,
  ),
  'communication-status-changed.v1': [`detail.reason: ${NO_CONTROL_CHARACTERS_BUT_LINES}`],
  'import-stage-changed.v1': [
    ...[
      'vesselName',
      'voyageNumber',
      'portOfLoading',
      'portOfDischarge',
      'customsReference',
      'deliveryLocation',
      'holdReason',
    ].map((f) => `detail.stageData.${f}: ${NO_CONTROL_CHARACTERS}`),
    `detail.stageData.note: ${NO_CONTROL_CHARACTERS_BUT_LINES}`,
  ],
};

describe('compatibility with what publishers were given', () => {
  it('keeps the published schema of every contract (events/compat is never regenerated)', () => {
    expect(readdirSync(compatDir).sort()).toEqual(
      allContracts.map((contract) => `${contract.id}.json`).sort(),
    );
  });

  it.each(allContracts.map((contract) => [contract.id, contract] as const))(
    '%s accepts everything its published schema accepted',
    (id, contract) => {
      expect(breakingChanges(published(id), toJsonSchema(contract) as JsonSchema)).toEqual(
        ACCEPTED_TIGHTENINGS[id] ?? [],
      );
    },
  );
});

describe('breakingChanges', () => {
  const base = published('payment-due.v1');
  const changed = (edit: (schema: JsonSchema) => void) => {
    const copy = structuredClone(base);
    edit(copy);
    return breakingChanges(base, copy);
  };
  const properties = (schema: JsonSchema) => schema.properties as Record<string, JsonSchema>;

  it.each([
    [
      'a new required field',
      (s: JsonSchema) => {
        properties(s).channel = { type: 'string' };
        s.required = [...(s.required ?? []), 'channel'];
      },
      'detail: channel is now required',
    ],
    [
      'a removed field (unknown fields refused)',
      (s: JsonSchema) => {
        delete properties(s).vehicleId;
        s.required = (s.required ?? []).filter((name) => name !== 'vehicleId');
      },
      'detail: vehicleId was removed (and unknown fields are refused)',
    ],
    [
      'an enum value taken away',
      (s: JsonSchema) => {
        properties(s).kind = { type: 'string', enum: ['DEPOSIT', 'BALANCE'] };
      },
      'detail.kind: values no longer accepted: "SHIPPING", "DUTY_AND_TAXES", "COMPLIANCE", "OTHER"',
    ],
    [
      'a changed type',
      (s: JsonSchema) => {
        properties(s).customerId = { type: 'number' };
      },
      'detail.customerId: type string is no longer accepted',
    ],
    [
      'a shorter maximum length',
      (s: JsonSchema) => {
        (properties(s).customerId as JsonSchema).maxLength = 10;
      },
      'detail.customerId: maxLength is now 10',
    ],
  ])('flags %s', (_name, edit, expected) => {
    expect(changed(edit)).toContain(expected);
  });

  it.each([
    [
      'a new optional field',
      (s: JsonSchema) => {
        properties(s).note = { type: 'string' };
      },
    ],
    [
      'a new enum value',
      (s: JsonSchema) => {
        const kind = properties(s).kind as JsonSchema;
        kind.enum = [...(kind.enum ?? []), 'STORAGE'];
      },
    ],
    [
      'a longer maximum length',
      (s: JsonSchema) => {
        (properties(s).customerId as JsonSchema).maxLength = 200;
      },
    ],
  ])('allows %s', (_name, edit) => {
    expect(changed(edit)).toEqual([]);
  });
});
