import {
  createLogger,
  DynamoCommunicationRepository,
  DynamoCustomerRepository,
  DynamoInboundStore,
} from '@import-comms/aws';
import {
  lambdaContext as context,
  createTestTable,
  sqsEventOf as eventOf,
  RecordingDeadLetters,
} from '@import-comms/aws/testing';
import {
  type Communication,
  type CustomerContact,
  inboundIdFor,
  manualCommunicationId,
  newOutboundMessage,
  replyAddressFor,
} from '@import-comms/core';
import { createHandler, type InboundServiceDependencies } from '../src/create-handler.js';
import { parseEmail } from '../src/mime.js';

const SECRET = 'test-reply-secret';
const DOMAIN = 'reply.harbourline.example';
const BUCKET = 'inbound-mail';

let now: Date;
let communications: DynamoCommunicationRepository;
let customers: DynamoCustomerRepository;
let inbound: DynamoInboundStore;
let dependencies: InboundServiceDependencies;
const deadLetters = new RecordingDeadLetters();
/** The bucket SES receiving writes to, as a map of keys to bytes. */
const bucket = new Map<string, { content: Uint8Array; contentType?: string }>();
const published: { communicationId: string; kind: string }[] = [];

let sequence = 0;
async function newCustomer(overrides: Partial<CustomerContact> = {}): Promise<CustomerContact> {
  sequence += 1;
  const contact: CustomerContact = {
    customerId: `CU-IN-${sequence}-${Date.now()}`,
    firstName: 'Aiko',
    lastName: `Tanaka${sequence}`,
    email: `aiko${sequence}.${Date.now()}@example.com`,
    phone: `+614123${String(Date.now()).slice(-5)}${sequence % 10}`,
    language: 'en-AU',
    timezone: 'Australia/Melbourne',
    asOf: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    ...overrides,
  };
  await customers.saveContact(contact);
  return contact;
}

/** A message of ours the customer can answer: sent, with SES's (or SNS's) id. */
async function sent(
  customer: CustomerContact,
  channel: 'Email' | 'SMS',
  createdBy = 'sam',
): Promise<Communication> {
  const communicationId = manualCommunicationId();
  await communications.create(
    newOutboundMessage(
      {
        communicationId,
        customerId: customer.customerId,
        customerName: `${customer.firstName} ${customer.lastName}`,
        vehicleId: 'VH-77',
        channel,
        category: 'transactional',
        address: channel === 'Email' ? (customer.email ?? '') : (customer.phone ?? ''),
        subject: 'Your car has shipped',
        content: 'It is at sea.',
        createdBy,
      },
      new Date('2026-11-20T00:00:00Z'),
    ),
  );
  await communications.claim(communicationId, new Date('2026-11-20T00:00:01Z'), 60);
  await communications.transition(communicationId, {
    status: 'Sent',
    at: new Date('2026-11-20T00:00:02Z'),
    providerMessageId: `provider-${communicationId}`,
  });
  return (await communications.get(communicationId)) as Communication;
}

/** What SES receiving does: the raw message into the bucket, then its "Received" notification. */
function received(raw: string, recipients: string[], verdict = 'PASS'): string {
  const messageId = `ses${Math.random().toString(36).slice(2)}`;
  bucket.set(`inbound/${messageId}`, { content: Buffer.from(raw.replaceAll('\n', '\r\n')) });
  return JSON.stringify({
    notificationType: 'Received',
    mail: { messageId, timestamp: now.toISOString(), source: 'sender@example.com', commonHeaders: {} },
    receipt: {
      recipients,
      virusVerdict: { status: verdict },
      action: { type: 'S3', bucketName: BUCKET, objectKey: `inbound/${messageId}` },
    },
  });
}

function email(headers: Record<string, string>, body: string): string {
  return `${Object.entries({ 'MIME-Version': '1.0', 'Content-Type': 'text/plain; charset=utf-8', ...headers })
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n')}\n\n${body}`;
}

