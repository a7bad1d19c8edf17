import { type Harness, startHarness } from './support/harness.js';

let api: Harness;

beforeAll(async () => {
  // 02:00 UTC is 13:00 in Melbourne: outside the sample customer's quiet hours.
  api = await startHarness({ now: '2026-11-25T02:00:00.000Z', limits: { sendsPerMinute: 5 } });
});
afterAll(() => api.stop());

describe('logging calls and meetings', () => {
  it('logs a call against customer and vehicle, created by the signed-in user', async () => {
    const reply = await api.request('POST', '/communications', {
      body: {
        type: 'Call',
        direction: 'outbound',
        customerId: 'CU-2001',
        vehicleId: 'VH-1001',
        notes: 'Explained the customs inspection; customer happy to wait.',
        durationMinutes: 12,
        outcome: 'connected',
        followUpDate: '2026-12-01',
      },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      type: 'Call',
      status: 'Logged',
      createdBy: 'ava',
      vehicleId: 'VH-1001',
      customerName: 'Aiko Tanaka',
      vehicleLabel: '2021 Toyota Land Cruiser 70',
      content: 'Explained the customs inspection; customer happy to wait.',
      interaction: { durationMinutes: 12, outcome: 'connected', followUpDate: '2026-12-01' },
    });
    const stored = await api.request('GET', `/communications/${reply.body.communicationId}`);
    expect(stored.status).toBe(200);
    expect(stored.body.statusHistory).toEqual([{ status: 'Logged', at: '2026-11-25T02:00:00.000Z' }]);
  });

  it('never takes createdBy from the body', async () => {
    const reply = await api.request('POST', '/communications', {
      body: {
        type: 'Meeting',
        direction: 'inbound',
        customerId: 'CU-2001',
        notes: 'Visit',
        createdBy: 'noor',
      },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([
      expect.objectContaining({ message: expect.stringContaining('createdBy') }),
    ]);
  });

  it('answers a retried log with the same Idempotency-Key with the first record', async () => {
    const request = {
      body: { type: 'Meeting', direction: 'inbound', customerId: 'CU-2001', notes: 'Showroom visit' },
      headers: { 'idempotency-key': 'meeting-key-0001' },
    } as const;
    const first = await api.request('POST', '/communications', request);
    const second = await api.request('POST', '/communications', request);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.communicationId).toBe(first.body.communicationId);
  });

  it('lists every field issue at once', async () => {
    const reply = await api.request('POST', '/communications', {
      body: { type: 'Call', direction: 'sideways', customerId: '', notes: '', durationMinutes: -3 },
    });
    expect(reply.status).toBe(400);
    const paths = reply.body.errors.map((error: { path: string }) => error.path).sort();
    expect(paths).toEqual(['customerId', 'direction', 'durationMinutes', 'notes']);
  });

  it('refuses outbound email as a log entry (sending is the way) and unknown records', async () => {
    const outbound = await api.request('POST', '/communications', {
      body: { type: 'Email', direction: 'outbound', customerId: 'CU-2001', notes: 'x' },
    });
    expect(outbound.status).toBe(400);
    expect(outbound.body.errors[0].path).toBe('direction');
    const unknown = await api.request('POST', '/communications', {
      body: { type: 'Call', direction: 'inbound', customerId: 'CU-9999', notes: 'x' },
    });
    expect(unknown.status).toBe(404);
    const otherVehicle = await api.request('POST', '/communications', {
      body: { type: 'Call', direction: 'inbound', customerId: 'CU-2001', vehicleId: 'VH-3003', notes: 'x' },
    });
    expect(otherVehicle.status).toBe(400);
    expect(otherVehicle.body.errors).toEqual([
      { path: 'vehicleId', message: 'vehicle VH-3003 belongs to another customer' },
    ]);
  });
});

describe('sending', () => {
  it('sends a templated email with the active version, variables from the records, through the queue', async () => {
    const before = api.queue.enqueued.length;
    const reply = await api.request('POST', '/communications/send-email', {
      body: { customerId: 'CU-2001', vehicleId: 'VH-1001', templateId: 'welcome-email' },
    });
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ status: 'Pending', channel: 'Email' });
    expect(api.queue.enqueued.slice(before)).toEqual([
      { communicationId: reply.body.communicationId, channel: 'Email' },
    ]);
    const stored = await api.request('GET', `/communications/${reply.body.communicationId}`);
    expect(stored.body).toMatchObject({
      templateId: 'welcome-email',
      templateVersion: 1,
      address: 'aiko.tanaka@example.com',
      createdBy: 'ava',
      direction: 'outbound',
    });
    expect(stored.body.content).toContain('Aiko');
    expect(stored.body.contentHtml).toContain('<');
  });

  it('fills a stage template from the vehicle and asks for what the records cannot give', async () => {
    await api.deps.customers.recordStageChange({
      vehicleId: 'VH-1001',
      customerId: 'CU-2001',
      stage: 'CUSTOMS_CLEARANCE',
      stageSequence: 7,
      stageChangedAt: '2026-11-24T00:00:00.000Z',
      stageEventId: 'evt-stage-7',
    });
    const status = await api.request('POST', '/communications/send-sms', {
      as: 'liam',
      body: { customerId: 'CU-2001', vehicleId: 'VH-1001', templateId: 'status-update-sms' },
    });
    expect(status.status).toBe(202);
    const stored = await api.request('GET', `/communications/${status.body.communicationId}`);
    expect(stored.body.content).toContain('is now at "In customs clearance"');

    const reminder = await api.request('POST', '/communications/send-sms', {
      as: 'liam',
      body: { customerId: 'CU-2001', vehicleId: 'VH-1001', templateId: 'payment-reminder-sms' },
    });
    expect(reminder.status).toBe(400);
    expect(reminder.body.errors[0]).toMatchObject({
      path: 'variables',
      message: expect.stringContaining('amountDue'),
    });
    const withAmount = await api.request('POST', '/communications/send-sms', {
      as: 'liam',
      body: {
        customerId: 'CU-2001',
        vehicleId: 'VH-1001',
        templateId: 'payment-reminder-sms',
        variables: { amountDue: { amount: 4200, currency: 'AUD' }, dueDate: '2026-12-01' },
      },
    });
    expect(withAmount.status).toBe(202);
  });

  it('sends free-form text, escaped into the HTML part', async () => {
    const reply = await api.request('POST', '/communications/send-email', {
      body: {
        customerId: 'CU-2001',
        subject: 'Paperwork',
        content: 'Hi Aiko,\n\nPlease bring <ID> & licence.',
      },
    });
    expect(reply.status).toBe(202);
    const stored = await api.request('GET', `/communications/${reply.body.communicationId}`);
    expect(stored.body.contentHtml).toBe('<p>Hi Aiko,</p>\n<p>Please bring &lt;ID&gt; &amp; licence.</p>');
    expect(stored.body.category).toBe('transactional');
  });

  it('counts SMS segments of a free-form SMS', async () => {
    const reply = await api.request('POST', '/communications/send-sms', {
      as: 'sam',
      body: { customerId: 'CU-2001', content: 'Your Land Cruiser cleared customs 🎉' },
    });
    expect(reply.status).toBe(202);
    const stored = await api.request('GET', `/communications/${reply.body.communicationId}`);
    expect(stored.body).toMatchObject({
      type: 'SMS',
      address: '+61412345678',
      sms: { encoding: 'UCS-2', segments: 1 },
    });
  });

  it('requires either a template or the content, not both', async () => {
    const neither = await api.request('POST', '/communications/send-email', {
      body: { customerId: 'CU-2001' },
    });
    expect(neither.status).toBe(400);
    expect(neither.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'content',
      'subject',
    ]);
    const both = await api.request('POST', '/communications/send-sms', {
      body: { customerId: 'CU-2001', templateId: 'status-update-sms', content: 'x' },
    });
    expect(both.status).toBe(400);
    expect(both.body.errors).toEqual([{ path: 'content', message: 'not allowed with templateId' }]);
  });

  it('refuses a channel the customer opted out of with 409 and the reason, and sends nothing', async () => {
    const current = await api.request('GET', '/customers/CU-3003/preferences');
    const saved = await api.request('PUT', '/customers/CU-3003/preferences', {
      body: {
        revision: current.body.revision,
        preferences: { ...current.body.preferences, channels: ['Email'] },
      },
    });
    expect(saved.status).toBe(200);
    const before = api.queue.enqueued.length;
    const reply = await api.request('POST', '/communications/send-sms', {
      as: 'sam',
      body: { customerId: 'CU-3003', content: 'Hello' },
    });
    expect(reply.status).toBe(409);
    expect(reply.body.errors).toEqual([expect.objectContaining({ code: 'channel-disabled' })]);
    expect(api.queue.enqueued.length).toBe(before);
  });

  it('holds an SMS during quiet hours and schedules it for when they end', async () => {
    api.clock.set('2026-11-25T12:00:00.000Z'); // 23:00 in Melbourne
    try {
      const reply = await api.request('POST', '/communications/send-sms', {
        as: 'liam',
        body: { customerId: 'CU-2001', content: 'Late news' },
      });
      expect(reply.status).toBe(202);
      expect(reply.body).toMatchObject({ status: 'Scheduled', scheduledFor: '2026-11-25T21:00:00.000Z' });
    } finally {
      api.clock.set('2026-11-25T02:00:00.000Z');
    }
  });

  it('does not send twice for a retried request with the same Idempotency-Key', async () => {
    const request = {
      as: 'noor',
      body: { customerId: 'CU-2001', subject: 'Once', content: 'Only once' },
      headers: { 'idempotency-key': 'send-once-0001' },
    };
    const first = await api.request('POST', '/communications/send-email', request);
    const second = await api.request('POST', '/communications/send-email', request);
    expect(second.body.communicationId).toBe(first.body.communicationId);
    const listed = await api.request('GET', '/communications?customerId=CU-2001&q=only%20once');
    expect(listed.body.items).toHaveLength(1);
  });

  it('limits sends per user per minute with 429 and Retry-After', async () => {
    api.clock.set('2026-11-25T03:00:10.000Z');
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        const reply = await api.request('POST', '/communications/send-email', {
          as: 'mia',
          body: { customerId: 'CU-2001', subject: `Note ${i}`, content: 'x' },
        });
        statuses.push(reply.status);
        if (reply.status === 429) expect(reply.headers.get('retry-after')).toBe('50');
      }
      expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
      const other = await api.request('POST', '/communications/send-email', {
        as: 'sam',
        body: { customerId: 'CU-2001', subject: 'Other user', content: 'x' },
      });
      expect(other.status).toBe(202);
    } finally {
      api.clock.set('2026-11-25T02:00:00.000Z');
    }
  });

  it('refuses a template of the other channel and a template with no active version', async () => {
    const wrong = await api.request('POST', '/communications/send-sms', {
      body: { customerId: 'CU-2001', templateId: 'welcome-email' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].path).toBe('templateId');
    const missing = await api.request('POST', '/communications/send-sms', {
      body: { customerId: 'CU-2001', templateId: 'no-such-template' },
    });
    expect(missing.status).toBe(404);
  });
});

