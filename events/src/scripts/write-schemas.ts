import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allContracts } from '../catalogue.js';
import { exampleOf, toExampleText } from '../examples.js';
import { toJsonSchemaText } from '../json-schema.js';

// Run from events/dist/scripts: the committed files live in events/schemas and events/examples.
const eventsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function write(folder: string, file: string, text: string): void {
  const target = path.join(eventsDir, folder, file);
  writeFileSync(target, text);
  process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
}

for (const contract of allContracts) {
  write('schemas', `${contract.id}.json`, toJsonSchemaText(contract));
  write('examples', `${contract.id}.json`, toExampleText(exampleOf(contract.id)));
}
