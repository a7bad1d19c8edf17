import { inboundIdFor } from '@import-comms/core';
import nodemailer from 'nodemailer';
import { type RuntimeProcess, startRuntimeProcess, until } from './support/runtime-process.js';

let runtime: RuntimeProcess;
let app: string;
let token: string;
let smtp: nodemailer.Transporter;

const REPLY_DOMAIN = 'reply.harbourline.example';

beforeAll(async () => {
  runtime = await startRuntimeProcess();
  app = runtime.endpoint('IMPORT_COMMS_APP_PORT');
  const signIn = await fetch(`${app}/auth/local/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'ava' }),
  });
  token = ((await signIn.json()) as { accessToken: string }).accessToken;
  // Any SMTP client can reply: this is the one most Node programs use, over plain SMTP as to an MX.
  smtp = nodemailer.createTransport({
    host: '127.0.0.1',
    port: Number(runtime.ports.IMPORT_COMMS_SMTP_PORT),
    secure: false,
    ignoreTLS: true,
  });
}, 90_000);

afterAll(async () => {
  smtp?.close();
  await runtime?.stop();
});

/** An API answer, inspected field by field. */
// biome-ignore lint/suspicious/noExplicitAny: answers are inspected field by field
type Answer = { status: number; body: any };

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const response = await fetch(`${app}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** A rep's email to the customer as SES received it: its reply address and SES's id. */
async function sentEmail(): Promise<{ communicationId: string; replyTo: string; providerMessageId: string }> {
  const sent = await call(
    'POST',
    '/communications/send-email',
    {
      customerId: 'CU-2001',
      vehicleId: 'VH-1001',
      category: 'transactional',
      subject: 'Your licence copy',
      content: 'Could you send a copy of your licence?',
    },
    { 'idempotency-key': `inbound-e2e-${Date.now()}-${Math.random()}` },
  );
  expect(sent.status).toBe(202);
  const communicationId = sent.body.communicationId as string;
  const providerMessageId = await until(
    async () =>
      (await call('GET', `/communications/${communicationId}`)).body.providerMessageId as string | undefined,
    'the email handed to SES',
    30_000,
    () => runtime.output(),
  );
  const store = (await (await fetch(`${runtime.endpoint('IMPORT_COMMS_SES_PORT')}/store`)).json()) as {
    emails: { messageId: string; replyTo?: string[] }[];
  };
  const replyTo = store.emails.find((email) => email.messageId === providerMessageId)?.replyTo?.[0] ?? '';
  return { communicationId, replyTo, providerMessageId };
}

/**
 * A received message as a rep opens it. It is stored first and placed after, so by default this waits for its
 * Inbox entry, the last thing written; an automatic answer never gets one.
 */
const inboxMessage = (messageId: string, { listed = true } = {}) =>
  until(
    async () => {
      const answer = await call('GET', `/inbox/${inboundIdFor('Email', messageId)}`);
      return answer.status === 200 && (!listed || answer.body.entry) ? answer.body : undefined;
    },
    `message ${messageId} received`,
    30_000,
    () => runtime.output(),
  );

describe('customer replies over real SMTP', () => {
  it('a reply threads to the message it answers, with its attachment stored and listed, on the sender’s list', async () => {
    const ours = await sentEmail();
    expect(ours.replyTo).toMatch(new RegExp(`^reply\\+[a-z2-7]{42}@${REPLY_DOMAIN.replaceAll('.', '\\.')}$`));
    const messageId = `e2e-reply-${Date.now()}@mail.example`;
    await smtp.sendMail({
      from: 'Aiko Tanaka <aiko.tanaka@example.com>',
      to: ours.replyTo,
      subject: 'Re: Your licence copy',
      messageId: `<${messageId}>`,
      text: 'Here it is.\n\nOn Tue, Harbourline wrote:\n> Could you send a copy of your licence?',
      attachments: [
        { filename: 'licence.pdf', content: Buffer.from('%PDF-1.4 licence'), contentType: 'application/pdf' },
      ],
    });
    const received = await inboxMessage(messageId);
    expect(received.message).toMatchObject({
      reply: 'Here it is.',
      repliesTo: ours.communicationId,
      matchedBy: 'reply-address',
    });
    expect(received.entry).toMatchObject({ assignee: 'ava', customerId: 'CU-2001', state: 'unread' });
    const timeline = await call('GET', '/customers/CU-2001/communications?limit=5');
    expect(timeline.body.items[0]).toMatchObject({
      direction: 'inbound',
      repliesTo: ours.communicationId,
      preview: 'Here it is.',
    });
    const file = await fetch(`${app}/api/inbox/${received.message.inboundId}/attachments/1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(Buffer.from(await file.arrayBuffer()).toString()).toBe('%PDF-1.4 licence');

    // Ava answers inline: the answer goes out through SES in the same conversation, its headers threading it.
    const answer = await call(
      'POST',
      `/inbox/${received.message.inboundId}/reply`,
      { content: 'Thank you, received.' },
      { 'idempotency-key': `answer-${messageId}` },
    );
    expect(answer.status).toBe(202);
    const answered = await until(
      async () => {
        const stored = (await call('GET', `/communications/${answer.body.communicationId}`)).body;
        return stored.providerMessageId ? stored : undefined;
      },
      'the answer sent',
      30_000,
    );
    expect(answered).toMatchObject({
      subject: 'Re: Your licence copy',
      repliesTo: received.message.inboundId,
      threadId: ours.communicationId,
    });
  });

  it('an unknown sender lands in Unmatched; mail for another domain is refused at the door', async () => {
    const messageId = `e2e-stranger-${Date.now()}@nowhere.example`;
    await smtp.sendMail({
      from: 'stranger@nowhere.example',
      to: `hello@${REPLY_DOMAIN}`,
      subject: 'Boats?',
      text: 'Do you import boats?',
      messageId: `<${messageId}>`,
    });
    const received = await inboxMessage(messageId);
    expect(received.entry.customerId).toBeUndefined();
    const unmatched = await call('GET', '/inbox?view=unmatched');
    expect(unmatched.body.items.map((entry: { inboundId: string }) => entry.inboundId)).toContain(
      received.message.inboundId,
    );
    await expect(
      smtp.sendMail({ from: 'x@y.example', to: 'someone@elsewhere.example', text: 'hi' }),
    ).rejects.toMatchObject({ responseCode: 550 });
  });

  it('an out-of-office answer is kept but is not a customer reply', async () => {
    const ours = await sentEmail();
    const messageId = `e2e-ooo-${Date.now()}@mail.example`;
    await smtp.sendMail({
      from: 'aiko.tanaka@example.com',
      to: ours.replyTo,
      subject: 'Automatic reply: Your licence copy',
      headers: { 'Auto-Submitted': 'auto-replied' },
      messageId: `<${messageId}>`,
      text: 'I am away until Monday.',
    });
    const received = await inboxMessage(messageId, { listed: false });
    expect(received.message.kind).toBe('auto-reply');
    expect(received.entry).toBeUndefined();
    expect((await call('GET', `/communications/${received.message.inboundId}`)).status).toBe(404);
  });

  it('a message that is not mail is kept, flagged and listed for a rep, not lost and not retried forever', async () => {
    const before = (await call('GET', '/inbox?view=unmatched&limit=100')).body.items.length as number;
    await smtp.sendMail({
      envelope: { from: 'odd@nowhere.example', to: [`hello@${REPLY_DOMAIN}`] },
      raw: '\u0001\u0002 this is not an email',
    });
    await until(
      async () =>
        ((await call('GET', '/inbox?view=unmatched&limit=100')).body.items.length as number) > before,
      'the odd message listed',
      30_000,
      () => runtime.output(),
    );
    const [newest] = (await call('GET', '/inbox?view=unmatched&limit=1')).body.items as {
      inboundId: string;
    }[];
    const odd = await call('GET', `/inbox/${newest?.inboundId}`);
    expect(odd.body.message).toMatchObject({
      malformed: expect.stringContaining('no mail headers'),
      hasRaw: true,
    });
    const raw = await fetch(`${app}/api/inbox/${newest?.inboundId}/raw`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await raw.text()).toContain('this is not an email');
  });
});

describe('customer texts to the two-way number', () => {
  const text = (body: string) =>
    fetch(`${runtime.endpoint('IMPORT_COMMS_SNS_PORT')}/sms/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ originationNumber: '+61412345678', messageBody: body }),
    });
  const smsSend = (content: string) =>
    call(
      'POST',
      '/communications/send-sms',
      { customerId: 'CU-2001', category: 'transactional', content },
      { 'idempotency-key': `sms-${Date.now()}-${Math.random()}` },
    );
  const captured = async () =>
    (
      (await (await fetch(`${runtime.endpoint('IMPORT_COMMS_SNS_PORT')}/sms`)).json()) as {
        message: string;
      }[]
    ).map((sms) => sms.message);

  it('STOP turns SMS off (a rep’s send refused with the reason), START on again, HELP is answered, words land on the timeline', async () => {
    expect((await text('STOP')).status).toBe(202);
    await until(
      async () =>
        (await call('GET', '/customers/CU-2001/preferences')).body.preferences.optedOutChannels?.includes(
          'SMS',
        ),
      'SMS consent off',
      30_000,
      () => runtime.output(),
    );
    const history = await call('GET', '/customers/CU-2001/preferences/history');
    expect(history.body.items[0].updatedBy).toBe('customer:sms');
    const refused = await smsSend('Your car is ready.');
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].code).toBe('opted-out');
    expect(await captured()).toContain(
      'Harbourline Vehicle Imports: you will get no more texts from us. Reply START to receive them again.',
    );

    await text('start');
    await until(
      async () => !(await call('GET', '/customers/CU-2001/preferences')).body.preferences.optedOutChannels,
      'SMS consent on again',
      30_000,
    );
    expect((await smsSend('Your car is ready.')).status).toBe(202);

    await text('HELP');
    await until(
      async () => (await captured()).some((sms) => sms.includes('for help call')),
      'HELP answered',
      10_000,
    );

    await text('Can I pick it up on Saturday?');
    await until(
      async () =>
        (await call('GET', '/customers/CU-2001/communications?type=SMS&limit=10')).body.items.find(
          (item: { direction: string; preview: string }) =>
            item.direction === 'inbound' && item.preview === 'Can I pick it up on Saturday?',
        ),
      'the text on the timeline',
      30_000,
    );
    expect((await text('')).status).toBe(400);
    // The emulator's page: what was texted, and a form to text back as the customer.
    const page = await fetch(`${runtime.endpoint('IMPORT_COMMS_SNS_PORT')}/sms`, {
      headers: { accept: 'text/html' },
    });
    const html = await page.text();
    expect(html).toContain('<form id="reply">');
    expect(html).toContain('for help call');
    expect(
      (
        await fetch(`${runtime.endpoint('IMPORT_COMMS_SNS_PORT')}/sms/inbound`, {
          method: 'POST',
          body: '{not json',
        })
      ).status,
    ).toBe(400);
  });
});
