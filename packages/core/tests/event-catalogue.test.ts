import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { eventCatalogue } from '../src/catalogue/event-docs.js';

const docs = path.resolve(__dirname, '../../../docs/events');

describe('event catalogue (docs/events)', () => {
  const pages = eventCatalogue();

  it('has one page per contract and an index, nothing else', () => {
    expect(readdirSync(docs).sort()).toEqual(Object.keys(pages).sort());
  });

  it.each(Object.keys(pages))('%s is up to date (run `npm run events:schemas`)', (file) => {
    expect(readFileSync(path.join(docs, file), 'utf8')).toBe(pages[file]);
  });

  it('lists the templates an event triggers and marks what import-comms consumes', () => {
    expect(pages['import-stage-changed.v1.md']).toContain(
      '- `shipping-update-email` — Shipping Update (email)',
    );
    expect(pages['communication-status-changed.v1.md']).toContain('Consumed by import-comms: no');
    expect(pages['README.md']).toContain('| [Payment Due](payment-due.v1.md) | `import.finance` | 1 | yes |');
  });
});
