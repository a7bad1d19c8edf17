import { type RuntimeProcess, startRuntimeProcess, until } from './support/runtime-process.js';

let runtime: RuntimeProcess;
let app: string;
let token: string;

beforeAll(async () => {
  runtime = await startRuntimeProcess();
  app = runtime.endpoint('IMPORT_COMMS_APP_PORT');
  const signIn = await fetch(`${app}/auth/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'ava' }),
  });
  token = ((await signIn.json()) as { accessToken: string }).accessToken;
}, 90_000);

afterAll(async () => {
  await runtime?.stop();
});

// biome-ignore lint/suspicious/noExplicitAny: answers are inspected field by field
async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${app}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: await response.json() };
}

const delivered = (id: string) =>
  until(
    async () => {
      const reply = await call('GET', `/communications/${id}`);
      return reply.body.status === 'Delivered' ? reply.body : undefined;
    },
    `communication ${id} delivered`,
    40_000,
    () => runtime.output(),
  );

describe('the API on the local runtime', () => {
  it('signs in demo users only, and the API trusts those tokens and no others', async () => {
    const stranger = await fetch(`${app}/auth/local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'mallory' }),
    });
    expect(stranger.status).toBe(400);
    const users = (await (await fetch(`${app}/auth/local/users`)).json()) as {
      items: { username: string }[];
    };
    expect(users.items.map((user) => user.username)).toEqual(['ava', 'sam', 'liam', 'noor']);
    expect((await call('GET', '/me')).body).toEqual({ id: 'ava', roles: ['agent'] });
    const forged = await fetch(`${app}/api/me`, {
      headers: { authorization: `Bearer ${token.slice(0, -4)}AAAA` },
    });
    expect(forged.status).toBe(401);
  });

  it('sends a templated email through the queue, SES and the callbacks, to Delivered', async () => {
    const sent = await call('POST', '/communications/send-email', {
      customerId: 'CU-2001',
      vehicleId: 'VH-1001',
      templateId: 'status-update-email',
    });
    expect(sent.status).toBe(202);
    const communication = await delivered(sent.body.communicationId);
    expect(communication.statusHistory.map((entry: { status: string }) => entry.status)).toEqual([
      'Pending',
      'Sending',
      'Sent',
      'Delivered',
    ]);
    // SES events carry real times (the emulator keeps seconds; they once came out in 1970).
    const deliveredAt = communication.statusHistory.at(-1).at;
    expect(Math.abs(Date.parse(deliveredAt) - Date.now())).toBeLessThan(120_000);
    const store = (await (await fetch(`${runtime.endpoint('IMPORT_COMMS_SES_PORT')}/store`)).json()) as {
      emails: { subject: string; destination: { to: string[] } }[];
    };
    expect(store.emails.map((email) => email.subject)).toContain(communication.subject);
  });

  it('sends an SMS a rep wrote, once quiet hours are switched off in the preferences', async () => {
    const current = await call('GET', '/customers/CU-2001/preferences');
    const saved = await call('PUT', '/customers/CU-2001/preferences', {
      revision: current.body.revision,
      preferences: { ...current.body.preferences, quietHours: null },
    });
    expect(saved.status).toBe(200);
    const sent = await call('POST', '/communications/send-sms', {
      customerId: 'CU-2001',
      content: 'Your Land Cruiser is on the truck: arriving at 3 pm.',
    });
    expect(sent.status).toBe(202);
    await delivered(sent.body.communicationId);
    const sms = (await (await fetch(`${runtime.endpoint('IMPORT_COMMS_SNS_PORT')}/sms`)).json()) as {
      message: string;
    }[];
    expect(sms.map((item) => item.message)).toContain('Your Land Cruiser is on the truck: arriving at 3 pm.');
  });

  it('shows the depth of every queue and dead-letter queue of the topology', async () => {
    const queues = await call('GET', '/queues');
    expect(queues.body.items.map((queue: { id: string }) => queue.id).sort()).toEqual([
      'callback',
      'email',
      'inbound',
      'sms',
      'trigger',
    ]);
    expect(queues.body.items[0]).toEqual({
      id: expect.any(String),
      name: expect.stringMatching(/^import-comms-/),
      waiting: expect.any(Number),
      inFlight: expect.any(Number),
      deadLetter: { name: expect.stringMatching(/-dlq$/), waiting: expect.any(Number) },
    });
  });

  it('refuses an SMS to a customer who turned SMS off, and records nothing', async () => {
    const current = await call('GET', '/customers/CU-2001/preferences');
    await call('PUT', '/customers/CU-2001/preferences', {
      revision: current.body.revision,
      preferences: { ...current.body.preferences, channels: ['Email'], channelOrder: ['Email'] },
    });
    const refused = await call('POST', '/communications/send-sms', {
      customerId: 'CU-2001',
      content: 'Hello?',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].code).toBe('channel-disabled');
    const history = await call('GET', '/customers/CU-2001/communications?q=hello%3F');
    expect(history.body.items).toEqual([]);
  });
});

describe('security headers', () => {
  it.each([
    ['the UI', '/'],
    ['a screen of the UI', '/communications'],
    ['the API', '/api/health'],
    ['an API error', '/api/communications'],
    ['the sign-in', '/auth/local/users'],
  ])('are on every answer: %s (%s)', async (_what, path) => {
    const response = await fetch(`${app}${path}`);

    expect({
      csp: response.headers.get('content-security-policy'),
      frame: response.headers.get('x-frame-options'),
      sniff: response.headers.get('x-content-type-options'),
      referrer: response.headers.get('referrer-policy'),
      // Not over plain HTTP: browsers ignore it there, and it would pin localhost to HTTPS.
      hsts: response.headers.get('strict-transport-security'),
    }).toEqual({
      csp: expect.stringContaining("frame-ancestors 'none'"),
      frame: 'DENY',
      sniff: 'nosniff',
      referrer: 'no-referrer',
      hsts: null,
    });
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self';");
  });
});
