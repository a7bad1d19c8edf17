import { type Harness, startHarness } from './support/harness.js';

let api: Harness;
beforeAll(async () => {
  api = await startHarness();
});
afterAll(() => api.stop());

const BASE = '/templates';

describe('template review over HTTP', () => {
  it('goes draft → review → approved by another user → active → sent; edits are new versions', async () => {
    const created = await api.request('POST', BASE, {
      as: 'ava',
      body: {
        templateId: 'finance-check-in-email',
        name: 'Finance check-in',
        type: 'Email',
        category: 'transactional',
        locale: 'en',
        subject: 'How is your {{ vehicle.description }} going?',
        content: 'Hi {{ customer.firstName }}, just checking in.',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.version).toMatchObject({ version: 1, state: 'Draft', createdBy: 'ava' });
    expect(created.body.template.variables).toEqual(['customer.firstName', 'vehicle.description']);

    const revised = await api.request('PUT', `${BASE}/finance-check-in-email`, {
      as: 'ava',
      body: {
        locale: 'en',
        subject: 'Checking in',
        content: 'Hi {{ customer.firstName }},\nall good?',
        changeNote: 'shorter',
      },
    });
    expect(revised.status).toBe(201);
    expect(revised.body).toMatchObject({ version: 2, state: 'Draft' });

    const diff = await api.request('GET', `${BASE}/finance-check-in-email/diff?from=1&to=2`);
    expect(diff.body.content).toEqual([
      { kind: 'removed', text: 'Hi {{ customer.firstName }}, just checking in.' },
      { kind: 'added', text: 'Hi {{ customer.firstName }},' },
      { kind: 'added', text: 'all good?' },
    ]);

    const submitted = await api.request('POST', `${BASE}/finance-check-in-email/versions/2/submit`, {
      as: 'ava',
    });
    expect(submitted.body).toMatchObject({ state: 'InReview', submittedBy: 'ava' });

    // An approver who wrote a version may not approve it; another one may.
    const own = await api.request('PUT', `${BASE}/finance-check-in-email`, {
      as: 'liam',
      body: { locale: 'en', subject: 'x', content: 'y' },
    });
    await api.request('POST', `${BASE}/finance-check-in-email/versions/${own.body.version}/submit`, {
      as: 'liam',
    });
    const selfApproval = await api.request(
      'POST',
      `${BASE}/finance-check-in-email/versions/${own.body.version}/approve`,
      {
        as: 'liam',
        body: {},
      },
    );
    expect(selfApproval.status).toBe(403);

    const approved = await api.request('POST', `${BASE}/finance-check-in-email/versions/2/approve`, {
      as: 'liam',
      body: { comment: 'Reads well' },
    });
    expect(approved.body).toMatchObject({
      state: 'Approved',
      reviewedBy: 'liam',
      reviewComment: 'Reads well',
    });
    const activated = await api.request('POST', `${BASE}/finance-check-in-email/versions/2/activate`, {
      as: 'liam',
    });
    expect(activated.body).toMatchObject({ isActive: true, activeVersions: { en: 2 } });

    const sent = await api.request('POST', '/communications/send-email', {
      as: 'ava',
      body: { customerId: 'CU-2001', vehicleId: 'VH-1001', templateId: 'finance-check-in-email' },
    });
    expect(sent.status).toBe(202);
    const stored = await api.request('GET', `/communications/${sent.body.communicationId}`);
    expect(stored.body).toMatchObject({ subject: 'Checking in', templateVersion: 2 });
    expect(stored.body.content).toContain('Hi Aiko,');

    const versions = await api.request('GET', `${BASE}/finance-check-in-email/versions`);
    // Newest first.
    expect(
      versions.body.items.map((version: { version: number; state: string }) => [
        version.version,
        version.state,
      ]),
    ).toEqual([
      [3, 'InReview'],
      [2, 'Active'],
      [1, 'Draft'],
    ]);
  });

  it('rejects with a comment only, and a rejected version cannot be activated', async () => {
    await api.request('POST', BASE, {
      as: 'ava',
      body: {
        templateId: 'short-sms',
        name: 'Short',
        type: 'SMS',
        category: 'reminders',
        locale: 'en',
        content: 'Hi',
      },
    });
    await api.request('POST', `${BASE}/short-sms/versions/1/submit`, { as: 'ava' });
    const noComment = await api.request('POST', `${BASE}/short-sms/versions/1/reject`, {
      as: 'liam',
      body: {},
    });
    expect(noComment.status).toBe(400);
    expect(noComment.body.errors[0].path).toBe('comment');
    const rejected = await api.request('POST', `${BASE}/short-sms/versions/1/reject`, {
      as: 'liam',
      body: { comment: 'Say who we are' },
    });
    expect(rejected.body).toMatchObject({ state: 'Rejected', reviewComment: 'Say who we are' });
    const activate = await api.request('POST', `${BASE}/short-sms/versions/1/activate`, { as: 'liam' });
    expect(activate.status).toBe(409);
  });

  it('keeps an inbox of versions In review for approvers: longest waiting first, gone once decided', async () => {
    const revise = async (templateId: string, content: string) => {
      const saved = await api.request('PUT', `${BASE}/${templateId}`, {
        as: 'sam',
        body: { locale: 'en', content, changeNote: 'clearer' },
      });
      expect(saved.status).toBe(201);
      return saved.body.version as number;
    };
    const first = await revise(
      'status-update-sms',
      '{{ company.name }}: {{ vehicle.description }} moved on.',
    );
    await api.request('POST', `${BASE}/status-update-sms/versions/${first}/submit`, { as: 'sam' });
    api.clock.set('2026-11-25T02:05:00.000Z');
    const second = await revise('welcome-sms', 'Welcome to {{ company.name }}, {{ customer.firstName }}.');
    await api.request('POST', `${BASE}/welcome-sms/versions/${second}/submit`, { as: 'sam' });

    const inbox = await api.request('GET', '/reviews', { as: 'liam' });
    expect(inbox.status).toBe(200);
    const mine = inbox.body.items.filter((item: { submittedBy: string }) => item.submittedBy === 'sam');
    expect(mine.map((item: { templateId: string }) => item.templateId)).toEqual([
      'status-update-sms',
      'welcome-sms',
    ]);
    expect(mine[0]).toMatchObject({
      templateName: expect.any(String),
      type: 'SMS',
      version: first,
      activeVersion: 1,
      state: 'InReview',
      allowedActions: expect.arrayContaining(['approve', 'reject']),
    });

    // A question from the reviewer, an answer from the author: both beside the version.
    const asked = await api.request('POST', `${BASE}/welcome-sms/versions/${second}/comments`, {
      as: 'liam',
      body: { text: 'Does this still say how to opt out?' },
    });
    expect(asked.status).toBe(201);
    await api.request('POST', `${BASE}/welcome-sms/versions/${second}/comments`, {
      as: 'sam',
      body: { text: 'It does not: I will add it.' },
    });
    const versions = await api.request('GET', `${BASE}/welcome-sms/versions`, { as: 'sam' });
    const commented = versions.body.items.find((item: { version: number }) => item.version === second);
    expect(
      commented.comments.map((comment: { by: string; text: string }) => `${comment.by}: ${comment.text}`),
    ).toEqual(['liam: Does this still say how to opt out?', 'sam: It does not: I will add it.']);
    const empty = await api.request('POST', `${BASE}/welcome-sms/versions/${second}/comments`, {
      body: { text: ' ' },
    });
    expect(empty.status).toBe(400);
    expect(
      (await api.request('POST', `${BASE}/welcome-sms/versions/999/comments`, { body: { text: 'x' } }))
        .status,
    ).toBe(404);

    await api.request('POST', `${BASE}/status-update-sms/versions/${first}/approve`, {
      as: 'liam',
      body: {},
    });
    await api.request('POST', `${BASE}/welcome-sms/versions/${second}/reject`, {
      as: 'liam',
      body: { comment: 'Keep the opt-out line' },
    });
    const after = await api.request('GET', '/reviews', { as: 'mia' });
    expect(after.body.items.filter((item: { submittedBy: string }) => item.submittedBy === 'sam')).toEqual(
      [],
    );
    expect((await api.request('GET', '/reviews', { as: 'ava' })).status).toBe(403);

    // The author is told: their decided versions, latest first, with the reason.
    const decisions = await api.request('GET', '/reviews/decisions', { as: 'sam' });
    expect(decisions.status).toBe(200);
    expect(
      decisions.body.items.map(
        (item: { templateId: string; state: string }) => `${item.templateId} ${item.state}`,
      ),
    ).toEqual(['welcome-sms Rejected', 'status-update-sms Approved']);
    expect(decisions.body.items[0].reviewComment).toBe('Keep the opt-out line');
    expect((await api.request('GET', '/reviews/decisions', { as: 'mia' })).body.items).toEqual([]);
  });

  it("turns a template's channel fallback on and off, for approvers only", async () => {
    const path = `${BASE}/status-update-email/channel-fallback`;
    expect((await api.request('PUT', path, { as: 'ava', body: { enabled: true } })).status).toBe(403);
    const on = await api.request('PUT', path, { as: 'liam', body: { enabled: true } });
    expect(on.status).toBe(200);
    expect(on.body.channelFallback).toBe(true);
    expect((await api.request('GET', `${BASE}/status-update-email`)).body.channelFallback).toBe(true);
    const off = await api.request('PUT', path, { as: 'liam', body: { enabled: false } });
    expect(off.body.channelFallback).toBeUndefined();
    expect((await api.request('PUT', path, { as: 'liam', body: { enabled: 'yes' } })).status).toBe(400);
    expect((await api.request('GET', `${BASE}/payment-reminder-email`)).body.channelFallback).toBe(true);
  });

  it('reports template errors at their line and column, on save and in the live preview', async () => {
    const content = 'Hello {{ customer.firstName }}\n{% if %}\n{{ customer.shoeSize }}';
    const saved = await api.request('POST', BASE, {
      body: {
        templateId: 'broken-sms',
        name: 'Broken',
        type: 'SMS',
        category: 'transactional',
        locale: 'en',
        content,
      },
    });
    expect(saved.status).toBe(400);
    expect(saved.body.errors[0]).toMatchObject({ path: 'content', code: 'invalid_template' });
    expect(saved.body.errors[0].message).toMatch(/^line 2, column \d+:/);

    const preview = await api.request('POST', `${BASE}/preview`, {
      body: { type: 'SMS', locale: 'en', content },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.ok).toBe(false);
    expect(preview.body.issues[0]).toMatchObject({ line: 2 });

    const good = await api.request('POST', `${BASE}/preview`, {
      body: { type: 'SMS', locale: 'en', content: 'Hi {{ customer.firstName }}', customerId: 'CU-3003' },
    });
    expect(good.body).toMatchObject({ ok: true, channel: 'SMS', sms: { text: 'Hi Omar', segments: 1 } });
  });

  it('lists the variables each trigger offers', async () => {
    const triggers = await api.request('GET', '/triggers');
    const stage = triggers.body.items.find(
      (trigger: { id: string }) => trigger.id === 'import-stage-changed.v1',
    );
    expect(stage).toMatchObject({ detailType: 'Import Stage Changed', hasVehicle: true });
    const paths = stage.variables.map((variable: { path: string }) => variable.path);
    expect(paths).toEqual(
      expect.arrayContaining(['customer.firstName', 'vehicle.description', 'event.toStage']),
    );
  });

  it('answers 404 for an unknown template or version, 409 for a taken id', async () => {
    expect((await api.request('GET', `${BASE}/no-such`)).status).toBe(404);
    expect((await api.request('GET', `${BASE}/welcome-email/versions/99`)).status).toBe(404);
    const taken = await api.request('POST', BASE, {
      body: {
        templateId: 'welcome-email',
        name: 'W',
        type: 'SMS',
        category: 'transactional',
        locale: 'en',
        content: 'Hi',
      },
    });
    expect(taken.status).toBe(409);
  });
});
