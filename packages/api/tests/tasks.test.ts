import { type Harness, startHarness } from './support/harness.js';

let api: Harness;
const NOW = '2026-11-25T02:00:00.000Z';

beforeAll(async () => {
  api = await startHarness({ now: NOW });
});
afterAll(() => api.stop());
afterEach(() => api.clock.set(NOW));

const logCall = (body: Record<string, unknown>, as = 'sam', headers: Record<string, string> = {}) =>
  api.request('POST', '/communications', {
    as,
    headers,
    body: { type: 'Call', direction: 'outbound', customerId: 'CU-2001', vehicleId: 'VH-1001', ...body },
  });

describe('calls and meetings as reps log them', () => {
  it('takes an outcome from the fixed list of its kind, and when it happened (not in the future)', async () => {
    const call = await logCall({
      notes: 'Voicemail',
      outcome: 'left-voicemail',
      occurredAt: '2026-11-24T23:30:00Z',
    });
    expect(call.status).toBe(201);
    expect(call.body).toMatchObject({
      interaction: { outcome: 'left-voicemail' },
      createdAt: '2026-11-24T23:30:00.000Z',
    });

    const meetingOutcomeOnCall = await logCall({ notes: 'x', outcome: 'no-show' });
    expect(meetingOutcomeOnCall.status).toBe(400);
    expect(meetingOutcomeOnCall.body.errors[0].path).toBe('outcome');
    const meeting = await api.request('POST', '/communications', {
      body: {
        type: 'Meeting',
        direction: 'inbound',
        customerId: 'CU-2001',
        notes: 'Came by',
        outcome: 'no-show',
      },
    });
    expect(meeting.status).toBe(201);

    const future = await logCall({ notes: 'Tomorrow', occurredAt: '2026-11-26T02:00:00Z' });
    expect(future.status).toBe(400);
    expect(future.body.errors[0]).toMatchObject({ path: 'occurredAt' });
  });
});

