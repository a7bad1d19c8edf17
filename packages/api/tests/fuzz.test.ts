import fc from 'fast-check';
import { type Harness, startHarness } from './support/harness.js';

let api: Harness;
let operations: { method: string; path: string }[] = [];

beforeAll(async () => {
  api = await startHarness({ limits: { sendsPerMinute: 100_000 } });
  const doc = (await api.request('GET', '/openapi.json', { as: null })).body as {
    paths: Record<string, Record<string, unknown>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({
      method: method.toUpperCase(),
      path: path.replace(/^\/api/, ''),
    })),
  );
});
afterAll(() => api.stop());

jest.setTimeout(120_000);

/** Anything JSON can carry, including the wrong shapes in the right places. */
const jsonValue = fc.jsonValue({ maxDepth: 3 });
const segment = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom(
    'CU-2001',
    'VH-1001',
    'welcome-email',
    '0',
    '-1',
    '..',
    '%00',
    '%F0%9F%92%A9',
    'a'.repeat(300),
  ),
);

describe('API fuzz: generated invalid input never causes a 5xx', () => {
  it('covers every documented operation', () => {
    expect(operations.length).toBeGreaterThanOrEqual(33);
  });

  it('bodies, path parameters, query strings and headers', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 1000 }),
        fc.array(segment, { minLength: 3, maxLength: 3 }),
        fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ maxLength: 40 }), {
          maxKeys: 4,
        }),
        fc.oneof(
          jsonValue.map((value) => ({ body: value })),
          fc.string({ maxLength: 200 }).map((text) => ({ rawBody: text, contentType: 'application/json' })),
          fc.string({ maxLength: 50 }).map((text) => ({ rawBody: text, contentType: 'text/plain' })),
        ),
        fc.constantFrom('ava', 'liam', 'noor', 'nobody', null),
        async (pick, segments, query, payload, user) => {
          const operation = operations[pick % operations.length] as { method: string; path: string };
          let index = 0;
          const path = operation.path.replace(/\{[^}]+\}/g, () =>
            encodeURIComponent(segments[index++] ?? 'x'),
          );
          const search = new URLSearchParams(query).toString();
          const hasBody = operation.method !== 'GET';
          // Harness requests throw on any 5xx, with the body and the logged error.
          const reply = await api.request(operation.method, `${path}${search ? `?${search}` : ''}`, {
            as: user,
            ...(hasBody && 'body' in payload ? { body: payload.body } : {}),
            ...(hasBody && 'rawBody' in payload
              ? { rawBody: payload.rawBody, headers: { 'content-type': payload.contentType } }
              : {}),
          });
          expect(reply.status).toBeLessThan(500);
        },
      ),
      { numRuns: 600, seed: 20261125 },
    );
  });

  it('malformed bearer tokens and headers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (token) => {
        const reply = await api.request('GET', '/communications', {
          as: null,
          headers: { authorization: `Bearer ${token.replace(/[\r\n]/g, '')}` },
        });
        expect([400, 401]).toContain(reply.status);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
