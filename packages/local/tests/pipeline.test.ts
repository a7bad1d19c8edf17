import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import {
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  createDocumentClient,
  createDynamoClient,
  DynamoCommunicationRepository,
  DynamoCustomerRepository,
  queueById,
  TOPOLOGY,
} from '@import-comms/aws';
import type { CommunicationSummary } from '@import-comms/core';
import { exampleOf } from '@import-comms/events';
import { type RuntimeProcess, startRuntimeProcess } from './support/runtime-process.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'ap-southeast-2';

let runtime: RuntimeProcess;
let eventBridge: EventBridgeClient;
let sqs: SQSClient;
let communications: DynamoCommunicationRepository;
let customers: DynamoCustomerRepository;

/** A company unlike the sample one: what the functions render must come from their settings. */
const COMPANY = {
  COMPANY_NAME: 'Acme Imports Ltd',
  COMPANY_PHONE: '+61 2 8000 0000',
  COMPANY_EMAIL: 'hello@acme-imports.example',
  COMPANY_WEBSITE: 'https://acme-imports.example',
  CUSTOMER_PORTAL_URL: 'https://portal.acme-imports.example',
  SES_FROM_ADDRESS: 'Acme Imports Ltd <hello@acme-imports.example>',
};

beforeAll(async () => {
  runtime = await startRuntimeProcess({ extraEnv: COMPANY });
  eventBridge = new EventBridgeClient({
    endpoint: runtime.endpoint('IMPORT_COMMS_EVENTBRIDGE_PORT'),
    region,
    credentials,
  });
  sqs = new SQSClient({
    endpoint: runtime.endpoint('IMPORT_COMMS_SQS_PORT'),
    region,
    credentials,
    // Queue URLs name *.localhost hosts; this process talks to the plain endpoint instead.
    useQueueUrlAsEndpoint: false,
  });
  const documents = createDocumentClient(
    createDynamoClient({ endpoint: runtime.endpoint('IMPORT_COMMS_DYNAMODB_PORT'), region }),
  );
  communications = new DynamoCommunicationRepository(documents, 'import-comms');
  customers = new DynamoCustomerRepository(documents, 'import-comms');
}, 90_000);

afterAll(async () => {
  eventBridge?.destroy();
  sqs?.destroy();
  await runtime?.stop();
});

/** A time zone where it is daytime now, so quiet hours (21:00–08:00 for SMS) hold nothing back. */
function daytimeZone(): string {
  const zones = [
    'UTC',
    'Asia/Tokyo',
    'Europe/London',
    'America/New_York',
    'Australia/Melbourne',
    'America/Los_Angeles',
    'Asia/Kolkata',
  ];
  const hour = (zone: string) =>
    Number(
      new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hour12: false, timeZone: zone }).format(new Date()),
    );
  return zones.find((zone) => hour(zone) >= 9 && hour(zone) <= 19) ?? 'UTC';
}

let counter = 0;
function ids() {
  counter++;
  const suffix = `${Date.now().toString(36)}-${counter}`;
  return {
    customerId: `CU-T${suffix}`,
    vehicleId: `VH-T${suffix}`,
    phone: `+6141${String(Date.now() % 1_000_000).padStart(6, '0')}${counter % 10}`,
  };
}

function entry(contractId: string, detail: Record<string, unknown>): PutEventsRequestEntry {
  const example = exampleOf(contractId);
  return {
    EventBusName: TOPOLOGY.eventBusName,
    Source: example.Source,
    DetailType: example.DetailType,
    Detail: JSON.stringify({ ...example.Detail, ...detail }),
  };
}

/** A stage change of a vehicle; its event id follows from the vehicle and the sequence. */
function stageChanged(
  { customerId, vehicleId }: { customerId: string; vehicleId: string },
  stageSequence: number,
  toStage: string,
): PutEventsRequestEntry {
  return entry('import-stage-changed.v1', {
    eventId: `stage-${vehicleId}-${stageSequence}`,
    customerId,
    vehicleId,
    fromStage: null,
    toStage,
    stageSequence,
    stageData: {},
  });
}

