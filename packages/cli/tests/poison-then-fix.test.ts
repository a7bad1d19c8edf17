import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  createDocumentClient,
  createDynamoClient,
  DynamoCommunicationRepository,
  DynamoCustomerRepository,
} from '@import-comms/aws';
import {
  publishEntries,
  type RuntimeProcess,
  startRuntimeProcess,
  until,
} from '../../local/tests/support/runtime-process.js';

jest.setTimeout(180_000);

const BIN = path.resolve(__dirname, '../bin/comms.js');
const EVENTS = 20;
let runtime: RuntimeProcess;
let bus: EventBridgeClient;
let communications: DynamoCommunicationRepository;
let customers: DynamoCustomerRepository;

beforeAll(async () => {
  runtime = await startRuntimeProcess();
  bus = new EventBridgeClient({
    endpoint: runtime.endpoint('IMPORT_COMMS_EVENTBRIDGE_PORT'),
    region: 'ap-southeast-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const documents = createDocumentClient(
    createDynamoClient({ endpoint: runtime.endpoint('IMPORT_COMMS_DYNAMODB_PORT') }),
  );
  communications = new DynamoCommunicationRepository(documents, 'import-comms');
  customers = new DynamoCustomerRepository(documents, 'import-comms');
}, 90_000);

afterAll(async () => {
  bus?.destroy();
  await runtime?.stop();
});

const comms = (...args: string[]) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...runtime.ports } });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
    });
    child.once('exit', (code) => resolve({ code, out }));
  });

describe('poison, then fix and replay', () => {
  it('events that cannot succeed land in the DLQ; after the fix a replay delivers each once', async () => {
    const run = randomUUID().slice(0, 8);
    const people = Array.from({ length: EVENTS }, (_, index) => ({
      customerId: `POISON-${run}-${index}`,
      vehicleId: `POISONV-${run}-${index}`,
      email: `poison-${run}-${index}@example.com`,
    }));
    // Stage changes for customers the CRM has not announced yet: each fails until it reaches the DLQ.
    await publishEntries(
      bus,
      people.map((person) => ({
        EventBusName: 'import-events',
        Source: 'import.pipeline',
        DetailType: 'Import Stage Changed',
        Detail: JSON.stringify({
          schemaVersion: 1,
          eventId: `stage-${person.vehicleId}`,
          vehicleId: person.vehicleId,
          customerId: person.customerId,
          fromStage: 'ARRIVED_AT_PORT',
          toStage: 'CUSTOMS_CLEARED',
          stageSequence: 9,
          occurredAt: new Date().toISOString(),
        }),
      })),
    );
    const triggerDlq = async () =>
      (JSON.parse((await comms('dlq', 'list', '--json')).out) as { queue: string; messages: number }[]).find(
        (row) => row.queue === 'trigger',
      )?.messages ?? 0;
    await until(async () => (await triggerDlq()) === EVENTS, 'the events in the trigger DLQ', 90_000);

    // The fix: the CRM publishes the customers.
    await publishEntries(
      bus,
      people.map((person) => ({
        EventBusName: 'import-events',
        Source: 'import.crm',
        DetailType: 'Customer Upserted',
        Detail: JSON.stringify({
          schemaVersion: 1,
          eventId: `cust-${person.customerId}`,
          customerId: person.customerId,
          firstName: 'Poison',
          lastName: 'Fixed',
          email: person.email,
          language: 'en',
          timezone: 'UTC',
          isNew: false,
          occurredAt: new Date().toISOString(),
        }),
      })),
    );
    await until(
      async () => (await Promise.all(people.map((p) => customers.getContact(p.customerId)))).every(Boolean),
      'the customers',
      90_000,
    );

    const replayed = await comms('dlq', 'replay', 'trigger', '--json');
    expect(JSON.parse(replayed.out)).toMatchObject({ replayed: EVENTS, failed: 0 });

    const emails = async (customerId: string) =>
      (await communications.list({ customerId, type: 'Email', limit: 10 })).items;
    await until(
      async () =>
        (await Promise.all(people.map((p) => emails(p.customerId)))).every(
          (items) => items.length === 1 && ['Sent', 'Delivered'].includes(items[0]?.status ?? ''),
        ),
      'every email after the replay',
      90_000,
    );
    const store = (await (await fetch(`${runtime.endpoint('IMPORT_COMMS_SES_PORT')}/store`)).json()) as {
      emails: { destination: { to: string[] } }[];
    };
    const sent = store.emails.filter((email) => email.destination.to[0]?.startsWith(`poison-${run}-`));
    expect(sent).toHaveLength(EVENTS);
    expect(await triggerDlq()).toBe(0);
  });
});
