import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventCatalogue } from '../catalogue/event-docs.js';

// Run from packages/core/dist/scripts: the catalogue lives in docs/events at the repository's root.
const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../docs/events');
mkdirSync(target, { recursive: true });
for (const [file, text] of Object.entries(eventCatalogue())) {
  writeFileSync(path.join(target, file), text);
  process.stdout.write(`wrote docs/events/${file}\n`);
}
