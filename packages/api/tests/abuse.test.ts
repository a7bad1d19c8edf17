import fc from 'fast-check';
import { type Harness, startHarness } from './support/harness.js';

/**
 * Hostile and careless input, as issue 15 tried it: every answer is a 4xx that says what is wrong, and the API
 * keeps answering (its health is asked after each request).
 */
let api: Harness;
beforeAll(async () => {
  api = await startHarness({ now: '2026-11-25T02:00:00.000Z' });
});
afterAll(() => api.stop());

const TEMPLATES = '/templates';

async function expectStillAnswering(): Promise<void> {
  const health = await api.request('GET', '/health', { as: null });
  expect(health.status).toBe(200);
}

describe('date ranges', () => {
  it.each([
    ['/communications', 'the log'],
    ['/customers/CU-2001/communications', "a customer's history"],
    ['/vehicles/VH-1001/communications', "a vehicle's history"],
  ])('%s (%s): from after to, or a future from without to, is a 400 naming from', async (path) => {
    const inverted = await api.request('GET', `${path}?from=2026-11-20&to=2026-11-10`);
    const future = await api.request('GET', `${path}?from=2027-01-01`);
    const sameDay = await api.request('GET', `${path}?from=2026-11-20&to=2026-11-20`);

    expect(inverted.status).toBe(400);
    expect(inverted.body.errors).toEqual([
      { path: 'from', message: 'from (2026-11-20) is after to (2026-11-10): the range is empty' },
    ]);
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([
      {
        path: 'from',
        message: 'from (2027-01-01) is in the future: give a from up to now, or a to after it',
      },
    ]);
    expect(sameDay.status).toBe(200);
    await expectStillAnswering();
  });

  it('answers a cursor that is not one with a 400', async () => {
    const reply = await api.request('GET', '/communications?cursor=not-a-cursor');

    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].message).toMatch(/cursor/);
  });
});

describe('text that would end a mail header', () => {
  it.each([
    ['CR LF and a Bcc header', 'Hello\r\nBcc: attacker@evil.example'],
    ['NUL', 'Hello\u0000'],
    ['BEL', 'Hello\u0007'],
    ['a lone surrogate', 'Hello \ud800'],
  ])('refuses a subject with %s (400 at subject), sending nothing', async (_what, subject) => {
    const before = api.queue.enqueued.length;

    const reply = await api.request('POST', '/communications/send-email', {
      body: { customerId: 'CU-2001', subject, content: 'Body' },
    });

    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([expect.objectContaining({ path: 'subject' })]);
    expect(api.queue.enqueued.length).toBe(before);
  });

  it('refuses any subject holding a control character inside it (generated; surrounding blanks are trimmed)', async () => {
    const control = fc
      .oneof(fc.integer({ min: 0, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }))
      .map((code) => String.fromCharCode(code));
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 40 }),
        control,
        fc.string({ maxLength: 40 }),
        async (before, bad, after) => {
          const reply = await api.request('POST', '/communications/send-email', {
            body: { customerId: 'CU-2001', subject: `Hello${before}${bad}${after}World`, content: 'Body' },
          });
          expect(reply.status).toBe(400);
          expect(reply.body.errors.map((error: { path: string }) => error.path)).toContain('subject');
        },
      ),
      { numRuns: 40, seed: 15 },
    );
    await expectStillAnswering();
  });

  it('keeps line breaks in a free-form body', async () => {
    const reply = await api.request('POST', '/communications/send-email', {
      body: { customerId: 'CU-2001', subject: 'Two lines', content: 'Line one\nLine two' },
    });

    expect(reply.status).toBe(202);
  });

  it('refuses control characters in a logged call’s outcome and participants', async () => {
    const reply = await api.request('POST', '/communications', {
      body: {
        type: 'Call',
        direction: 'outbound',
        customerId: 'CU-2001',
        notes: 'Fine\nnotes keep lines',
        outcome: 'connected\r\nX-Injected: 1',
        participants: ['Aiko\u0000'],
      },
    });

    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'outcome',
      'participants.0',
    ]);
  });
});

describe('hostile templates', () => {
  const hostile = [
    ['a range of 200 million', '{% for i in (1..200000000) limit: 3 %}{{ i }}{% endfor %}', 'memory limit'],
    ['a 3-million-step loop', '{% for i in (1..3000000) %}{{ i }}{% endfor %}', 'memory limit'],
    ['300,000 paragraphs', '{% for i in (1..300000) %}<p>x</p>{% endfor %}', 'limit'],
    [
      'nested 10⁴ × 10⁴ loops',
      '{% for i in (1..10000) %}{% for j in (1..10000) %}{{ j }}{% endfor %}{% endfor %}',
      'limit',
    ],
  ] as const;

  it.each(hostile)('previews %s as an issue naming the limit', async (_what, content, limit) => {
    // Health asked while the preview renders, and again after it.
    const [reply, during] = await Promise.all([
      api.request('POST', `${TEMPLATES}/preview`, {
        body: { type: 'Email', locale: 'en', subject: 'Hi', content },
      }),
      api.request('GET', '/health', { as: null }),
    ]);

    expect(during.status).toBe(200);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ ok: false, issues: [{ code: 'limit', part: 'content' }] });
    expect(reply.body.issues[0].message).toContain(limit);
    await expectStillAnswering();
  });

  it.each(hostile)('refuses to save %s (400 naming the limit)', async (_what, content, limit) => {
    const reply = await api.request('POST', TEMPLATES, {
      body: {
        templateId: `hostile-${Math.random().toString(36).slice(2, 10)}`,
        name: 'Hostile',
        type: 'SMS',
        category: 'transactional',
        locale: 'en',
        content,
      },
    });

    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body.errors)).toContain(limit);
    await expectStillAnswering();
  });

  it('previews an SMS rendering 2 MB as too long, without counting its segments', async () => {
    const reply = await api.request('POST', `${TEMPLATES}/preview`, {
      body: { type: 'SMS', locale: 'en', content: `{% for i in (1..200000) %}abcdefghij{% endfor %}` },
    });

    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ ok: false, issues: [{ code: 'limit' }] });
    await expectStillAnswering();
  });
});