async function publish(...entries: PutEventsRequestEntry[]): Promise<void> {
  const result = await eventBridge.send(new PutEventsCommand({ Entries: entries }));
  expect(result.FailedEntryCount).toBe(0);
}

async function customerAndVehicle(options: { email?: string; phone?: string } = {}) {
  const { customerId, vehicleId, phone } = ids();
  await publish(
    entry('customer-upserted.v1', {
      eventId: `cust-${customerId}`,
      customerId,
      email: options.email ?? `${customerId.toLowerCase()}@example.com`,
      phone: options.phone ?? phone,
      timezone: daytimeZone(),
      language: 'en',
      isNew: false,
    }),
    entry('vehicle-upserted.v1', { eventId: `veh-${vehicleId}`, customerId, vehicleId }),
  );
  await until(
    async () =>
      (await customers.getVehicle(vehicleId)) !== undefined &&
      (await customers.getContact(customerId)) !== undefined,
  );
  return { customerId, vehicleId, phone };
}

async function until<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The URL of a queue of the local runtime, by name. */
async function queueUrl(name: string): Promise<string> {
  return (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl ?? '';
}

/** Waits for the message of a DLQ whose body holds `marker`, with its attributes (the reason among them). */
async function deadLettered(queueId: 'trigger' | 'email', marker: string, timeoutMs?: number) {
  const dlq = await queueUrl(queueById(TOPOLOGY, queueId).deadLetterQueueName);
  return until(async () => {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlq,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
        WaitTimeSeconds: 1,
      }),
    );
    return (received.Messages ?? []).find((message) => message.Body?.includes(marker));
  }, timeoutMs);
}

async function timeline(customerId: string): Promise<CommunicationSummary[]> {
  return (await communications.list({ customerId, limit: 50 })).items;
}

async function settled(customerId: string, count: number, done: (c: CommunicationSummary) => boolean) {
  try {
    return await until(async () => {
      const items = await timeline(customerId);
      return items.length >= count && items.every(done) ? items : undefined;
    });
  } catch (error) {
    const seen = (await timeline(customerId)).map(
      (c) => `${c.templateId}:${c.statusHistory.map((h) => h.status).join('>')}`,
    );
    throw new Error(`${(error as Error).message}; timeline: ${seen.join(', ')}`);
  }
}

async function sesStore(): Promise<
  { subject: string; destination: { to: string[] }; body: { html?: string; text?: string } }[]
> {
  return (
    (await (await fetch(`${runtime.endpoint('IMPORT_COMMS_SES_PORT')}/store`)).json()) as { emails: never[] }
  ).emails;
}

async function smsCaptured(): Promise<{ phoneNumber: string; message: string }[]> {
  return (await fetch(`${runtime.endpoint('IMPORT_COMMS_SNS_PORT')}/sms`)).json() as never;
}

