import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventBridgeClient, PutEventsCommand, TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import {
  CheckIfPhoneNumberIsOptedOutCommand,
  CreateTopicCommand,
  PublishCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { GetQueueUrlCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  createDocumentClient,
  createDynamoClient,
  DynamoTemplateRepository,
  queueById,
  TOPOLOGY,
} from '@import-comms/aws';
import { exampleOf } from '@import-comms/events';
import { PORT_VARIABLES, type RuntimeProcess, startRuntimeProcess } from './support/runtime-process.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'ap-southeast-2';

let runtime: RuntimeProcess;
let sqs: SQSClient;
let eventBridge: EventBridgeClient;

beforeAll(async () => {
  // Emulators only: these tests look into the queues themselves.
  runtime = await startRuntimeProcess({ args: ['--in-memory', '--emulators-only'] });
  sqs = new SQSClient({
    endpoint: runtime.endpoint('IMPORT_COMMS_SQS_PORT'),
    region,
    credentials,
    // Queue URLs name *.localhost hosts; this process talks to the plain endpoint instead.
    useQueueUrlAsEndpoint: false,
  });
  eventBridge = new EventBridgeClient({
    endpoint: runtime.endpoint('IMPORT_COMMS_EVENTBRIDGE_PORT'),
    region,
    credentials,
  });
}, 60_000);

afterAll(async () => {
  sqs?.destroy();
  eventBridge?.destroy();
  await runtime?.stop();
});

const trigger = queueById(TOPOLOGY, 'trigger');

async function queueUrl(name: string): Promise<string> {
  return (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl ?? '';
}

function stageChangedEntry(eventId: string) {
  const example = exampleOf('import-stage-changed.v1');
  return {
    EventBusName: TOPOLOGY.eventBusName,
    Source: example.Source,
    DetailType: example.DetailType,
    Detail: JSON.stringify({ ...example.Detail, eventId }),
  };
}

describe('local EventBridge', () => {
  it('routes a published event by the topology rules to the trigger queue, in EventBridge envelope', async () => {
    // Act
    const put = await eventBridge.send(new PutEventsCommand({ Entries: [stageChangedEntry('evt-route-1')] }));

    // Assess
    expect(put.FailedEntryCount).toBe(0);
    const eventId = put.Entries?.[0]?.EventId;
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: await queueUrl(trigger.name),
        WaitTimeSeconds: 2,
        MaxNumberOfMessages: 10,
      }),
    );
    const bodies = (received.Messages ?? []).map((message) => JSON.parse(message.Body ?? '{}'));
    expect(bodies).toContainEqual(
      expect.objectContaining({
        version: '0',
        id: eventId,
        source: 'import.pipeline',
        'detail-type': 'Import Stage Changed',
        account: '000000000000',
        region,
        detail: expect.objectContaining({ eventId: 'evt-route-1', toStage: 'SHIPPED' }),
      }),
    );
  });

  it('accepts events no rule matches and delivers them nowhere', async () => {
    const put = await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: TOPOLOGY.eventBusName,
            Source: 'other.team',
            DetailType: 'Lunch Ordered',
            Detail: '{}',
          },
        ],
      }),
    );
    const received = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: await queueUrl(trigger.name), WaitTimeSeconds: 1 }),
    );

    expect(put.FailedEntryCount).toBe(0);
    expect(received.Messages ?? []).toEqual([]);
  });

  it('answers per entry like AWS: good entries pass, bad ones carry an error code', async () => {
    const put = await eventBridge.send(
      new PutEventsCommand({
        Entries: [
          stageChangedEntry('evt-ok'),
          {
            EventBusName: TOPOLOGY.eventBusName,
            Source: 'import.pipeline',
            DetailType: 'Import Stage Changed',
            Detail: 'not json',
          },
          { EventBusName: 'no-such-bus', Source: 'import.pipeline', DetailType: 'X', Detail: '{}' },
        ],
      }),
    );

    expect(put.FailedEntryCount).toBe(2);
    expect(put.Entries?.[0]?.EventId).toEqual(expect.any(String));
    expect(put.Entries?.[1]).toMatchObject({
      ErrorCode: 'MalformedDetail',
      ErrorMessage: 'Detail is malformed.',
    });
    expect(put.Entries?.[2]).toMatchObject({ ErrorCode: 'ResourceNotFoundException' });
    await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: await queueUrl(trigger.name), MaxNumberOfMessages: 10 }),
    );
  });

  it('refuses more than 10 entries in one request', async () => {
    const entries = Array.from({ length: 11 }, (_, i) => stageChangedEntry(`evt-many-${i}`));

    await expect(eventBridge.send(new PutEventsCommand({ Entries: entries }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('tests event patterns like AWS, refusing invalid ones', async () => {
    const event = JSON.stringify({
      id: '1',
      source: 'import.pipeline',
      'detail-type': 'X',
      detail: { toStage: 'SHIPPED' },
    });

    const result = await eventBridge.send(
      new TestEventPatternCommand({ EventPattern: '{"detail":{"toStage":["SHIPPED"]}}', Event: event }),
    );

    expect(result.Result).toBe(true);
    await expect(
      eventBridge.send(
        new TestEventPatternCommand({ EventPattern: '{"detail":{"toStage":"SHIPPED"}}', Event: event }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidEventPatternException' });
  });
});

describe('queues from the topology', () => {
  it('move a message to the DLQ after maxReceiveCount failed receives', async () => {
    // Prepare
    const url = await queueUrl(trigger.name);
    const put = await eventBridge.send(new PutEventsCommand({ Entries: [stageChangedEntry('evt-poison')] }));
    const eventId = put.Entries?.[0]?.EventId;

    // Act: a consumer that never deletes it (each receive counts; visibility 0 makes it visible again at once).
    for (let attempt = 0; attempt < trigger.maxReceiveCount; attempt++) {
      const received = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 2, VisibilityTimeout: 0 }),
      );
      expect(received.Messages).toHaveLength(1);
    }
    const afterLimit = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }));

    // Assess
    expect(afterLimit.Messages ?? []).toEqual([]);
    const dead = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: await queueUrl(trigger.deadLetterQueueName),
        WaitTimeSeconds: 2,
      }),
    );
    expect(JSON.parse(dead.Messages?.[0]?.Body ?? '{}').id).toBe(eventId);
  });
});