describe('Idempotency-Key bound to its request', () => {
  it('replays the same send (whatever the key order) and refuses another body under the same key', async () => {
    const headers = { 'idempotency-key': 'abuse-send-0001' };
    const first = await api.request('POST', '/communications/send-sms', {
      headers,
      body: { customerId: 'CU-2001', content: 'Your car has shipped' },
    });
    const enqueuedAfterFirst = api.queue.enqueued.length;
    const replay = await api.request('POST', '/communications/send-sms', {
      headers,
      body: { content: 'Your car has shipped', customerId: 'CU-2001' },
    });
    const other = await api.request('POST', '/communications/send-sms', {
      headers,
      body: { customerId: 'CU-2001', content: 'A different message' },
    });

    expect(first.status).toBe(202);
    expect(replay.status).toBe(202);
    expect(replay.body.communicationId).toBe(first.body.communicationId);
    expect(other.status).toBe(409);
    expect(other.body.errors).toEqual([
      {
        code: 'idempotency_key_reused',
        message:
          'Idempotency-Key "abuse-send-0001" was first used with a different request; send a new key for a new request',
      },
    ]);
    // The replay may re-enqueue the still-Pending message (the dispatcher's claim makes that harmless); the
    // refused request adds nothing.
    expect(api.queue.enqueued.length).toBeLessThanOrEqual(enqueuedAfterFirst + 1);
  });

  it('refuses a logged call under a key first used for another one', async () => {
    const headers = { 'idempotency-key': 'abuse-log-0001' };
    const body = { type: 'Call', direction: 'outbound', customerId: 'CU-2001', notes: 'First call' };
    const first = await api.request('POST', '/communications', { headers, body });
    const other = await api.request('POST', '/communications', {
      headers,
      body: { ...body, notes: 'Another call' },
    });

    expect(first.status).toBe(201);
    expect(other.status).toBe(409);
    expect(other.body.errors[0].code).toBe('idempotency_key_reused');
  });
});

describe('review rules', () => {
  async function draftBy(author: string): Promise<string> {
    const templateId = `review-${author}-${Math.random().toString(36).slice(2, 10)}`;
    const created = await api.request('POST', TEMPLATES, {
      as: author,
      body: {
        templateId,
        name: 'Review',
        type: 'SMS',
        category: 'transactional',
        locale: 'en',
        content: 'Hi',
      },
    });
    expect(created.status).toBe(201);
    return templateId;
  }

  it("lets no agent submit another agent's draft; its author and an admin may", async () => {
    const templateId = await draftBy('ava');

    const bySam = await api.request('POST', `${TEMPLATES}/${templateId}/versions/1/submit`, { as: 'sam' });
    const byAva = await api.request('POST', `${TEMPLATES}/${templateId}/versions/1/submit`, { as: 'ava' });
    const other = await draftBy('sam');
    const byNoor = await api.request('POST', `${TEMPLATES}/${other}/versions/1/submit`, { as: 'noor' });

    expect(bySam.status).toBe(403);
    expect(bySam.body.errors[0].message).toBe(
      'only the author of version 1 (ava) or an admin can submit it for review',
    );
    expect(byAva.status).toBe(200);
    expect(byNoor.status).toBe(200);
  });

  it('lets no approver approve or reject their own version', async () => {
    const templateId = await draftBy('liam');
    await api.request('POST', `${TEMPLATES}/${templateId}/versions/1/submit`, { as: 'liam' });

    const rejectOwn = await api.request('POST', `${TEMPLATES}/${templateId}/versions/1/reject`, {
      as: 'liam',
      body: { comment: 'not good enough' },
    });
    const approveOwn = await api.request('POST', `${TEMPLATES}/${templateId}/versions/1/approve`, {
      as: 'liam',
      body: {},
    });
    const rejectedByMia = await api.request('POST', `${TEMPLATES}/${templateId}/versions/1/reject`, {
      as: 'mia',
      body: { comment: 'say which vehicle' },
    });

    expect(rejectOwn.status).toBe(403);
    expect(rejectOwn.body.errors[0].message).toBe(
      'a template version must be reviewed by someone other than its author',
    );
    expect(approveOwn.status).toBe(403);
    expect(rejectedByMia.status).toBe(200);
  });
});