beforeAll(async () => {
  const { documents, tableName } = await createTestTable('inbound');
  const clock = { now: () => now };
  communications = new DynamoCommunicationRepository(documents, tableName, clock);
  customers = new DynamoCustomerRepository(documents, tableName, clock);
  inbound = new DynamoInboundStore(documents, tableName);
  dependencies = {
    deps: {
      inbound,
      communications,
      customers,
      clock,
      mail: {
        read: async (bucketName, key) => {
          const object = bucket.get(key);
          if (bucketName !== BUCKET || !object) throw new Error(`NoSuchKey: ${key}`);
          return object.content;
        },
        write: async (_bucketName, key, content, contentType) =>
          void bucket.set(key, { content, contentType }),
      },
      parseEmail,
      replies: { domain: DOMAIN, secret: async () => SECRET },
      publish: async (communication, kind) =>
        void published.push({ communicationId: communication.communicationId, kind }),
    },
    flushCounts: async () => undefined,
    deadLetter: { deadLetters, maxReceiveCount: 5 },
    logger: createLogger({ serviceName: 'inbound-service-test' }),
  };
});

beforeEach(() => {
  now = new Date('2026-11-25T02:00:00Z');
  deadLetters.sent.splice(0);
  published.splice(0);
});

describe('an email reply', () => {
  it('threads to the message its reply address names, in the customer’s words, for the rep who sent it', async () => {
    const customer = await newCustomer();
    const ours = await sent(customer, 'Email', 'sam');
    const to = replyAddressFor(ours.communicationId, SECRET, DOMAIN) ?? '';
    const raw = email(
      {
        From: `Aiko <${customer.email}>`,
        To: to,
        Subject: 'Re: Your car has shipped',
        'Message-ID': '<r1-a@mail.example>',
      },
      'When does it arrive?\n\nOn Fri, Harbourline wrote:\n> It is at sea.',
    );
    const handler = createHandler(dependencies);

    const body = received(raw, [to]);
    await handler(eventOf({ body }), context);
    await handler(eventOf({ body }), context); // delivered twice: one message

    const inboundId = inboundIdFor('Email', 'r1-a@mail.example');
    const stored = await communications.get(inboundId);
    expect(stored).toMatchObject({
      direction: 'inbound',
      type: 'Email',
      customerId: customer.customerId,
      vehicleId: 'VH-77',
      repliesTo: ours.communicationId,
      threadId: ours.communicationId,
      content: 'When does it arrive?',
      createdBy: 'customer:email',
    });
    const entry = await inbound.getInboxEntry(inboundId);
    expect(entry).toMatchObject({ assignee: 'sam', state: 'unread', customerId: customer.customerId });
    expect((await inbound.listInbox({ assignee: 'sam' }, 50)).items.map((item) => item.inboundId)).toContain(
      inboundId,
    );
    expect(published).toEqual([
      { communicationId: inboundId, kind: 'reply' },
      { communicationId: inboundId, kind: 'reply' },
    ]);
    expect(deadLetters.sent).toEqual([]);
  });

  it('threads by In-Reply-To when the reply address is lost, and an automated message’s reply goes to the team', async () => {
    const customer = await newCustomer();
    const ours = await sent(customer, 'Email', 'system:trigger-service');
    const raw = email(
      {
        From: customer.email ?? '',
        To: `care@${DOMAIN}`,
        Subject: 'Re: shipped',
        'Message-ID': '<r2@mail.example>',
        'In-Reply-To': `<provider-${ours.communicationId}@email.amazonses.com>`,
      },
      'Thanks!',
    );
    await createHandler(dependencies)(eventOf({ body: received(raw, [`care@${DOMAIN}`]) }), context);
    const inboundId = inboundIdFor('Email', 'r2@mail.example');
    expect((await communications.get(inboundId))?.repliesTo).toBe(ours.communicationId);
    const entry = await inbound.getInboxEntry(inboundId);
    expect(entry?.assignee).toBeUndefined();
    expect((await inbound.listInbox({ team: true }, 100)).items.map((item) => item.inboundId)).toContain(
      inboundId,
    );
  });

  it('from an unknown sender lands in Unmatched, on no timeline', async () => {
    const raw = email(
      { From: 'stranger@nowhere.example', To: `care@${DOMAIN}`, Subject: 'Boats?', 'Message-ID': '<u1@x>' },
      'Do you import boats?',
    );
    await createHandler(dependencies)(eventOf({ body: received(raw, [`care@${DOMAIN}`]) }), context);
    const inboundId = inboundIdFor('Email', 'u1@x');
    expect(await communications.get(inboundId)).toBeUndefined();
    expect((await inbound.listInbox({ unmatched: true }, 100)).items.map((item) => item.inboundId)).toContain(
      inboundId,
    );
    expect(published).toEqual([]);
  });

  it('keeps attachments of accepted types and says why others were refused', async () => {
    const customer = await newCustomer();
    const boundary = 'b1';
    const raw = email(
      {
        From: customer.email ?? '',
        To: `care@${DOMAIN}`,
        Subject: 'Papers',
        'Message-ID': '<a1@x>',
        'Content-Type': `multipart/mixed; boundary="${boundary}"`,
      },
      [
        `--${boundary}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Here is my licence.',
        `--${boundary}`,
        'Content-Type: application/pdf; name="licence.pdf"',
        'Content-Disposition: attachment; filename="licence.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('%PDF-1.4 licence').toString('base64'),
        `--${boundary}`,
        'Content-Type: application/x-msdownload; name="run.exe"',
        'Content-Disposition: attachment; filename="run.exe"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('MZ').toString('base64'),
        `--${boundary}--`,
      ].join('\n'),
    );
    await createHandler(dependencies)(eventOf({ body: received(raw, [`care@${DOMAIN}`]) }), context);
    const message = await inbound.get(inboundIdFor('Email', 'a1@x'));
    expect(message?.match?.by).toBe('sender');
    expect(message?.attachments).toEqual([
      expect.objectContaining({
        filename: 'licence.pdf',
        contentType: 'application/pdf',
        key: expect.any(String),
      }),
      expect.objectContaining({
        filename: 'run.exe',
        refused: 'type application/x-msdownload is not accepted',
      }),
    ]);
    const key = message?.attachments[0]?.key ?? '';
    expect(Buffer.from(bucket.get(key)?.content ?? []).toString()).toBe('%PDF-1.4 licence');
    expect((await communications.get(inboundIdFor('Email', 'a1@x')))?.inbound?.attachments).toBe(1);
  });

  it('stores no attachment of a message SES found a virus in', async () => {
    const customer = await newCustomer();
    const raw = email(
      {
        From: customer.email ?? '',
        To: `care@${DOMAIN}`,
        'Message-ID': '<v1@x>',
        'Content-Type': 'multipart/mixed; boundary="v"',
      },
      [
        '--v',
        'Content-Type: text/plain',
        '',
        'see file',
        '--v',
        'Content-Type: application/pdf',
        'Content-Disposition: attachment; filename="x.pdf"',
        '',
        'x',
        '--v--',
      ].join('\n'),
    );
    await createHandler(dependencies)(eventOf({ body: received(raw, [`care@${DOMAIN}`], 'FAIL') }), context);
    expect((await inbound.get(inboundIdFor('Email', 'v1@x')))?.attachments).toEqual([
      expect.objectContaining({ refused: 'a virus was found in the message' }),
    ]);
  });

  it('keeps an out-of-office answer without calling it the customer’s reply', async () => {
    const customer = await newCustomer();
    const ours = await sent(customer, 'Email');
    const to = replyAddressFor(ours.communicationId, SECRET, DOMAIN) ?? '';
    const raw = email(
      {
        From: customer.email ?? '',
        To: to,
        Subject: 'Out of office',
        'Auto-Submitted': 'auto-replied',
        'Message-ID': '<o1@x>',
      },
      'Away until Monday',
    );
    await createHandler(dependencies)(eventOf({ body: received(raw, [to]) }), context);
    const inboundId = inboundIdFor('Email', 'o1@x');
    expect((await inbound.get(inboundId))?.kind).toBe('auto-reply');
    expect(await communications.get(inboundId)).toBeUndefined();
    expect(await inbound.getInboxEntry(inboundId)).toBeUndefined();
  });

  it('a message that is not mail is kept for a rep in Unmatched, not retried', async () => {
    const notification = received('\u0000\u0001 not mail at all', [`care@${DOMAIN}`]);
    await createHandler(dependencies)(eventOf({ body: notification }), context);
    const sesId = JSON.parse(notification).mail.messageId as string;
    const inboundId = inboundIdFor('Email', sesId);
    expect(await inbound.get(inboundId)).toMatchObject({
      raw: { key: `inbound/${sesId}` },
      malformed: expect.stringContaining('no mail headers'),
    });
    expect((await inbound.listInbox({ unmatched: true }, 100)).items.map((item) => item.inboundId)).toContain(
      inboundId,
    );
    expect(deadLetters.sent).toEqual([]);
  });

  it('a notification whose message is not in the bucket is retried, then kept in the DLQ with the reason', async () => {
    const notification = JSON.parse(received('x', [`care@${DOMAIN}`]));
    notification.receipt.action.objectKey = 'inbound/missing';
    const handler = createHandler(dependencies);
    const first = await handler(eventOf({ body: JSON.stringify(notification), receives: 1 }), context);
    expect(first.batchItemFailures).toHaveLength(1);
    await handler(eventOf({ body: JSON.stringify(notification), receives: 5 }), context);
    expect(deadLetters.sent[0]?.reason).toMatch(/NoSuchKey/);
  });
});

describe('an SMS', () => {
  const sms = (from: string, body: string, id = `in-${Math.random()}`, previous?: string) =>
    JSON.stringify({
      originationNumber: from,
      destinationNumber: '+61480000100',
      messageKeyword: 'KEYWORD_61480000100',
      messageBody: body,
      inboundMessageId: id,
      ...(previous ? { previousPublishedMessageId: previous } : {}),
    });

  it('answers the text AWS says it replies to, and lands on the timeline', async () => {
    const customer = await newCustomer();
    const ours = await sent(customer, 'SMS', 'ava');
    await createHandler(dependencies)(
      eventOf({ body: sms(customer.phone ?? '', 'Is it still on the ship?', 's1', ours.providerMessageId) }),
      context,
    );
    const stored = await communications.get(inboundIdFor('SMS', 's1'));
    expect(stored).toMatchObject({
      type: 'SMS',
      direction: 'inbound',
      repliesTo: ours.communicationId,
      content: 'Is it still on the ship?',
    });
    expect((await inbound.getInboxEntry(inboundIdFor('SMS', 's1')))?.assignee).toBe('ava');
  });

  it('keeps a text with control characters, readable: the NUL and the bell removed, lines and emoji kept', async () => {
    const customer = await newCustomer();
    await createHandler(dependencies)(
      eventOf({ body: sms(customer.phone ?? '', '\u0000\u0007Can I pay\tby card?\nThanks 👋\u001b', 'c1') }),
      context,
    );
    const stored = await communications.get(inboundIdFor('SMS', 'c1'));
    expect(stored?.content).toBe('Can I pay\tby card?\nThanks 👋');
    expect((await inbound.getInboxEntry(inboundIdFor('SMS', 'c1')))?.preview).toBe(
      'Can I pay by card? Thanks 👋',
    );
  });

  it('STOP opts the customer out as a revision by them; START opts back in', async () => {
    const customer = await newCustomer();
    const handler = createHandler(dependencies);
    await handler(eventOf({ body: sms(customer.phone ?? '', 'stop', 'k1') }), context);
    await handler(eventOf({ body: sms(customer.phone ?? '', 'stop', 'k1') }), context);
    let preferences = await customers.getPreferences(customer.customerId);
    expect(preferences?.preferences.optedOutChannels).toEqual(['SMS']);
    expect(preferences?.updatedBy).toBe('customer:sms');
    expect(preferences?.revision).toBe(1);
    await handler(eventOf({ body: sms(customer.phone ?? '', 'START', 'k2') }), context);
    preferences = await customers.getPreferences(customer.customerId);
    expect(preferences?.preferences.optedOutChannels).toBeUndefined();
    expect(preferences?.revision).toBe(2);
    expect(published.map((event) => event.kind)).toEqual(['opt-out', 'opt-out', 'opt-in']);
  });

  it('from a number no customer has goes to Unmatched; a body that is neither goes to the DLQ with the reason', async () => {
    const handler = createHandler(dependencies);
    await handler(eventOf({ body: sms('+61499999999', 'who is this', 'n1') }), context);
    expect((await inbound.listInbox({ unmatched: true }, 100)).items.map((item) => item.inboundId)).toContain(
      inboundIdFor('SMS', 'n1'),
    );
    await handler(
      eventOf({ body: JSON.stringify({ originationNumber: 'not a number', messageBody: 'x' }) }),
      context,
    );
    expect(deadLetters.sent[0]?.reason).toMatch(/neither an SES Received notification nor an inbound SMS/);
  });
});
