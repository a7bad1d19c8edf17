import { exampleOf } from '@import-comms/events';
import { type Harness, startHarness } from './support/harness.js';

let api: Harness;

beforeAll(async () => {
  // 02:00 UTC is 13:00 in Melbourne: outside the sample customer's quiet hours.
  api = await startHarness({ now: '2026-11-25T02:00:00.000Z', limits: { sendsPerMinute: 1_000 } });
});
afterAll(() => api.stop());

/** A message as the dispatcher and SES's bounce notification leave it. */
async function bounced(path: string, body: Record<string, unknown>): Promise<string> {
  const sent = await api.request('POST', `/communications/${path}`, { body });
  expect(sent.status).toBe(202);
  const id: string = sent.body.communicationId;
  expect((await api.deps.communications.claim(id, api.clock.now(), 60)).applied).toBe(true);
  const moved = await api.deps.communications.transition(id, {
    status: 'Bounced',
    at: api.clock.now(),
    reason: 'Permanent: General',
  });
  expect(moved.applied).toBe(true);
  return id;
}

const paymentDue = exampleOf('payment-due.v1').Detail as Record<string, unknown>;

describe('resending a message that did not arrive', () => {
  it('retries on its own channel to the corrected address, linked both ways, once per Idempotency-Key', async () => {
    const id = await bounced('send-email', {
      customerId: 'CU-3003',
      subject: 'Your paperwork',
      content: 'Hi Omar,\n\nThe import permit is attached.',
    });
    const contact = await api.deps.customers.getContact('CU-3003');
    await api.deps.customers.saveContact({
      ...(contact as NonNullable<typeof contact>),
      email: 'omar@haddad.example',
      asOf: '2026-11-25T01:00:00Z',
      updatedAt: '2026-11-25T01:00:00Z',
    });
    const request = { body: {}, headers: { 'idempotency-key': 'resend-omar-0001' } };
    const reply = await api.request('POST', `/communications/${id}/resend`, request);
    expect(reply.status).toBe(202);
    expect(reply.body).toMatchObject({ status: 'Pending', channel: 'Email' });
    const resend = await api.request('GET', `/communications/${reply.body.communicationId}`);
    expect(resend.body).toMatchObject({
      resentFrom: id,
      address: 'omar@haddad.example',
      subject: 'Your paperwork',
      content: 'Hi Omar,\n\nThe import permit is attached.',
      createdBy: 'ava',
    });
    expect(api.queue.enqueued.at(-1)).toEqual({
      communicationId: reply.body.communicationId,
      channel: 'Email',
    });

    const again = await api.request('POST', `/communications/${id}/resend`, request);
    expect(again.body.communicationId).toBe(reply.body.communicationId);
    const original = await api.request('GET', `/communications/${id}`);
    expect(original.body.resentAs).toEqual([reply.body.communicationId]);
    expect(original.body.status).toBe('Bounced');
  });

  it('sends a templated email by SMS instead: the SMS template of the same trigger, rendered from the same detail', async () => {
    const id = await bounced('send-email', {
      customerId: 'CU-2001',
      vehicleId: 'VH-1001',
      templateId: 'payment-reminder-email',
      variables: paymentDue,
    });
    const reply = await api.request('POST', `/communications/${id}/resend`, { body: { channel: 'SMS' } });
    expect(reply.status).toBe(202);
    expect(reply.body.channel).toBe('SMS');
    const sms = await api.request('GET', `/communications/${reply.body.communicationId}`);
    expect(sms.body).toMatchObject({
      type: 'SMS',
      templateId: 'payment-reminder-sms',
      address: '+61412345678',
      resentFrom: id,
      category: 'reminders',
    });
    // The amount and due date of the original event, not a sample's.
    expect(sms.body.content).toContain('18,450.50');
  });

  it('sends a free-form SMS by email instead, its first line as the subject', async () => {
    const id = await bounced('send-sms', {
      customerId: 'CU-2001',
      content: 'Your Land Cruiser is ready for pick-up on Friday.\nCall us to book a time.',
    });
    const reply = await api.request('POST', `/communications/${id}/resend`, { body: { channel: 'Email' } });
    expect(reply.status).toBe(202);
    const email = await api.request('GET', `/communications/${reply.body.communicationId}`);
    expect(email.body).toMatchObject({
      type: 'Email',
      subject: 'Your Land Cruiser is ready for pick-up on Friday.',
      address: 'aiko.tanaka@example.com',
    });
  });

  it('refuses what cannot be sent again, with the reason', async () => {
    const delivered = await api.request('POST', '/communications/send-email', {
      body: { customerId: 'CU-2001', subject: 'Hello', content: 'Hello' },
    });
    const notFailed = await api.request('POST', `/communications/${delivered.body.communicationId}/resend`, {
      body: {},
    });
    expect(notFailed.status).toBe(409);
    expect(notFailed.body.errors[0].message).toMatch(/is Pending: only Failed, Bounced, NotSent/);

    const call = await api.request('POST', '/communications', {
      body: { type: 'Call', direction: 'outbound', customerId: 'CU-2001', notes: 'Called' },
    });
    expect(
      (await api.request('POST', `/communications/${call.body.communicationId}/resend`, { body: {} })).status,
    ).toBe(409);

    const long = await bounced('send-email', {
      customerId: 'CU-2001',
      subject: 'Long',
      content: 'word '.repeat(400),
    });
    const tooLong = await api.request('POST', `/communications/${long}/resend`, { body: { channel: 'SMS' } });
    expect(tooLong.status).toBe(409);
    expect(tooLong.body.errors[0].message).toContain('too long for an SMS');

    expect((await api.request('POST', '/communications/nope/resend', { body: {} })).status).toBe(404);
    const wrongChannel = await api.request('POST', `/communications/${long}/resend`, {
      body: { channel: 'Fax' },
    });
    expect(wrongChannel.status).toBe(400);
    expect(wrongChannel.body.errors[0].path).toBe('channel');
  });

  it("applies the customer's preferences: a channel they turned off is refused with the reason", async () => {
    const id = await bounced('send-email', { customerId: 'CU-3003', subject: 'Hi', content: 'Hi Omar' });
    const stored = await api.deps.customers.getPreferences('CU-3003');
    await api.deps.customers.savePreferences(
      'CU-3003',
      {
        channels: ['Email'],
        channelOrder: ['Email', 'SMS'],
        delivery: 'all',
        optedOutCategories: ['marketing'],
        quietHours: null,
      },
      stored?.revision ?? 0,
      'ava',
      api.clock.now(),
    );
    const reply = await api.request('POST', `/communications/${id}/resend`, { body: { channel: 'SMS' } });
    expect(reply.status).toBe(409);
    expect(reply.body.errors[0].code).toBe('channel-disabled');
    expect((await api.request('GET', `/communications/${id}`)).body.resentAs).toBeUndefined();
  });
});