describe('SES and SMS', () => {
  it('captures SMS sent to phone numbers, lists them over HTTP, and answers opt-out checks', async () => {
    const sns = new SNSClient({ endpoint: runtime.endpoint('IMPORT_COMMS_SNS_PORT'), region, credentials });

    const published = await sns.send(
      new PublishCommand({
        PhoneNumber: '+61412345678',
        Message: 'Your Land Cruiser has shipped',
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
      }),
    );
    const optedOut = await sns.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: '+61400000009' }));
    const notOptedOut = await sns.send(
      new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: '+61412345678' }),
    );
    const topic = await sns.send(new CreateTopicCommand({ Name: 'forwarded-to-fauxqs' }));
    const listed = await (await fetch(`${runtime.endpoint('IMPORT_COMMS_SNS_PORT')}/sms`)).json();
    sns.destroy();

    expect(published.MessageId).toEqual(expect.any(String));
    expect(listed).toContainEqual(
      expect.objectContaining({
        messageId: published.MessageId,
        phoneNumber: '+61412345678',
        message: 'Your Land Cruiser has shipped',
        smsType: 'Transactional',
      }),
    );
    expect([optedOut.isOptedOut, notOptedOut.isOptedOut]).toEqual([true, false]);
    expect(topic.TopicArn).toMatch(/:forwarded-to-fauxqs$/);
  });

  it('accepts SES v2 email and shows it in the store', async () => {
    const ses = new SESv2Client({ endpoint: runtime.endpoint('IMPORT_COMMS_SES_PORT'), region, credentials });

    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'care@harbourline.example',
        Destination: { ToAddresses: ['aiko.tanaka@example.com'] },
        Content: { Simple: { Subject: { Data: 'Shipped' }, Body: { Text: { Data: 'On its way' } } } },
      }),
    );
    const store = (await (await fetch(`${runtime.endpoint('IMPORT_COMMS_SES_PORT')}/store`)).json()) as {
      emails: { subject: string }[];
    };
    ses.destroy();

    expect(store.emails.map((email) => email.subject)).toContain('Shipped');
  });
});

describe('delivery callbacks', () => {
  async function callbacksAbout(id: string, expected: number): Promise<Record<string, unknown>[]> {
    const url = await queueUrl(queueById(TOPOLOGY, 'callback').name);
    const found: Record<string, unknown>[] = [];
    const deadline = Date.now() + 30_000;
    while (found.length < expected && Date.now() < deadline) {
      const received = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      for (const message of received.Messages ?? []) {
        const body = JSON.parse(message.Body ?? '{}');
        const about = body.mail?.messageId ?? body.notification?.messageId;
        if (about === id) found.push(body);
      }
    }
    return found;
  }

  it.each([
    ['aiko.tanaka@example.com', ['Send', 'Delivery']],
    ['bounce@simulator.amazonses.com', ['Send', 'Bounce']],
    ['complaint@simulator.amazonses.com', ['Send', 'Delivery', 'Complaint']],
    ['suppressionlist@simulator.amazonses.com', ['Send', 'Bounce']],
  ])('emits the SES events AWS would for mail to %s', async (address, expected) => {
    const ses = new SESv2Client({ endpoint: runtime.endpoint('IMPORT_COMMS_SES_PORT'), region, credentials });
    const sent = await ses.send(
      new SendEmailCommand({
        FromEmailAddress: 'care@harbourline.example',
        Destination: { ToAddresses: [address] },
        Content: { Simple: { Subject: { Data: 'Test' }, Body: { Text: { Data: 'Body' } } } },
        ConfigurationSetName: 'import-comms',
      }),
    );
    ses.destroy();

    const events = await callbacksAbout(sent.MessageId ?? '', expected.length);

    expect(events.map((event) => event.eventType)).toEqual(expected);
    expect(events[0]).toMatchObject({
      mail: { destination: [address], tags: { 'ses:configuration-set': ['import-comms'] } },
    });
    if (address.startsWith('suppressionlist')) {
      expect(events[1]).toMatchObject({
        bounce: { bounceType: 'Permanent', bounceSubType: 'OnAccountSuppressionList' },
      });
    }
  });

  it.each([
    ['+61412345678', 'SUCCESS'],
    ['+61400000013', 'FAILURE'],
  ])('emits an SMS delivery receipt for %s: %s', async (phoneNumber, status) => {
    const sns = new SNSClient({ endpoint: runtime.endpoint('IMPORT_COMMS_SNS_PORT'), region, credentials });
    const published = await sns.send(
      new PublishCommand({ PhoneNumber: phoneNumber, Message: 'Ready for delivery' }),
    );
    sns.destroy();

    const [receipt] = await callbacksAbout(published.MessageId ?? '', 1);

    expect(receipt).toMatchObject({
      status,
      delivery: { destination: phoneNumber, smsType: 'Transactional' },
    });
  });
});

