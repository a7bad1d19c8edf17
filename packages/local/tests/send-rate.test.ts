import { randomUUID } from 'node:crypto';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetAccountCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  createDocumentClient,
  createDynamoClient,
  DynamoCommunicationRepository,
  queueById,
  TOPOLOGY,
} from '@import-comms/aws';
import {
  publishEntries,
  type RuntimeProcess,
  startRuntimeProcess,
  until,
} from './support/runtime-process.js';

/**
 * A burst of emails against a local SES that, like a real account, accepts a few a second: the dispatchers keep
 * within the quota (GetAccount tells them), every email goes exactly once, none reaches a DLQ.
 */
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'ap-southeast-2';
const RATE = 5;
const EMAILS = 60;

let runtime: RuntimeProcess;
let bus: EventBridgeClient;
let sqs: SQSClient;
let communications: DynamoCommunicationRepository;

beforeAll(async () => {
  runtime = await startRuntimeProcess({ extraEnv: { IMPORT_COMMS_SES_MAX_SEND_RATE: String(RATE) } });
  bus = new EventBridgeClient({
    endpoint: runtime.endpoint('IMPORT_COMMS_EVENTBRIDGE_PORT'),
    region,
    credentials,
  });
  sqs = new SQSClient({
    endpoint: runtime.endpoint('IMPORT_COMMS_SQS_PORT'),
    region,
    credentials,
    useQueueUrlAsEndpoint: false,
  });
  communications = new DynamoCommunicationRepository(
    createDocumentClient(
      createDynamoClient({ endpoint: runtime.endpoint('IMPORT_COMMS_DYNAMODB_PORT'), region }),
    ),
    'import-comms',
  );
}, 90_000);

afterAll(async () => {
  bus?.destroy();
  sqs?.destroy();
  await runtime?.stop();
});

const sendRate = async () =>
  (await (await fetch(`${runtime.endpoint('IMPORT_COMMS_SES_PORT')}/_local/send-rate`)).json()) as {
    maxSendRate: number;
    accepted: number;
    throttled: number;
    busiestSecond: number;
  };

it('tells the account quota through GetAccount, as SES does', async () => {
  const ses = new SESv2Client({ endpoint: runtime.endpoint('IMPORT_COMMS_SES_PORT'), region, credentials });
  try {
    const account = await ses.send(new GetAccountCommand({}));
    expect(account.SendQuota?.MaxSendRate).toBe(RATE);
  } finally {
    ses.destroy();
  }
});

it(`sends a burst of ${EMAILS} emails exactly once each, never faster than ${RATE} a second, none to a DLQ`, async () => {
  const run = randomUUID().slice(0, 8);
  const people = Array.from({ length: EMAILS }, (_, index) => ({
    customerId: `RATE-${run}-${index}`,
    vehicleId: `RATEV-${run}-${index}`,
  }));
  await publishEntries(
    bus,
    people.map((person) => ({
      EventBusName: TOPOLOGY.eventBusName,
      Source: 'import.crm',
      DetailType: 'Customer Upserted',
      Detail: JSON.stringify({
        schemaVersion: 1,
        eventId: `cust-${person.customerId}`,
        customerId: person.customerId,
        firstName: 'Rate',
        lastName: 'Test',
        email: `rate-${run}-${person.customerId.split('-').at(-1)}@example.com`,
        language: 'en',
        timezone: 'UTC',
        isNew: false,
        occurredAt: new Date().toISOString(),
      }),
    })),
  );
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await publishEntries(
    bus,
    people.map((person) => ({
      EventBusName: TOPOLOGY.eventBusName,
      Source: 'import.pipeline',
      DetailType: 'Import Stage Changed',
      Detail: JSON.stringify({
        schemaVersion: 1,
        eventId: `stage-${person.vehicleId}`,
        vehicleId: person.vehicleId,
        customerId: person.customerId,
        fromStage: 'EXPORT_PREPARATION',
        toStage: 'SHIPPED',
        stageSequence: 6,
        occurredAt: new Date().toISOString(),
      }),
    })),
  );

  const emails = async (customerId: string) =>
    (await communications.list({ customerId, type: 'Email', limit: 10 })).items;
  await until(
    async () =>
      (await Promise.all(people.map((person) => emails(person.customerId)))).every(
        (items) => items.length === 1 && ['Sent', 'Delivered'].includes(items[0]?.status ?? ''),
      ),
    `all ${EMAILS} emails sent`,
    90_000,
  );

  const store = (await (await fetch(`${runtime.endpoint('IMPORT_COMMS_SES_PORT')}/store`)).json()) as {
    emails: { destination: { to: string[] } }[];
  };
  const ours = store.emails.filter((email) => email.destination.to[0]?.startsWith(`rate-${run}-`));
  expect(ours).toHaveLength(EMAILS);
  expect(new Set(ours.map((email) => email.destination.to[0])).size).toBe(EMAILS);
  const rate = await sendRate();
  expect(rate.busiestSecond).toBeLessThanOrEqual(RATE);
  const dlq = (
    await sqs.send(new GetQueueUrlCommand({ QueueName: queueById(TOPOLOGY, 'email').deadLetterQueueName }))
  ).QueueUrl;
  const depth = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  expect(Number(depth.Attributes?.ApproximateNumberOfMessages)).toBe(0);
}, 150_000);
