import type { Role } from '@import-comms/core';
import { type Harness, type Reply, startHarness } from './support/harness.js';

let api: Harness;
beforeAll(async () => {
  api = await startHarness({ limits: { sendsPerMinute: 1000 } });
});
afterAll(() => api.stop());

type Caller = 'anonymous' | 'nobody' | 'ava' | 'liam' | 'noor';
const CALLERS: Caller[] = ['anonymous', 'nobody', 'ava', 'liam', 'noor'];
const RANK: Record<Caller, number> = { anonymous: -2, nobody: -1, ava: 0, liam: 1, noor: 2 };
const NEEDED: Record<Role, number> = { agent: 0, approver: 1, admin: 2 };

let serial = 0;
/** A template written by sam and submitted, so any other user may review it. */
async function templateInReview(): Promise<string> {
  serial += 1;
  const templateId = `matrix-${serial}`;
  const created = await api.request('POST', '/templates', {
    as: 'sam',
    body: {
      templateId,
      name: 'Matrix',
      type: 'SMS',
      category: 'transactional',
      locale: 'en',
      content: 'Hi {{ customer.firstName }}',
    },
  });
  expect(created.status).toBe(201);
  await api.request('POST', `/templates/${templateId}/versions/1/submit`, { as: 'sam' });
  return templateId;
}
async function approvedTemplate(): Promise<string> {
  const templateId = await templateInReview();
  await api.request('POST', `/templates/${templateId}/versions/1/approve`, {
    as: 'mia',
    body: {},
  });
  return templateId;
}

interface Endpoint {
  name: string;
  role: Role;
  /** Prepares what the call needs and makes it as `as`. */
  call: (as: string | null) => Promise<Reply>;
  success: number;
}

