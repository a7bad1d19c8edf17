import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OPERATION_IDS } from '../src/http/operation-ids.js';
import { type Harness, startHarness } from './support/harness.js';

let api: Harness;
// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is JSON, read field by field
let document: any;
beforeAll(async () => {
  api = await startHarness();
  document = (await api.request('GET', '/openapi.json', { as: null })).body;
});
afterAll(() => api.stop());

/** Redocly's recommended rules on a document, in a process of their own (the linter is an ES module). */
function redocly(doc: unknown): { rule: string; severity: string; message: string; where: string }[] {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'openapi-')), 'openapi.json');
  writeFileSync(file, JSON.stringify(doc));
  const run = spawnSync(process.execPath, [path.join(__dirname, 'support/lint-openapi.mjs'), file], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

const operations = () =>
  Object.entries(
    document.paths as Record<string, Record<string, { operationId?: string; security?: unknown[] }>>,
  ).flatMap(([route, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ route, method, operation })),
  );

describe('the OpenAPI document', () => {
  it("passes Redocly's recommended rules with no error and no warning", () => {
    expect(redocly(document)).toEqual([]);
  });

  it('is checked for real: a document without servers or operation names fails the same rules', () => {
    const broken = structuredClone(document);
    delete broken.servers;
    delete broken.paths['/api/me'].get.operationId;
    expect(redocly(broken).map((problem) => problem.rule)).toEqual(
      expect.arrayContaining(['no-empty-servers', 'operation-operationId']),
    );
  });

  it('names every operation once, verb then noun, from the one table, with nothing left over in it', () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z]+([A-Z][a-z]+)*$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.values(OPERATION_IDS).sort());
  });

  it('declares security on every operation: the bearer token, or none where public', () => {
    for (const { route, method, operation } of operations()) {
      const expected = route === '/api/health' ? [] : [{ bearer: [] }];
      expect({ route, method, security: operation.security }).toEqual({ route, method, security: expected });
    }
  });
});

describe('the UI’s API types', () => {
  const repoRoot = path.resolve(__dirname, '../../..');

  it('come from the document the API serves: the committed copy is that document (npm run api:types)', () => {
    const committed = JSON.parse(readFileSync(path.join(repoRoot, 'packages/api/openapi.json'), 'utf8'));
    expect(committed).toEqual(document);
  });

  it('are what openapi-typescript generates from it, not written by hand', () => {
    const run = spawnSync(
      process.execPath,
      [
        path.join(repoRoot, 'node_modules/openapi-typescript/bin/cli.js'),
        path.join(repoRoot, 'packages/api/openapi.json'),
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    expect(run.status).toBe(0);
    expect(readFileSync(path.join(repoRoot, 'packages/web/src/api/openapi.ts'), 'utf8')).toBe(run.stdout);
  });
});