describe('the log', () => {
  it('filters by customer, type, creator and text, newest first', async () => {
    const calls = await api.request('GET', '/communications?customerId=CU-2001&type=Call');
    expect(calls.status).toBe(200);
    expect(calls.body.items.length).toBeGreaterThan(0);
    expect(calls.body.items.every((item: { type: string }) => item.type === 'Call')).toBe(true);
    const bySam = await api.request('GET', '/communications?createdBy=sam');
    expect(bySam.body.items.length).toBeGreaterThan(0);
    expect(bySam.body.items.every((item: { createdBy: string }) => item.createdBy === 'sam')).toBe(true);
    const text = await api.request('GET', '/communications?q=paperwork');
    expect(text.body.items.map((item: { subject: string }) => item.subject)).toEqual(['Paperwork']);
    const all = await api.request('GET', '/customers/CU-2001/communications?limit=100');
    const created = all.body.items.map((item: { createdAt: string }) => item.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('pages with an opaque cursor bound to the filters', async () => {
    const first = await api.request('GET', '/customers/CU-2001/communications?limit=2');
    expect(first.body.items).toHaveLength(2);
    expect(first.body.cursor).toEqual(expect.any(String));
    const second = await api.request(
      'GET',
      `/customers/CU-2001/communications?limit=2&cursor=${first.body.cursor}`,
    );
    expect(second.status).toBe(200);
    const ids = [...first.body.items, ...second.body.items].map(
      (item: { communicationId: string }) => item.communicationId,
    );
    expect(new Set(ids).size).toBe(ids.length);
    const replayed = await api.request('GET', `/communications?type=SMS&cursor=${first.body.cursor}`);
    expect(replayed.status).toBe(400);
    expect(replayed.body.errors[0].path).toBe('cursor');
    const garbage = await api.request('GET', '/communications?cursor=not-a-cursor');
    expect(garbage.status).toBe(400);
  });

  it('shows a vehicle timeline and takes whole days as date bounds', async () => {
    const vehicle = await api.request(
      'GET',
      '/vehicles/VH-1001/communications?from=2026-11-25&to=2026-11-25',
    );
    expect(vehicle.status).toBe(200);
    expect(vehicle.body.items.length).toBeGreaterThan(0);
    expect(vehicle.body.items.every((item: { vehicleId: string }) => item.vehicleId === 'VH-1001')).toBe(
      true,
    );
    const before = await api.request('GET', '/vehicles/VH-1001/communications?to=2026-11-24');
    expect(before.body.items).toEqual([]);
    const invalid = await api.request('GET', '/communications?from=yesterday&limit=500&status=Lost');
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'from',
      'limit',
      'status',
    ]);
  });

  it('answers 404 for unknown ids and records', async () => {
    expect((await api.request('GET', '/communications/0123456789abcdef0123456789abcdef')).status).toBe(404);
    expect((await api.request('GET', '/customers/CU-9999')).status).toBe(404);
    expect((await api.request('GET', '/vehicles/VH-9999')).status).toBe(404);
    expect((await api.request('GET', '/nothing-here')).status).toBe(404);
  });
});

describe('malformed requests', () => {
  it('answers 400 for broken JSON and 415 for a body that is not JSON', async () => {
    const broken = await api.request('POST', '/communications', {
      rawBody: '{"type": "Call",',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    const text = await api.request('POST', '/communications', {
      rawBody: 'type=Call',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    expect(text.body.errors[0].message).toEqual(expect.any(String));
  });

  it('answers 413 above the body limit', async () => {
    const reply = await api.request('POST', '/communications', {
      body: { type: 'Call', direction: 'inbound', customerId: 'CU-2001', notes: 'x'.repeat(300 * 1024) },
    });
    expect(reply.status).toBe(413);
    expect(reply.body.errors[0].code).toBe('too_large');
  });
});
