import { DEFAULT_PREFERENCES } from '@import-comms/core';
import { type Harness, startHarness } from './support/harness.js';

let api: Harness;
// 12:00 UTC is 23:00 in Melbourne: inside the sample customer's SMS quiet hours, which end at 21:00 UTC.
const LATE_EVENING = '2026-11-25T12:00:00.000Z';
const QUIET_HOURS_END = '2026-11-25T21:00:00.000Z';

beforeAll(async () => {
  api = await startHarness({ now: LATE_EVENING, limits: { sendsPerMinute: 1_000 } });
});
afterAll(() => api.stop());
afterEach(() => api.clock.set(LATE_EVENING));

/** An SMS held by quiet hours, as a rep's late send leaves it. */
async function scheduledSms(content = 'Your car cleared customs'): Promise<string> {
  const reply = await api.request('POST', '/communications/send-sms', {
    body: { customerId: 'CU-2001', vehicleId: 'VH-1001', content },
  });
  expect(reply.body).toMatchObject({ status: 'Scheduled', scheduledFor: QUIET_HOURS_END });
  return reply.body.communicationId;
}

const dueIds = async (at: string) =>
  (await api.deps.communications.listDue(new Date(at), 500)).map((due) => due.communicationId);

describe('a Scheduled message says when and why it goes out', () => {
  it('records quiet hours as the reason', async () => {
    const id = await scheduledSms();
    const stored = await api.request('GET', `/communications/${id}`);
    expect(stored.body).toMatchObject({
      status: 'Scheduled',
      scheduledFor: QUIET_HOURS_END,
      scheduledReason: 'quiet-hours',
    });
  });
});

describe('rescheduling', () => {
  it('moves the message and its place in the sweeper’s queue, with who did it in the history', async () => {
    const id = await scheduledSms();
    const later = '2026-11-26T00:30:00.000Z';
    const reply = await api.request('POST', `/communications/${id}/reschedule`, {
      as: 'sam',
      body: { scheduledFor: '2026-11-26T11:30:00+11:00' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      status: 'Scheduled',
      scheduledFor: later,
      scheduledReason: 'rescheduled',
    });
    expect(reply.body.statusHistory.at(-1)).toEqual({
      status: 'Scheduled',
      at: LATE_EVENING,
      by: 'sam',
      reason: `rescheduled for ${later}`,
    });
    // Time passes: no longer due when quiet hours end, due at the new time.
    expect(await dueIds(QUIET_HOURS_END)).not.toContain(id);
    expect(await dueIds(later)).toContain(id);
  });

  it('refuses a time in the past, beyond 90 days, or not a time, naming the field', async () => {
    const id = await scheduledSms();
    for (const scheduledFor of ['2026-11-25T11:59:00Z', '2027-03-01T00:00:00Z', 'tomorrow', '']) {
      const reply = await api.request('POST', `/communications/${id}/reschedule`, { body: { scheduledFor } });
      expect(reply.status).toBe(400);
      expect(reply.body.errors[0]).toMatchObject({ path: 'scheduledFor' });
    }
    const unknownField = await api.request('POST', `/communications/${id}/reschedule`, {
      body: { scheduledFor: '2026-11-26T00:00:00Z', status: 'Sent' },
    });
    expect(unknownField.status).toBe(400);
    expect((await api.request('GET', `/communications/${id}`)).body.scheduledFor).toBe(QUIET_HOURS_END);
  });
});

describe('send now', () => {
  it('makes the message due at once and queues it; the dispatcher can claim it straight away', async () => {
    const id = await scheduledSms();
    const queued = api.queue.enqueued.length;
    const reply = await api.request('POST', `/communications/${id}/send-now`);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ status: 'Scheduled', scheduledFor: LATE_EVENING });
    expect(reply.body.statusHistory.at(-1)).toMatchObject({ by: 'ava', reason: 'sent now by a rep' });
    expect(api.queue.enqueued.slice(queued)).toEqual([{ communicationId: id, channel: 'SMS' }]);
    const claimed = await api.deps.communications.claim(id, api.clock.now(), 60);
    expect(claimed.applied).toBe(true);
    // Once claimed, it is no longer the rep's to move.
    const again = await api.request('POST', `/communications/${id}/send-now`);
    expect(again.status).toBe(409);
    expect(again.body.errors[0].message).toContain('Sending');
  });

  it("checks the customer's preferences again: an opt-out since it was scheduled refuses it", async () => {
    const id = await scheduledSms();
    const stored = await api.deps.customers.getPreferences('CU-2001');
    await api.deps.customers.savePreferences(
      'CU-2001',
      { ...(stored?.preferences ?? DEFAULT_PREFERENCES), channels: ['Email'] },
      stored?.revision ?? 0,
      'ava',
      api.clock.now(),
    );
    try {
      const queued = api.queue.enqueued.length;
      const reply = await api.request('POST', `/communications/${id}/send-now`);
      expect(reply.status).toBe(409);
      expect(reply.body.errors[0]).toMatchObject({ code: 'channel-disabled' });
      expect(api.queue.enqueued.length).toBe(queued);
      expect((await api.request('GET', `/communications/${id}`)).body.scheduledFor).toBe(QUIET_HOURS_END);
    } finally {
      const current = await api.deps.customers.getPreferences('CU-2001');
      await api.deps.customers.savePreferences(
        'CU-2001',
        DEFAULT_PREFERENCES,
        current?.revision ?? 0,
        'ava',
        api.clock.now(),
      );
    }
  });
});