const get = (path: string) => (as: string | null) => api.request('GET', path, { as });
const ENDPOINTS: Endpoint[] = [
  { name: 'GET /me', role: 'agent', call: get('/me'), success: 200 },
  {
    name: 'GET /communications',
    role: 'agent',
    call: get('/communications?customerId=CU-2001'),
    success: 200,
  },
  {
    name: 'GET /communications/{id}',
    role: 'agent',
    call: async (as) => {
      const logged = await api.request('POST', '/communications', {
        as: 'sam',
        body: { type: 'Call', direction: 'inbound', customerId: 'CU-2001', notes: 'n' },
      });
      return api.request('GET', `/communications/${logged.body.communicationId}`, { as });
    },
    success: 200,
  },
  {
    name: 'POST /communications',
    role: 'agent',
    call: (as) =>
      api.request('POST', '/communications', {
        as,
        body: { type: 'Meeting', direction: 'outbound', customerId: 'CU-2001', notes: 'n' },
      }),
    success: 201,
  },
  {
    name: 'POST /communications/send-email',
    role: 'agent',
    call: (as) =>
      api.request('POST', '/communications/send-email', {
        as,
        body: { customerId: 'CU-2001', subject: 's', content: 'c' },
      }),
    success: 202,
  },
  {
    name: 'POST /communications/send-sms',
    role: 'agent',
    call: (as) =>
      api.request('POST', '/communications/send-sms', { as, body: { customerId: 'CU-2001', content: 'c' } }),
    success: 202,
  },
  {
    name: 'GET /triggers',
    role: 'agent',
    call: get('/triggers'),
    success: 200,
  },
  {
    name: 'GET /templates',
    role: 'agent',
    call: get('/templates'),
    success: 200,
  },
  {
    name: 'POST /templates',
    role: 'agent',
    call: (as) => {
      serial += 1;
      return api.request('POST', '/templates', {
        as,
        body: {
          templateId: `new-${serial}`,
          name: 'N',
          type: 'SMS',
          category: 'reminders',
          locale: 'en',
          content: 'Hi',
        },
      });
    },
    success: 201,
  },
  {
    name: 'POST /templates/preview',
    role: 'agent',
    call: (as) =>
      api.request('POST', '/templates/preview', {
        as,
        body: { type: 'SMS', locale: 'en', content: 'Hi' },
      }),
    success: 200,
  },
  {
    name: 'GET /templates/{id}',
    role: 'agent',
    call: get('/templates/welcome-email'),
    success: 200,
  },
  {
    name: 'PUT /templates/{id}',
    role: 'agent',
    call: async (as) => {
      const templateId = await templateInReview();
      return api.request('PUT', `/templates/${templateId}`, {
        as,
        body: { locale: 'en', content: 'Hello' },
      });
    },
    success: 201,
  },
  {
    name: 'GET /templates/{id}/versions',
    role: 'agent',
    call: get('/templates/welcome-email/versions'),
    success: 200,
  },
  {
    name: 'GET /templates/{id}/versions/{v}',
    role: 'agent',
    call: get('/templates/welcome-email/versions/1'),
    success: 200,
  },
  {
    name: 'GET /templates/{id}/diff',
    role: 'agent',
    call: get('/templates/welcome-email/diff?from=1&to=1'),
    success: 200,
  },
  {
    name: 'POST /templates/{id}/versions/{v}/preview',
    role: 'agent',
    call: (as) =>
      api.request('POST', '/templates/welcome-email/versions/1/preview', {
        as,
        body: { customerId: 'CU-2001' },
      }),
    success: 200,
  },
  {
    name: 'POST …/versions/{v}/submit',
    role: 'agent',
    call: async (as) => {
      serial += 1;
      const templateId = `submit-${serial}`;
      // Only a draft's author submits it: each caller submits its own (sam writes it for those who cannot).
      const body = {
        templateId,
        name: 'S',
        type: 'SMS',
        category: 'transactional',
        locale: 'en',
        content: 'Hi',
      };
      const own = await api.request('POST', '/templates', { as, body });
      if (own.status !== 201) await api.request('POST', '/templates', { as: 'sam', body });
      return api.request('POST', `/templates/${templateId}/versions/1/submit`, { as });
    },
    success: 200,
  },
  {
    name: 'POST …/versions/{v}/approve',
    role: 'approver',
    call: async (as) =>
      api.request('POST', `/templates/${await templateInReview()}/versions/1/approve`, {
        as,
        body: {},
      }),
    success: 200,
  },
  {
    name: 'POST …/versions/{v}/reject',
    role: 'approver',
    call: async (as) =>
      api.request('POST', `/templates/${await templateInReview()}/versions/1/reject`, {
        as,
        body: { comment: 'Too short' },
      }),
    success: 200,
  },
  {
    name: 'POST …/versions/{v}/activate',
    role: 'approver',
    call: async (as) =>
      api.request('POST', `/templates/${await approvedTemplate()}/versions/1/activate`, {
        as,
      }),
    success: 200,
  },
  {
    name: 'POST /templates/{id}/deactivate',
    role: 'approver',
    call: async (as) => {
      const templateId = await approvedTemplate();
      await api.request('POST', `/templates/${templateId}/versions/1/activate`, { as: 'mia' });
      return api.request('POST', `/templates/${templateId}/deactivate`, { as });
    },
    success: 200,
  },
  { name: 'GET /customers/{id}', role: 'agent', call: get('/customers/CU-2001'), success: 200 },
  { name: 'GET /customers', role: 'agent', call: get('/customers?q=tanaka'), success: 200 },
  {
    name: 'GET /customers/{id}/vehicles',
    role: 'agent',
    call: get('/customers/CU-2001/vehicles'),
    success: 200,
  },
  { name: 'GET /queues', role: 'agent', call: get('/queues'), success: 200 },
  { name: 'GET /team', role: 'agent', call: get('/team'), success: 200 },
  {
    name: 'GET /customers/{id}/communications',
    role: 'agent',
    call: get('/customers/CU-2001/communications'),
    success: 200,
  },
  { name: 'GET /vehicles/{id}', role: 'agent', call: get('/vehicles/VH-1001'), success: 200 },
  {
    name: 'GET /vehicles/{id}/communications',
    role: 'agent',
    call: get('/vehicles/VH-1001/communications'),
    success: 200,
  },
  {
    name: 'GET /customers/{id}/preferences',
    role: 'agent',
    call: get('/customers/CU-2001/preferences'),
    success: 200,
  },
  {
    name: 'PUT /customers/{id}/preferences',
    role: 'agent',
    call: async (as) => {
      const current = await api.request('GET', '/customers/CU-2001/preferences', { as: 'noor' });
      return api.request('PUT', '/customers/CU-2001/preferences', {
        as,
        body: { revision: current.body.revision, preferences: current.body.preferences },
      });
    },
    success: 200,
  },
  {
    name: 'PUT /customers/{id}/preferences clearing a suppressed address',
    role: 'admin',
    call: async (as) => {
      const current = await api.request('GET', '/customers/CU-3003/preferences', { as: 'noor' });
      const suppressed = await api.request('PUT', '/customers/CU-3003/preferences', {
        as: 'noor',
        body: {
          revision: current.body.revision,
          preferences: { ...current.body.preferences, suppressedAddresses: ['omar.haddad@example.com'] },
        },
      });
      return api.request('PUT', '/customers/CU-3003/preferences', {
        as,
        body: {
          revision: suppressed.body.revision,
          preferences: { ...current.body.preferences, suppressedAddresses: [] },
        },
      });
    },
    success: 200,
  },
  {
    name: 'GET /customers/{id}/preferences/history',
    role: 'agent',
    call: get('/customers/CU-2001/preferences/history'),
    success: 200,
  },
  { name: 'GET /stats', role: 'agent', call: get('/stats'), success: 200 },
];