describe('automated pipeline on the local runtime', () => {
  it('turns a stage change into the matching email and SMS, logged Sent then Delivered', async () => {
    // Prepare
    const { customerId, vehicleId } = await customerAndVehicle();

    // Act
    await publish(
      entry('import-stage-changed.v1', {
        eventId: `stage-${vehicleId}-8`,
        customerId,
        vehicleId,
        fromStage: 'CUSTOMS_CLEARANCE',
        toStage: 'CUSTOMS_CLEARED',
        stageSequence: 8,
        stageData: {},
      }),
    );

    // Assess
    const items = await settled(customerId, 2, (c) => c.status === 'Delivered');
    expect(items.map((c) => [c.templateId, c.type]).sort()).toEqual([
      ['customs-update-email', 'Email'],
      ['customs-update-sms', 'SMS'],
    ]);
    for (const item of items)
      expect(item.statusHistory.map((h) => h.status)).toEqual(['Pending', 'Sending', 'Sent', 'Delivered']);
    const email = (await sesStore()).find((e) =>
      e.destination.to.includes(`${customerId.toLowerCase()}@example.com`),
    );
    expect(email?.subject).toBe('Your 2021 Toyota Land Cruiser 70 has cleared customs');
    expect(email?.body.text).toContain('has cleared customs. Next come the compliance');
    const sms = (await smsCaptured()).filter((s) => s.message.includes(vehicleId));
    expect(sms).toHaveLength(1);
    expect(sms[0]?.message).toContain('has cleared customs');
    const { smsInfo } = await import('@import-comms/core');
    expect(items.find((c) => c.type === 'SMS')?.priceUsd).toBe(0.0403);
    expect(items.find((c) => c.type === 'SMS')?.sms).toEqual({
      encoding: 'GSM-7',
      segments: smsInfo(sms[0]?.message ?? '').segments,
    });
    // Other teams are told, on the bus, about every step.
    const published = await until(async () => {
      const events = (await (
        await fetch(`${runtime.endpoint('IMPORT_COMMS_EVENTBRIDGE_PORT')}/events`)
      ).json()) as {
        'detail-type': string;
        detail: { communicationId: string; status: string };
      }[];
      const mine = events.filter(
        (event) =>
          event['detail-type'] === 'Communication Status Changed' &&
          items.some((c) => c.communicationId === event.detail.communicationId),
      );
      return mine.length >= 4 ? mine : undefined;
    });
    expect(published.map((event) => event.detail.status).sort()).toEqual([
      'Delivered',
      'Delivered',
      'Sent',
      'Sent',
    ]);
  }, 90_000);

  it('sends exactly one message per channel when the same event arrives three times', async () => {
    const { customerId, vehicleId, phone } = await customerAndVehicle();
    const event = entry('import-stage-changed.v1', {
      eventId: `stage-${vehicleId}-11`,
      customerId,
      vehicleId,
      fromStage: 'COMPLIANCE',
      toStage: 'READY_FOR_DELIVERY',
      stageSequence: 11,
      stageData: {},
    });

    await publish(event, event);
    await publish(event);

    const items = await settled(customerId, 2, (c) => c.status === 'Delivered');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await timeline(customerId)).map((c) => c.templateId).sort()).toEqual([
      'delivery-ready-email',
      'delivery-ready-sms',
    ]);
    expect(items).toHaveLength(2);
    expect(
      (await sesStore()).filter((e) => e.destination.to.includes(`${customerId.toLowerCase()}@example.com`)),
    ).toHaveLength(1);
    expect((await smsCaptured()).filter((s) => s.phoneNumber === phone)).toHaveLength(1);
  }, 90_000);

  it('sends a malformed event to the DLQ with the reason, and delivers the rest of its batch', async () => {
    const { customerId, vehicleId } = await customerAndVehicle();

    await publish(
      entry('import-stage-changed.v1', {
        eventId: 'broken-1',
        customerId,
        vehicleId,
        toStage: 'SAILING',
        stageSequence: 3,
      }),
      entry('import-stage-changed.v1', {
        eventId: `stage-${vehicleId}-4`,
        customerId,
        vehicleId,
        fromStage: 'DEPOSIT_PAID',
        toStage: 'PURCHASED',
        stageSequence: 4,
        stageData: {},
      }),
    );

    const items = await settled(customerId, 2, (c) => c.status === 'Delivered');
    expect(items.map((c) => c.templateId).sort()).toEqual(['status-update-email', 'status-update-sms']);
    const dead = await deadLettered('trigger', 'broken-1');
    expect(dead.MessageAttributes?.reason?.StringValue).toMatch(
      /^event breaks its contract: detail\.toStage: Invalid option/,
    );
  }, 90_000);

  it('retries an event for a customer not known yet, then dead-letters it with the reason', async () => {
    const unknown = ids();

    await publish(stageChanged(unknown, 1, 'PURCHASED'));

    const dead = await deadLettered('trigger', unknown.vehicleId, 60_000);
    expect(dead.MessageAttributes?.reason?.StringValue).toBe(
      `customer ${unknown.customerId} is not known yet (no Customer Upserted event) after ${queueById(TOPOLOGY, 'trigger').maxReceiveCount} receives`,
    );
  }, 90_000);

  it('dead-letters a message no dispatcher can read at once, with the reason', async () => {
    const email = queueById(TOPOLOGY, 'email');
    const marker = `poison-${Date.now()}`;

    await sqs.send(
      new SendMessageCommand({
        QueueUrl: await queueUrl(email.name),
        MessageBody: JSON.stringify({ marker }),
      }),
    );

    const dead = await deadLettered('email', marker);
    expect(dead.MessageAttributes?.reason?.StringValue).toMatch(/^not a dispatch request: /);
  }, 60_000);

  it('sends nothing to a customer who opted out, logging why', async () => {
    const { customerId, vehicleId } = await customerAndVehicle();
    const stored = await customers.getPreferences(customerId);
    await customers.savePreferences(
      customerId,
      {
        ...(stored?.preferences ?? (await import('@import-comms/core')).DEFAULT_PREFERENCES),
        optedOutCategories: ['marketing', 'reminders'],
      },
      stored?.revision ?? 0,
      'test',
      new Date(),
    );

    await publish(
      entry('payment-due.v1', {
        eventId: `pay-${vehicleId}`,
        paymentId: `PM-${vehicleId}`,
        customerId,
        vehicleId,
      }),
    );

    const items = await settled(customerId, 4, (c) => c.status === 'NotSent');
    expect(items.map((c) => [c.templateId, c.statusReason]).sort()).toEqual([
      ['payment-overdue-email', 'opted-out'],
      ['payment-overdue-sms', 'opted-out'],
      ['payment-reminder-email', 'opted-out'],
      ['payment-reminder-sms', 'opted-out'],
    ]);
  }, 90_000);

  it('records a bounce, and suppresses the address for the next message', async () => {
    const { customerId, vehicleId } = await customerAndVehicle({ email: 'bounce@simulator.amazonses.com' });
    const stage = (sequence: number, toStage: string) =>
      stageChanged({ customerId, vehicleId }, sequence, toStage);

    await publish(stage(2, 'DEPOSIT_PAID'));
    const first = await until(async () =>
      (await timeline(customerId)).find((c) => c.type === 'Email' && c.status === 'Bounced'),
    );
    await until(
      async () =>
        ((await customers.getPreferences(customerId))?.preferences.suppressedAddresses ?? []).length > 0,
    );
    await publish(stage(3, 'PURCHASED'));
    const second = await until(async () =>
      (await timeline(customerId)).find(
        (c) => c.type === 'Email' && c.communicationId !== first.communicationId,
      ),
    );

    expect(first.statusReason).toMatch(/^Permanent \/ General/);
    expect(second).toMatchObject({ status: 'NotSent', statusReason: 'address-suppressed' });
  }, 90_000);

  it('logs a stale stage change as not sent', async () => {
    const { customerId, vehicleId } = await customerAndVehicle();
    const stage = (sequence: number, toStage: string) =>
      stageChanged({ customerId, vehicleId }, sequence, toStage);

    await publish(stage(5, 'EXPORT_PREPARATION'));
    await settled(customerId, 2, (c) => c.status === 'Delivered');
    await publish(stage(4, 'PURCHASED'));

    const stale = await until(async () => {
      const items = (await timeline(customerId)).filter((c) => c.status === 'NotSent');
      return items.length === 2 ? items : undefined;
    });
    expect(stale.map((c) => c.statusReason)).toEqual(['stale-event', 'stale-event']);
  }, 90_000);
});

