import { handle } from 'hono/aws-lambda';
import { createApi } from '../src/index.js';
import { type Harness, startHarness } from './support/harness.js';

let api: Harness;
beforeAll(async () => {
  api = await startHarness();
});
afterAll(() => api.stop());

/** An API Gateway HTTP API (payload v2) request, as the Lambda receives it behind CloudFront's /api/*. */
function gatewayEvent(method: string, path: string, headers: Record<string, string>, body?: string) {
  const [rawPath = path, rawQueryString = ''] = path.split('?');
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'test' },
      requestId: 'req',
      routeKey: '$default',
      stage: '$default',
      time: '25/Nov/2026:02:00:00 +0000',
      timeEpoch: 0,
    },
    isBase64Encoded: false,
    ...(body ? { body } : {}),
  };
}

describe('the Lambda entry point', () => {
  it('serves the same app through API Gateway payload v2 events', async () => {
    // The handler module builds its app from the environment; the adapter is what it adds, tested here.
    const app = createApi({
      deps: api.deps,
      verifyToken: async () => ({ id: 'ava', roles: ['agent'] }),
      logger: { error: () => undefined },
    });
    const handler = handle(app);
    const lambda = async (event: unknown) =>
      (await handler(event as never)) as { statusCode: number; body: string };
    const listed = await lambda(
      gatewayEvent('GET', '/api/customers/CU-2001/communications?limit=1', {
        authorization: 'Bearer t',
      }),
    );
    expect(listed.statusCode).toBe(200);
    expect(JSON.parse(listed.body)).toEqual({ items: expect.any(Array) });
    const invalid = await lambda(
      gatewayEvent(
        'POST',
        '/api/communications',
        { authorization: 'Bearer t', 'content-type': 'application/json' },
        JSON.stringify({ type: 'Call' }),
      ),
    );
    expect(invalid.statusCode).toBe(400);
    expect(JSON.parse(invalid.body).errors.length).toBeGreaterThan(1);
  });
});
