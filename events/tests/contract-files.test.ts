import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  allContracts,
  exampleOf,
  putEventsEntrySchema,
  toExampleText,
  toJsonSchemaText,
  validateDetail,
} from '../src/index.js';

const eventsDir = path.resolve(__dirname, '..');
const read = (dir: string, file: string) => readFileSync(path.join(eventsDir, dir, file), 'utf8');
const filesIn = (dir: string) => readdirSync(path.join(eventsDir, dir)).sort();

describe('committed contract files', () => {
  it.each(allContracts.map((contract) => [contract.id, contract] as const))(
    'schemas/%s.json is up to date (run `npm run events:schemas` after changing a contract)',
    (id, contract) => {
      // Act
      const committed = read('schemas', `${id}.json`);

      // Assess
      expect(committed).toBe(toJsonSchemaText(contract));
    },
  );

  it.each(allContracts.map((contract) => contract.id))(
    'examples/%s.json is a valid PutEvents entry for its contract',
    (id) => {
      // Prepare
      const entry = putEventsEntrySchema.parse(JSON.parse(read('examples', `${id}.json`)));

      // Act
      const result = validateDetail(entry.Source, entry.DetailType, entry.Detail);

      // Assess
      expect(result).toMatchObject({ success: true, data: { contract: { id } } });
    },
  );

  it.each(allContracts.map((contract) => contract.id))(
    'examples/%s.json matches its source in src/examples.ts (run `npm run events:schemas`)',
    (id) => {
      expect(read('examples', `${id}.json`)).toBe(toExampleText(exampleOf(id)));
    },
  );

  it('has exactly one schema and one example per contract, and nothing else', () => {
    const expected = allContracts.map((contract) => `${contract.id}.json`).sort();

    expect(filesIn('schemas')).toEqual(expected);
    expect(filesIn('examples')).toEqual(expected);
  });

  it('gives every contract a unique id and a unique source + detail-type + version', () => {
    const ids = new Set(allContracts.map((contract) => contract.id));
    const keys = new Set(allContracts.map((c) => `${c.source}|${c.detailType}|${c.version}`));

    expect(ids.size).toBe(allContracts.length);
    expect(keys.size).toBe(allContracts.length);
  });
});