describe('the change feed open screens listen to', () => {
  /** Reads server-sent events from /api/live until `enough` says the events so far are enough. */
  async function listen(
    token: string,
    act: () => Promise<void>,
    enough: (events: Record<string, unknown>[]) => boolean,
  ) {
    const controller = new AbortController();
    const response = await fetch(
      `${runtime.endpoint('IMPORT_COMMS_APP_PORT')}/api/live?access_token=${token}`,
      {
        signal: controller.signal,
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const events: Record<string, unknown>[] = [];
    let buffer = '';
    let acted = false;
    const deadline = Date.now() + 30_000;
    try {
      while (!enough(events) && Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name === 'ready' && !acted) {
            acted = true;
            await act();
          }
          if (name === 'change' && data) events.push(JSON.parse(data));
        }
      }
    } finally {
      controller.abort();
    }
    return events;
  }

  it('tells a signed-in screen, within seconds, that the pipeline wrote and sent a message', async () => {
    const { accessToken } = (await (
      await fetch(`${runtime.endpoint('IMPORT_COMMS_APP_PORT')}/auth/local/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'ava' }),
      })
    ).json()) as { accessToken: string };
    const { customerId, vehicleId } = await customerAndVehicle();

    const events = await listen(
      accessToken,
      () => publish(stageChanged({ customerId, vehicleId }, 9, 'CUSTOMS_CLEARED')),
      (seen) => seen.some((event) => event.customerId === customerId && event.status === 'Sent'),
    );

    expect(events).toEqual(
      expect.arrayContaining([
        { kind: 'vehicle', customerId, vehicleId },
        expect.objectContaining({ kind: 'communication', customerId, vehicleId, status: 'Sent' }),
      ]),
    );
    // Ids only: the feed says what to read again, never what a message says or who it went to.
    expect(JSON.stringify(events)).not.toMatch(/@example\.com|cleared customs/);
  });

  it('refuses a listener without a valid token', async () => {
    const app = runtime.endpoint('IMPORT_COMMS_APP_PORT');
    expect((await fetch(`${app}/api/live`)).status).toBe(401);
    expect((await fetch(`${app}/api/live?access_token=not.a.token`)).status).toBe(401);
  });
});

describe('quiet hours', () => {
  it('defers an SMS during quiet hours and sends it once they end', async () => {
    const { customerId, vehicleId, phone } = await customerAndVehicle();
    const now = new Date();
    const hhmm = (date: Date) => date.toISOString().slice(11, 16);
    // Quiet from this minute to one or two later, in UTC: the SMS waits for their end, the email does not.
    await customers.saveContact({
      ...((await customers.getContact(customerId)) as NonNullable<
        Awaited<ReturnType<typeof customers.getContact>>
      >),
      timezone: 'UTC',
      asOf: new Date().toISOString(),
    });
    const { DEFAULT_PREFERENCES } = await import('@import-comms/core');
    await customers.savePreferences(
      customerId,
      {
        ...DEFAULT_PREFERENCES,
        // Quiet hours are whole minutes: ending 90 s from now leaves 30 to 90 s of quiet — enough for the trigger
        // to see it on a loaded machine (ending 60 s from now left as little as one second).
        quietHours: { start: hhmm(now), end: hhmm(new Date(now.getTime() + 90_000)), channels: ['SMS'] },
      },
      0,
      'test',
      now,
    );

    await publish(
      entry('import-stage-changed.v1', {
        eventId: `stage-${vehicleId}-3`,
        customerId,
        vehicleId,
        fromStage: null,
        toStage: 'PURCHASED',
        stageSequence: 3,
        stageData: {},
      }),
    );

    const deferred = await until(async () => (await timeline(customerId)).find((c) => c.type === 'SMS'));
    expect(deferred.status).toBe('Scheduled');
    const sent = await until(async () => {
      const sms = (await timeline(customerId)).find((c) => c.type === 'SMS');
      return sms?.status === 'Delivered' ? sms : undefined;
    }, 120_000);
    expect(sent.statusHistory.map((h) => h.status)).toEqual(['Scheduled', 'Sending', 'Sent', 'Delivered']);
    expect(new Date(sent.sentAt ?? 0).getTime()).toBeGreaterThanOrEqual(
      new Date(sent.scheduledFor ?? 0).getTime(),
    );
    expect((await smsCaptured()).filter((s) => s.phoneNumber === phone)).toHaveLength(1);
  }, 150_000);
});

describe('payment reminders', () => {
  it('schedules reminders before the due date and overdue notices after it, and cancels them when the payment arrives', async () => {
    const { customerId, vehicleId } = await customerAndVehicle();
    const dueDate = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const paymentId = `PM-${vehicleId}`;

    await publish(
      entry('payment-due.v1', { eventId: `due-${paymentId}`, paymentId, customerId, vehicleId, dueDate }),
    );
    const scheduled = await settled(customerId, 4, (c) => c.status === 'Scheduled');
    await publish(
      entry('payment-received.v1', { eventId: `paid-${paymentId}`, paymentId, customerId, vehicleId }),
    );
    const cancelled = await settled(customerId, 4, (c) => c.status === 'Cancelled');

    const due = new Date(`${dueDate}T00:00:00Z`).getTime();
    const daysFromDue = (c: CommunicationSummary) =>
      Math.round((new Date(c.scheduledFor ?? 0).getTime() - due) / 86_400_000);
    expect(scheduled.map((c) => `${c.templateId}:${daysFromDue(c) < 0 ? 'before' : 'after'}`).sort()).toEqual(
      [
        'payment-overdue-email:after',
        'payment-overdue-sms:after',
        'payment-reminder-email:before',
        'payment-reminder-sms:before',
      ],
    );
    expect(cancelled.map((c) => c.statusReason)).toEqual(Array(4).fill('payment received'));
  });
});

describe('every example event', () => {
  it('fires the templates bound to it, each reaching its final status', async () => {
    const { customerId, vehicleId, phone } = ids();
    const email = `${customerId.toLowerCase()}@example.com`;
    const dueDate = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const common = { customerId, vehicleId };

    await publish(
      entry('customer-upserted.v1', {
        eventId: `c-${customerId}`,
        customerId,
        email,
        phone,
        timezone: daytimeZone(),
        language: 'en',
        isNew: true,
      }),
      entry('vehicle-upserted.v1', { eventId: `v-${vehicleId}`, ...common }),
    );
    await until(
      async () => (await customers.getVehicle(vehicleId)) && (await customers.getContact(customerId)),
    );
    await publish(
      entry('import-stage-changed.v1', { eventId: `s-${vehicleId}`, ...common, stageSequence: 6 }),
      entry('vessel-eta-updated.v1', { eventId: `e-${vehicleId}`, ...common }),
      entry('payment-due.v1', {
        eventId: `d-${vehicleId}`,
        ...common,
        paymentId: `PM-${vehicleId}`,
        dueDate,
      }),
    );
    await settled(customerId, 10, (c) => ['Delivered', 'Scheduled'].includes(c.status));
    await publish(
      entry('payment-received.v1', { eventId: `r-${vehicleId}`, ...common, paymentId: `PM-${vehicleId}` }),
    );

    const items = await settled(customerId, 10, (c) => ['Delivered', 'Cancelled'].includes(c.status));
    expect(items.map((c) => `${c.templateId}:${c.status}`).sort()).toEqual([
      'payment-overdue-email:Cancelled',
      'payment-overdue-sms:Cancelled',
      'payment-reminder-email:Cancelled',
      'payment-reminder-sms:Cancelled',
      'shipping-eta-update-email:Delivered',
      'shipping-eta-update-sms:Delivered',
      'shipping-update-email:Delivered',
      'shipping-update-sms:Delivered',
      'welcome-email:Delivered',
      'welcome-sms:Delivered',
    ]);
    const subjects = (await sesStore())
      .filter((e) => e.destination.to.includes(email))
      .map((e) => e.subject)
      .sort();
    expect(subjects).toEqual([
      'New arrival date for your 2021 Toyota Land Cruiser 70',
      `Welcome to ${COMPANY.COMPANY_NAME}, Aiko`,
      'Your 2021 Toyota Land Cruiser 70 is on its way',
    ]);
    expect((await smsCaptured()).filter((s) => s.phoneNumber === phone)).toHaveLength(3);
  }, 120_000);
});

describe('complaints', () => {
  it('records a complaint after delivery and suppresses the address', async () => {
    const { customerId, vehicleId } = await customerAndVehicle({
      email: 'complaint@simulator.amazonses.com',
    });

    await publish(
      entry('import-stage-changed.v1', {
        eventId: `s-${vehicleId}-2`,
        customerId,
        vehicleId,
        fromStage: null,
        toStage: 'DEPOSIT_PAID',
        stageSequence: 2,
        stageData: {},
      }),
    );

    const complained = await until(async () =>
      (await timeline(customerId)).find((c) => c.type === 'Email' && c.status === 'Complained'),
    );
    expect(complained.statusHistory.map((h) => h.status)).toEqual([
      'Pending',
      'Sending',
      'Sent',
      'Delivered',
      'Complained',
    ]);
    await until(async () =>
      ((await customers.getPreferences(customerId))?.preferences.suppressedAddresses ?? []).includes(
        'complaint@simulator.amazonses.com',
      ),
    );
  });
});
