import { type Harness, startHarness } from './support/harness.js';

let api: Harness;
beforeAll(async () => {
  api = await startHarness({ now: '2026-11-25T02:00:00.000Z' });
});
afterAll(() => api.stop());

describe('preferences', () => {
  it('starts from the defaults, saves revisions with who and when, and keeps the history', async () => {
    const initial = await api.request('GET', '/customers/CU-3003/preferences');
    expect(initial.body).toMatchObject({ revision: 0, preferences: { channels: ['Email', 'SMS'] } });
    const changed = await api.request('PUT', '/customers/CU-3003/preferences', {
      as: 'sam',
      body: {
        revision: 0,
        preferences: {
          ...initial.body.preferences,
          optedOutCategories: ['marketing', 'reminders'],
          language: 'en',
        },
      },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      revision: 1,
      updatedBy: 'sam',
      updatedAt: '2026-11-25T02:00:00.000Z',
    });
    const stale = await api.request('PUT', '/customers/CU-3003/preferences', {
      body: { revision: 0, preferences: initial.body.preferences },
    });
    expect(stale.status).toBe(409);
    const history = await api.request('GET', '/customers/CU-3003/preferences/history');
    expect(
      history.body.items.map((entry: { revision: number; updatedBy: string }) => [
        entry.revision,
        entry.updatedBy,
      ]),
    ).toEqual([[1, 'sam']]);
    const refused = await api.request('POST', '/communications/send-sms', {
      body: { customerId: 'CU-3003', templateId: 'payment-reminder-sms', variables: { amount: 100 } },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].code).toBe('opted-out');
  });

  it('checks every field, including the time zone', async () => {
    const reply = await api.request('PUT', '/customers/CU-2001/preferences', {
      body: {
        revision: 0,
        preferences: {
          channels: ['Email', 'Fax'],
          channelOrder: ['Email'],
          delivery: 'all',
          optedOutCategories: [],
          quietHours: { start: '25:00', end: '08:00', channels: ['SMS'] },
          timezone: 'Mars/Olympus',
        },
      },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'preferences.channels.1',
      'preferences.quietHours.start',
      'preferences.timezone',
    ]);
  });

  it('answers 404 for an unknown customer', async () => {
    expect((await api.request('GET', '/customers/CU-0000/preferences')).status).toBe(404);
  });
});

describe('customers and vehicles', () => {
  it('finds customers by any word of name, id, email or phone, accents folded', async () => {
    const byName = await api.request('GET', '/customers?q=haddad');
    expect(byName.body.items.map((customer: { customerId: string }) => customer.customerId)).toEqual([
      'CU-3003',
    ]);
    const byTwoWords = await api.request('GET', '/customers?q=AIKO%20example.com');
    expect(byTwoWords.body.items.map((customer: { customerId: string }) => customer.customerId)).toEqual([
      'CU-2001',
    ]);
    const all = await api.request('GET', '/customers');
    expect(all.body.items.map((customer: { lastName: string }) => customer.lastName)).toEqual([
      'Haddad',
      'Tanaka',
    ]);
    expect(all.body.items[0]).not.toHaveProperty('searchName');
    expect((await api.request('GET', '/customers?q=nobody-like-this')).body.items).toEqual([]);
  });

  it("lists a customer's vehicles with their stage", async () => {
    const vehicles = await api.request('GET', '/customers/CU-3003/vehicles');
    expect(vehicles.body.items).toEqual([
      expect.objectContaining({ vehicleId: 'VH-3003', make: 'Subaru', customerId: 'CU-3003' }),
    ]);
    expect((await api.request('GET', '/customers/CU-0000/vehicles')).status).toBe(404);
  });
});