describe('seed data', () => {
  it('has the default templates in the table', async () => {
    const client = createDynamoClient({ endpoint: runtime.endpoint('IMPORT_COMMS_DYNAMODB_PORT'), region });
    const templates = new DynamoTemplateRepository(createDocumentClient(client), 'import-comms');

    const payment = await templates.listByTrigger('payment-due.v1');
    client.destroy();

    expect(payment.map((template) => [template.templateId, template.isActive])).toEqual([
      ['payment-overdue-email', true],
      ['payment-overdue-sms', true],
      ['payment-reminder-email', true],
      ['payment-reminder-sms', true],
    ]);
  });
});

/** Whether anything accepts a connection on a loopback port (without binding it). */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('process life cycle', () => {
  it('binds port 0 where the system chooses, prints the URLs it holds and writes them to --ports-file until it stops', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'import-comms-ports-test-')), 'bound.json');
    const started = await startRuntimeProcess({ args: ['--in-memory', '--ports-file', file] });

    const written = JSON.parse(readFileSync(file, 'utf8')) as Record<
      string,
      { url: string; port: number; env: string }
    >;
    const services = Object.values(written);
    const health = await fetch(`${written.app?.url}/api/health`);
    await started.stop();

    expect(services.map((service) => service.env).sort()).toEqual([...PORT_VARIABLES].sort());
    expect(new Set(services.map((service) => service.port)).size).toBe(PORT_VARIABLES.length);
    for (const service of services) {
      expect(service.port).toBeGreaterThan(0);
      // SMTP speaks its own protocol; every other service HTTP.
      const scheme = service.env === 'IMPORT_COMMS_SMTP_PORT' ? 'smtp' : 'http';
      expect(service.url).toBe(`${scheme}://127.0.0.1:${service.port}`);
      expect(started.output()).toContain(`${service.url}   (${service.env})`);
    }
    expect(health.status).toBe(200);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a second start on a busy port with a clear message', async () => {
    const second = await startRuntimeProcess({ ports: runtime.ports, waitFor: /npm start failed/ });

    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/port \d+ for \w+ is already in use — is another `npm start` running\?/);
  });

  it('refuses a port variable that is not a port, naming it', async () => {
    const refused = await startRuntimeProcess({
      extraEnv: { IMPORT_COMMS_SES_PORT: '-1' },
      waitFor: /npm start failed/,
    });

    expect(await refused.exited).toBe(1);
    expect(refused.output()).toContain('IMPORT_COMMS_SES_PORT must be a port number');
  });

  it('keeps data on disk across restarts, and --reset wipes it', async () => {
    const dataDir = mkdtempSync(`${tmpdir()}/import-comms-data-`);
    const start = (args: string[]) =>
      startRuntimeProcess({ args, extraEnv: { IMPORT_COMMS_DATA_DIR: dataDir } });

    const first = await start([]);
    await first.stop();
    const second = await start([]);
    await second.stop();
    const reset = await start(['--reset']);
    await reset.stop();

    const { DEFAULT_TEMPLATES } = await import('@import-comms/core');
    expect(first.output()).toContain(`Seeded: ${DEFAULT_TEMPLATES.length} new templates`);
    expect(second.output()).toContain('Seeded: 0 new templates');
    expect(reset.output()).toContain('wiped');
    expect(reset.output()).toContain(`Seeded: ${DEFAULT_TEMPLATES.length} new templates`);
  }, 90_000);

  it('stops cleanly on Ctrl-C and frees its ports', async () => {
    const process = await startRuntimeProcess();
    const held = Object.values(process.ports).map(Number);
    const before = await Promise.all(held.map(listening));

    const code = await process.stop('SIGINT');

    expect({ code, output: process.output().slice(-600) }).toMatchObject({ code: 0 });
    expect(process.output()).toContain('stopped.');
    expect(before).toEqual(held.map(() => true));
    expect(await Promise.all(held.map(listening))).toEqual(held.map(() => false));
  }, 60_000);
});
