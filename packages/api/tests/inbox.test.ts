import {
  type InboundMessage,
  inboundCommunication,
  inboundIdFor,
  newInboxEntry,
  SAMPLE_CUSTOMER,
} from '@import-comms/core';
import { type Harness, mailBucket, startHarness } from './support/harness.js';

let api: Harness;
const NOW = '2026-11-25T02:00:00.000Z';

beforeAll(async () => {
  api = await startHarness({ now: NOW });
});
afterAll(() => api.stop());

let sequence = 0;
/** A message as the inbound service leaves it: stored, on the timeline when matched, in the Inbox. */
async function received(
  options: {
    customer?: boolean;
    assignee?: string;
    channel?: 'Email' | 'SMS';
    text?: string;
    kind?: InboundMessage['kind'];
  } = {},
): Promise<string> {
  sequence += 1;
  const channel = options.channel ?? 'Email';
  const inboundId = inboundIdFor(channel, `m${sequence}-${Date.now()}@mail.example`);
  const message: InboundMessage = {
    inboundId,
    channel,
    receivedAt: new Date(Date.parse(NOW) - sequence * 1000).toISOString(),
    from: channel === 'Email' ? SAMPLE_CUSTOMER.email : SAMPLE_CUSTOMER.phone,
    to: 'reply+x@reply.harbourline.example',
    ...(channel === 'Email' ? { subject: 'Your car has shipped' } : {}),
    text: `${options.text ?? 'When does it arrive?'}\n\n> quoted`,
    reply: options.text ?? 'When does it arrive?',
    html: '<p>When does it arrive?</p>',
    attachments: [
      {
        attachmentId: '1',
        filename: 'licence scan.pdf',
        contentType: 'application/pdf',
        size: 8,
        key: `attachments/${inboundId}/1`,
      },
      {
        attachmentId: '2',
        filename: 'run.exe',
        contentType: 'application/x-msdownload',
        size: 2,
        refused: 'type application/x-msdownload is not accepted',
      },
    ],
    kind: options.kind ?? 'reply',
    raw: { bucket: 'mail', key: `inbound/${inboundId}` },
    messageId: `m${sequence}@mail.example`,
  };
  mailBucket.set(`mail/attachments/${inboundId}/1`, Buffer.from('%PDF-1.4'));
  mailBucket.set(`mail/inbound/${inboundId}`, Buffer.from('From: aiko\r\n\r\nWhen does it arrive?'));
  const inbound = api.deps.inbound;
  if (!inbound) throw new Error('the harness has no inbound store');
  await inbound.save(message);
  let placed = message;
  if (options.customer !== false) {
    const match = {
      customerId: SAMPLE_CUSTOMER.customerId,
      customerName: 'Aiko Tanaka',
      by: 'sender' as const,
    };
    const communication = inboundCommunication(message, match, new Date(NOW));
    await api.deps.communications.create(communication);
    await inbound.recordMatch(inboundId, match, communication.communicationId);
    placed = { ...message, match, communicationId: communication.communicationId };
  }
  await inbound.addToInbox(newInboxEntry(placed, options.assignee));
  return inboundId;
}