describe.each(ENDPOINTS)('$name (needs $role)', (endpoint) => {
  it.each(CALLERS)('as %s', async (caller) => {
    const as = caller === 'anonymous' ? null : caller;
    const reply = await endpoint.call(as);
    const expected =
      caller === 'anonymous' ? 401 : RANK[caller] >= NEEDED[endpoint.role] ? endpoint.success : 403;
    // /me only needs a valid token: a user with no role may still see who they are.
    const meForNobody = endpoint.name === 'GET /me' && caller === 'nobody';
    expect({ status: reply.status, body: reply.body }).toMatchObject({
      status: meForNobody ? 200 : expected,
    });
  });
});

describe('tokens', () => {
  const call = (token: string) =>
    api.request('GET', '/me', { as: null, headers: { authorization: `Bearer ${token}` } });

  it('rejects expired, foreign, other-client and tampered tokens with 401', async () => {
    const expired = await api.token('ava', {}, { expiresIn: '-10m' });
    const foreign = await api.token('ava', {}, { issuer: 'https://evil.example' });
    const otherClient = await api.token('ava', { client_id: 'another-app' });
    const good = await api.token('ava');
    const [header, payload, signature] = good.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin'] })).toString('base64url')}.${signature}`;
    for (const token of [expired, foreign, otherClient, tampered, 'not-a-jwt']) {
      const reply = await call(token);
      expect(reply.status).toBe(401);
      expect(reply.body.errors[0].code).toBe('unauthorized');
    }
    expect((await call(good)).body).toEqual({ id: 'ava', roles: ['agent'] });
  });

  it('takes roles only from known groups and the user from the token', async () => {
    const token = await api.token('zoe', { 'cognito:groups': ['approver', 'superuser'] });
    expect((await call(token)).body).toEqual({ id: 'zoe', roles: ['approver'] });
    const idToken = await api.token('kai', {
      client_id: undefined,
      username: undefined,
      aud: 'test-client',
      'cognito:username': 'kai',
    });
    expect((await call(idToken)).body).toEqual({ id: 'kai', roles: [] });
  });

  it('asks for a bearer token when there is none', async () => {
    const reply = await api.request('GET', '/communications', { as: null });
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toBe('Bearer');
  });
});