describe('stats', () => {
  it('counts outcomes per day, type and status, and what waits for its time', async () => {
    await api.request('POST', '/communications', {
      body: { type: 'Call', direction: 'inbound', customerId: 'CU-2001', notes: 'a call' },
    });
    await api.request('POST', '/communications/send-email', {
      body: { customerId: 'CU-2001', subject: 'One', content: 'x' },
    });
    api.clock.set('2026-11-25T12:00:00.000Z');
    await api.request('POST', '/communications/send-sms', {
      body: { customerId: 'CU-2001', content: 'night' },
    });
    api.clock.set('2026-11-25T02:00:00.000Z');
    const stats = await api.request('GET', '/stats?from=2026-11-20&to=2026-11-25');
    expect(stats.status).toBe(200);
    expect(stats.body.days).toEqual([
      // The email waits in the queue (Pending) and the SMS for the morning: steps, not outcomes, so uncounted.
      { day: '2026-11-25', counts: { Call: { Logged: 1 } } },
    ]);
    expect(stats.body.scheduled).toBe(1);
    expect(stats.body.rates.emailBounceRate).toBeNull();
  });

  it('answers a range from one read for five seconds, then reads it again', async () => {
    api.clock.set('2026-11-27T09:00:00.000Z');
    const range = '/stats?from=2026-11-27&to=2026-11-27';
    const first = await api.request('GET', range);
    expect(first.body).toMatchObject({ days: [], asOf: '2026-11-27T09:00:00.000Z' });
    await api.request('POST', '/communications', {
      body: { type: 'Call', direction: 'inbound', customerId: 'CU-2001', notes: 'after the first look' },
    });
    api.clock.set('2026-11-27T09:00:04.900Z');
    expect((await api.request('GET', range)).body).toEqual(first.body);
    // Another range is read on its own.
    const wider = await api.request('GET', '/stats?from=2026-11-26&to=2026-11-27');
    expect(wider.body.days).toEqual([{ day: '2026-11-27', counts: { Call: { Logged: 1 } } }]);
    api.clock.set('2026-11-27T09:00:05.100Z');
    const later = await api.request('GET', range);
    expect(later.body).toMatchObject({
      days: [{ day: '2026-11-27', counts: { Call: { Logged: 1 } } }],
      asOf: '2026-11-27T09:00:05.100Z',
    });
  });

  it('refuses a reversed or too long range', async () => {
    expect((await api.request('GET', '/stats?from=2026-11-25&to=2026-11-01')).status).toBe(400);
    expect((await api.request('GET', '/stats?from=2025-01-01&to=2026-11-01')).status).toBe(400);
  });
});

describe('OpenAPI document', () => {
  it('describes every route with its schemas, public without a token', async () => {
    const reply = await api.request('GET', '/openapi.json', { as: null });
    expect(reply.status).toBe(200);
    const doc = reply.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/communications',
        '/api/communications/{id}',
        '/api/communications/send-email',
        '/api/communications/send-sms',
        '/api/templates',
        '/api/templates/{templateId}/versions/{version}/approve',
        '/api/customers/{customerId}/communications',
        '/api/vehicles/{vehicleId}/communications',
        '/api/customers/{customerId}/preferences',
        '/api/stats',
      ]),
    );
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(
        methods as Record<string, { security?: unknown[]; responses: Record<string, unknown> }>,
      ).map(([method, operation]) => ({ path, method, operation })),
    );
    for (const { path, operation } of operations) {
      if (path === '/api/health' || path === '/api/openapi.json') continue;
      expect({ path, security: operation.security }).toEqual({ path, security: [{ bearer: [] }] });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401', '403']));
    }
    expect(doc.components.schemas.SendEmail).toBeDefined();
    expect(doc.components.schemas.Errors).toBeDefined();
  });
  it('has no path a parameter of another path could take for its own (no route depends on its order)', async () => {
    const doc = (await api.request('GET', '/openapi.json', { as: null })).body;
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => ({ method, segments: path.split('/') })),
    );
    const isParameter = (segment: string) => segment.startsWith('{');
    // Hono runs the first matching route: a static word under a parameter of the same method would be taken
    // by whichever of the two was registered first.
    const shadowed = routes.flatMap((route) =>
      routes
        .filter(
          (other) =>
            other !== route &&
            other.method === route.method &&
            other.segments.length === route.segments.length &&
            other.segments.every(
              (segment, index) => segment === route.segments[index] || isParameter(segment),
            ) &&
            other.segments.some(
              (segment, index) => isParameter(segment) && !isParameter(route.segments[index] ?? ''),
            ),
        )
        .map((other) => `${route.method} ${route.segments.join('/')} under ${other.segments.join('/')}`),
    );

    expect(shadowed).toEqual([]);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/triggers', '/api/templates/preview']),
    );
  });
});