describe('cancel', () => {
  it('cancels for good: recorded with who did it, never due, and nothing else can be done to it', async () => {
    const id = await scheduledSms();
    const reply = await api.request('POST', `/communications/${id}/cancel`, { as: 'sam' });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('Cancelled');
    expect(reply.body.statusHistory.at(-1)).toMatchObject({ status: 'Cancelled', by: 'sam' });
    api.clock.set('2026-11-26T00:00:00.000Z');
    expect(await dueIds('2026-11-26T00:00:00.000Z')).not.toContain(id);
    expect((await api.deps.communications.claim(id, api.clock.now(), 60)).applied).toBe(false);
    for (const action of ['cancel', 'send-now']) {
      const again = await api.request('POST', `/communications/${id}/${action}`);
      expect(again.status).toBe(409);
      expect(again.body.errors[0].message).toMatch(/is Cancelled/);
    }
    const moved = await api.request('POST', `/communications/${id}/reschedule`, {
      body: { scheduledFor: '2026-11-27T00:00:00Z' },
    });
    expect(moved.status).toBe(409);
  });

  it('a cancel racing the dispatchers never sends: exactly one of them wins each message', async () => {
    const ids: string[] = [];
    for (let index = 0; index < 12; index++) ids.push(await scheduledSms(`Race ${index}`));
    api.clock.set('2026-11-25T21:00:01.000Z'); // due: the sweeper has queued them, reps press Cancel
    const outcomes = await Promise.all(
      ids.map(async (id) => {
        const [cancel, first, second] = await Promise.all([
          api.request('POST', `/communications/${id}/cancel`),
          api.deps.communications.claim(id, api.clock.now(), 60),
          api.deps.communications.claim(id, api.clock.now(), 60),
        ]);
        return {
          id,
          cancelled: cancel.status === 200,
          claims: [first, second].filter((c) => c.applied).length,
        };
      }),
    );
    for (const outcome of outcomes) {
      // Cancelled and never claimed, or claimed by one dispatcher and the cancel refused.
      expect(outcome.cancelled ? outcome.claims : outcome.claims - 1).toBe(0);
      const stored = await api.request('GET', `/communications/${outcome.id}`);
      expect(stored.body.status).toBe(outcome.cancelled ? 'Cancelled' : 'Sending');
    }
  });

  it('answers 404 for an unknown message and 403 without the agent role', async () => {
    expect((await api.request('POST', '/communications/nope/cancel')).status).toBe(404);
    const id = await scheduledSms();
    expect((await api.request('POST', `/communications/${id}/cancel`, { as: 'nobody' })).status).toBe(403);
  });
});
