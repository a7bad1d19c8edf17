import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allContracts } from '../catalogue.js';
import { toJsonSchemaText } from '../json-schema.js';

// Run from events/dist/scripts: the committed schemas live in events/schemas.
const schemasDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../schemas');

for (const contract of allContracts) {
  const file = path.join(schemasDir, `${contract.id}.json`);
  writeFileSync(file, toJsonSchemaText(contract));
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}