describe('follow-up tasks', () => {
  it('a logged call opens a follow-up on the logger’s list, once however often the request is retried', async () => {
    const request = {
      notes: 'Asked about the delivery day',
      outcome: 'connected',
      followUp: { dueAt: '2026-11-26T09:00:00+11:00', note: 'Confirm Saturday' },
    };
    const first = await logCall(request, 'sam', { 'idempotency-key': 'call-followup-0001' });
    const again = await logCall(request, 'sam', { 'idempotency-key': 'call-followup-0001' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);

    const mine = await api.request('GET', '/tasks', { as: 'sam' });
    expect(mine.status).toBe(200);
    const followUps = mine.body.items.filter(
      (task: { source?: { communicationId?: string } }) =>
        task.source?.communicationId === first.body.communicationId,
    );
    expect(followUps).toHaveLength(1);
    expect(followUps[0]).toMatchObject({
      title: 'Follow up the call with Aiko Tanaka',
      note: 'Confirm Saturday',
      assignee: 'sam',
      dueAt: '2026-11-25T22:00:00.000Z',
      customerName: 'Aiko Tanaka',
      vehicleLabel: '2021 Toyota Land Cruiser 70',
      status: 'Open',
      createdBy: 'sam',
    });
  });

  it('lists open tasks soonest first; complete, snooze and reassign each land in the history with who did it', async () => {
    const open = async (title: string, dueAt: string) =>
      (
        await api.request('POST', '/tasks', {
          as: 'mia',
          body: { customerId: 'CU-3003', title, dueAt, assignee: 'noor' },
        })
      ).body;
    const later = await open('Send the compliance plate photos', '2026-11-28T00:00:00Z');
    const sooner = await open('Call about the deposit', '2026-11-25T01:00:00Z');
    expect(later).toMatchObject({
      assignee: 'noor',
      createdBy: 'mia',
      customerName: 'Omar Haddad',
      status: 'Open',
    });

    const list = await api.request('GET', '/tasks?assignee=noor', { as: 'ava' });
    expect(list.body.items.map((task: { taskId: string }) => task.taskId)).toEqual([
      sooner.taskId,
      later.taskId,
    ]);

    const snoozed = await api.request('POST', `/tasks/${sooner.taskId}/snooze`, {
      as: 'noor',
      body: { until: '2026-11-29T00:00:00Z' },
    });
    expect(snoozed.status).toBe(200);
    expect(snoozed.body.dueAt).toBe('2026-11-29T00:00:00.000Z');
    const reassigned = await api.request('POST', `/tasks/${later.taskId}/reassign`, {
      as: 'noor',
      body: { assignee: 'ava' },
    });
    expect(reassigned.body.assignee).toBe('ava');
    api.clock.set('2026-11-25T03:00:00.000Z');
    const done = await api.request('POST', `/tasks/${sooner.taskId}/complete`, { as: 'noor' });
    expect(done.body).toMatchObject({
      status: 'Done',
      completedBy: 'noor',
      completedAt: '2026-11-25T03:00:00.000Z',
    });
    expect(
      done.body.history.map((event: { action: string; by: string }) => `${event.action} by ${event.by}`),
    ).toEqual(['created by mia', 'snoozed by noor', 'completed by noor']);
    expect((await api.request('GET', '/tasks?assignee=noor')).body.items).toEqual([]);
    expect((await api.request('GET', '/tasks?assignee=noor&status=Done')).body.items[0].taskId).toBe(
      sooner.taskId,
    );
    expect(
      (await api.request('GET', '/tasks?assignee=ava')).body.items.map((t: { taskId: string }) => t.taskId),
    ).toContain(later.taskId);

    // Done is done: no second complete, no snooze; reopen brings it back.
    expect((await api.request('POST', `/tasks/${sooner.taskId}/complete`)).status).toBe(409);
    expect(
      (
        await api.request('POST', `/tasks/${sooner.taskId}/snooze`, {
          body: { until: '2026-12-01T00:00:00Z' },
        })
      ).status,
    ).toBe(409);
    expect((await api.request('POST', `/tasks/${sooner.taskId}/reopen`)).body.status).toBe('Open');

    const forCustomer = await api.request('GET', '/tasks?customerId=CU-3003');
    expect(forCustomer.body.items.map((task: { taskId: string }) => task.taskId).sort()).toEqual(
      [sooner.taskId, later.taskId].sort(),
    );
  });

  it('refuses bad input field by field, unknown records, and people without the agent role', async () => {
    const bad = await api.request('POST', '/tasks', {
      body: { customerId: 'CU-2001', title: '', dueAt: 'soon', assignee: 'has space', extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(
      expect.arrayContaining(['assignee', 'dueAt', 'title']),
    );
    const unknown = await api.request('POST', '/tasks', {
      body: { customerId: 'CU-9999', title: 'x', dueAt: '2026-11-26T00:00:00Z' },
    });
    expect(unknown.status).toBe(404);
    const othersCall = await logCall({ notes: 'x' });
    const wrongCustomer = await api.request('POST', '/tasks', {
      body: {
        customerId: 'CU-3003',
        title: 'x',
        dueAt: '2026-11-26T00:00:00Z',
        communicationId: othersCall.body.communicationId,
      },
    });
    expect(wrongCustomer.status).toBe(400);
    expect(wrongCustomer.body.errors[0].path).toBe('communicationId');
    expect((await api.request('GET', '/tasks/nope')).status).toBe(404);
    expect((await api.request('GET', '/tasks', { as: 'nobody' })).status).toBe(403);
    const twoFilters = await api.request('GET', '/tasks?customerId=CU-2001&vehicleId=VH-1001');
    expect(twoFilters.status).toBe(400);
    const past = await api.request('POST', '/tasks', {
      body: { customerId: 'CU-2001', title: 'x', dueAt: '2026-11-26T00:00:00Z' },
    });
    const snoozeToPast = await api.request('POST', `/tasks/${past.body.taskId}/snooze`, {
      body: { until: '2026-11-24T00:00:00Z' },
    });
    expect(snoozeToPast.status).toBe(400);
    expect(snoozeToPast.body.errors[0].path).toBe('until');
  });

  it('two reps changing one task at once: both land in some order, or one is told to reload', async () => {
    const task = (
      await api.request('POST', '/tasks', {
        body: { customerId: 'CU-2001', title: 'Race', dueAt: '2026-11-26T00:00:00Z' },
      })
    ).body;
    const [complete, reassign] = await Promise.all([
      api.request('POST', `/tasks/${task.taskId}/complete`, { as: 'ava' }),
      api.request('POST', `/tasks/${task.taskId}/reassign`, { as: 'sam', body: { assignee: 'sam' } }),
    ]);
    const stored = (await api.request('GET', `/tasks/${task.taskId}`)).body;
    const applied = [complete, reassign].filter((reply) => reply.status === 200).length;
    expect(stored.version).toBe(1 + applied);
    expect(stored.history).toHaveLength(1 + applied);
    for (const reply of [complete, reassign]) expect([200, 409]).toContain(reply.status);
  });
});

describe('silence watch settings', () => {
  it('are read by reps and changed by admins only, against the version read', async () => {
    const read = await api.request('GET', '/settings/silence-watch');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ limitsDays: { SHIPPED: 10, CUSTOMS_CLEARANCE: 3 }, version: 0 });

    const change = { limitsDays: { SHIPPED: 12 }, fallbackAssignee: 'noor', version: 0 };
    expect((await api.request('PUT', '/settings/silence-watch', { body: change })).status).toBe(403);
    const saved = await api.request('PUT', '/settings/silence-watch', { as: 'noor', body: change });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ limitsDays: { SHIPPED: 12 }, version: 1, updatedBy: 'noor' });
    expect((await api.request('GET', '/settings/silence-watch')).body.limitsDays).toEqual({ SHIPPED: 12 });

    const stale = await api.request('PUT', '/settings/silence-watch', { as: 'noor', body: change });
    expect(stale.status).toBe(409);
    const bad = await api.request('PUT', '/settings/silence-watch', {
      as: 'noor',
      body: { limitsDays: { AT_SEA: 3, SHIPPED: 0 }, fallbackAssignee: '', version: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { path: string }) => error.path)).toEqual(
      expect.arrayContaining(['fallbackAssignee']),
    );
  });
});