describe('the Inbox', () => {
  it('lists a rep’s messages, the team’s and the unmatched ones, with unread counts', async () => {
    const mine = await received({ assignee: 'ava' });
    const team = await received();
    const unmatched = await received({ customer: false });
    const list = (view: string) => api.request('GET', `/inbox?view=${view}`, { as: 'ava' });

    const ava = await list('mine');
    expect(ava.status).toBe(200);
    expect(ava.body.items.map((entry: { inboundId: string }) => entry.inboundId)).toContain(mine);
    expect(ava.body.counts.mine).toBeGreaterThanOrEqual(1);
    expect((await list('team')).body.items.map((entry: { inboundId: string }) => entry.inboundId)).toContain(
      team,
    );
    expect(
      (await list('unmatched')).body.items.map((entry: { inboundId: string }) => entry.inboundId),
    ).toContain(unmatched);
    expect((await api.request('GET', '/inbox?view=mine', { as: 'sam' })).body.items).not.toContainEqual(
      expect.objectContaining({ inboundId: mine }),
    );
    expect((await api.request('GET', '/inbox', { as: 'nobody' })).status).toBe(403);
    expect((await api.request('GET', '/inbox?view=everyone', { as: 'ava' })).body.errors[0].path).toBe(
      'view',
    );
  });

  it('marks read and done (done leaves the list), once however often it is asked', async () => {
    const id = await received({ assignee: 'sam' });
    const read = await api.request('POST', `/inbox/${id}/read`, { as: 'sam' });
    expect(read.body).toMatchObject({ state: 'read', version: 2 });
    expect((await api.request('POST', `/inbox/${id}/read`, { as: 'sam' })).body.version).toBe(2);
    expect((await api.request('POST', `/inbox/${id}/done`, { as: 'sam' })).body.state).toBe('done');
    const list = await api.request('GET', '/inbox?view=mine', { as: 'sam' });
    expect(list.body.items.map((entry: { inboundId: string }) => entry.inboundId)).not.toContain(id);
    expect((await api.request('POST', `/inbox/${id}/reopen`, { as: 'sam' })).body.state).toBe('read');
  });

  it('hands a message to another rep, never to someone off the team', async () => {
    const id = await received();
    const handed = await api.request('POST', `/inbox/${id}/assign`, { as: 'sam', body: { assignee: 'ava' } });
    expect(handed.body).toMatchObject({
      assignee: 'ava',
      history: expect.arrayContaining([
        expect.objectContaining({ action: 'assigned', by: 'sam', to: 'ava' }),
      ]),
    });
    const inactive = await api.request('POST', `/inbox/${id}/assign`, {
      as: 'sam',
      body: { assignee: 'mia' },
    });
    expect(inactive.status).toBe(400);
    expect(inactive.body.errors[0]).toMatchObject({ path: 'assignee' });
    const back = await api.request('POST', `/inbox/${id}/assign`, { as: 'sam', body: { assignee: null } });
    expect(back.body.assignee).toBeUndefined();
  });

  it('two reps changing one message at once: both land, in order, none lost', async () => {
    const id = await received();
    const answers = await Promise.all([
      api.request('POST', `/inbox/${id}/assign`, { as: 'sam', body: { assignee: 'sam' } }),
      api.request('POST', `/inbox/${id}/assign`, { as: 'ava', body: { assignee: 'ava' } }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual(expect.arrayContaining([200]));
    for (const answer of answers) expect([200, 409]).toContain(answer.status);
    const whole = await api.request('GET', `/inbox/${id}`, { as: 'sam' });
    const assigned = whole.body.entry.history.filter(
      (change: { action: string }) => change.action === 'assigned',
    );
    expect(assigned).toHaveLength(answers.filter((answer) => answer.status === 200).length);
  });

  it('shows the whole message — text, sanitised HTML, files — and gives files only as downloads', async () => {
    const id = await received();
    const whole = await api.request('GET', `/inbox/${id}`, { as: 'ava' });
    expect(whole.body.message).toMatchObject({
      text: expect.stringContaining('> quoted'),
      reply: 'When does it arrive?',
      hasRaw: true,
      attachments: [
        expect.objectContaining({ filename: 'licence scan.pdf', stored: true }),
        expect.objectContaining({ filename: 'run.exe', stored: false, refused: expect.any(String) }),
      ],
    });
    expect(whole.body.message.attachments[0].key).toBeUndefined();
    const file = await fetch(`${api.baseUrl}/api/inbox/${id}/attachments/1`, {
      headers: { authorization: `Bearer ${await api.token('ava')}` },
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect(file.headers.get('content-disposition')).toContain("filename*=UTF-8''licence%20scan.pdf");
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe('%PDF-1.4');
    expect((await api.request('GET', `/inbox/${id}/attachments/2`, { as: 'ava' })).status).toBe(404);
    const raw = await fetch(`${api.baseUrl}/api/inbox/${id}/raw`, {
      headers: { authorization: `Bearer ${await api.token('ava')}` },
    });
    expect(raw.headers.get('content-type')).toBe('message/rfc822');
    expect((await api.request('GET', '/inbox/../../etc', { as: 'ava' })).status).toBeGreaterThanOrEqual(400);
    expect((await api.request('GET', `/inbox/${'x'.repeat(65)}`, { as: 'ava' })).status).toBe(400);
  });

  it('places an unmatched message with a customer: on their timeline, on the placing rep’s list', async () => {
    const id = await received({ customer: false });
    const placed = await api.request('POST', `/inbox/${id}/customer`, {
      as: 'ava',
      body: { customerId: 'CU-3003', vehicleId: 'VH-3003' },
    });
    expect(placed.body).toMatchObject({
      customerId: 'CU-3003',
      customerName: 'Omar Haddad',
      assignee: 'ava',
    });
    const timeline = await api.request('GET', '/customers/CU-3003/communications', { as: 'ava' });
    expect(timeline.body.items[0]).toMatchObject({
      communicationId: id,
      direction: 'inbound',
      vehicleId: 'VH-3003',
    });
    expect(
      (await api.request('POST', `/inbox/${id}/customer`, { as: 'ava', body: { customerId: 'CU-2001' } }))
        .status,
    ).toBe(409);
    const other = await received({ customer: false });
    expect(
      (await api.request('POST', `/inbox/${other}/customer`, { as: 'ava', body: { customerId: 'CU-404' } }))
        .status,
    ).toBe(404);
  });

  it('a STOP from a number no customer had turns SMS off once a rep places it with the customer', async () => {
    const id = await received({ customer: false, channel: 'SMS', text: 'STOP', kind: 'opt-out' });
    const placed = await api.request('POST', `/inbox/${id}/customer`, {
      as: 'sam',
      body: { customerId: 'CU-3003' },
    });
    expect(placed.status).toBe(200);
    const preferences = await api.deps.customers.getPreferences('CU-3003');
    expect(preferences).toMatchObject({
      updatedBy: 'customer:sms',
      preferences: { optedOutChannels: ['SMS'] },
    });
  });

  it('replies on the customer’s channel in the same conversation, once per Idempotency-Key, then it is done', async () => {
    const id = await received({ assignee: 'ava' });
    const reply = (key: string) =>
      api.request('POST', `/inbox/${id}/reply`, {
        as: 'ava',
        headers: { 'idempotency-key': key },
        body: { content: 'It arrives on the 14th.' },
      });
    const first = await reply('inbox-reply-0001');
    const again = await reply('inbox-reply-0001');
    expect(first.status).toBe(202);
    expect(again.body.communicationId).toBe(first.body.communicationId);
    const sent = await api.deps.communications.get(first.body.communicationId);
    expect(sent).toMatchObject({
      type: 'Email',
      direction: 'outbound',
      subject: 'Re: Your car has shipped',
      repliesTo: id,
      threadId: id,
      answersMessageId: expect.stringMatching(/@mail\.example$/),
      createdBy: 'ava',
    });
    expect((await api.request('GET', `/inbox/${id}`, { as: 'ava' })).body.entry.state).toBe('done');
    const empty = await api.request('POST', `/inbox/${id}/reply`, { as: 'ava', body: { content: '   ' } });
    expect(empty.status).toBe(400);
    const unmatched = await received({ customer: false });
    expect(
      (await api.request('POST', `/inbox/${unmatched}/reply`, { as: 'ava', body: { content: 'Hi' } })).status,
    ).toBe(409);
  });

  it('an SMS reply goes back as an SMS, refused with the reason when the customer texted STOP', async () => {
    const id = await received({ channel: 'SMS', assignee: 'ava' });
    const stored = await api.deps.customers.getPreferences(SAMPLE_CUSTOMER.customerId);
    const before = stored?.preferences;
    const base = before ?? {
      channels: ['Email', 'SMS'] as ('Email' | 'SMS')[],
      channelOrder: ['Email', 'SMS'] as ('Email' | 'SMS')[],
      delivery: 'all' as const,
      optedOutCategories: [],
      quietHours: null,
    };
    await api.deps.customers.savePreferences(
      SAMPLE_CUSTOMER.customerId,
      { ...base, quietHours: null, optedOutChannels: ['SMS'] },
      stored?.revision ?? 0,
      'customer:sms',
      new Date(NOW),
    );
    const refused = await api.request('POST', `/inbox/${id}/reply`, {
      as: 'ava',
      body: { content: 'Noted' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0]).toMatchObject({ code: 'opted-out' });
    const current = await api.deps.customers.getPreferences(SAMPLE_CUSTOMER.customerId);
    await api.deps.customers.savePreferences(
      SAMPLE_CUSTOMER.customerId,
      { ...base, quietHours: null },
      current?.revision ?? 0,
      'customer:sms',
      new Date(NOW),
    );
    const sent = await api.request('POST', `/inbox/${id}/reply`, { as: 'ava', body: { content: 'Noted' } });
    expect(sent.status).toBe(202);
    expect((await api.deps.communications.get(sent.body.communicationId))?.type).toBe('SMS');
  });
});
