import { randomUUID } from 'node:crypto';
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
} from './support/runtime-process.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'ap-southeast-2';
const EVENTS = 40;

let emulators: RuntimeProcess;
let bus: EventBridgeClient;
let communications: DynamoCommunicationRepository;
let customers: DynamoCustomerRepository;

/** The functions in their own process, like Lambda: killing it leaves the (durable) queues as they are. */
const startServices = () =>
  startRuntimeProcess({
    args: ['--services-only'],
    ports: emulators.ports,
    // A crashed dispatcher's claim and a dead poller's messages come back within seconds, not minutes.
    extraEnv: { CLAIM_LEASE_SECONDS: '5' },
  });

beforeAll(async () => {
  emulators = await startRuntimeProcess({
    args: ['--in-memory', '--emulators-only'],
    extraEnv: { IMPORT_COMMS_VISIBILITY_TIMEOUT_SECONDS: '4' },
  });
  bus = new EventBridgeClient({
    endpoint: emulators.endpoint('IMPORT_COMMS_EVENTBRIDGE_PORT'),
    region,
    credentials,
  });
  const documents = createDocumentClient(
    createDynamoClient({ endpoint: emulators.endpoint('IMPORT_COMMS_DYNAMODB_PORT'), region }),
  );
  communications = new DynamoCommunicationRepository(documents, 'import-comms');
  customers = new DynamoCustomerRepository(documents, 'import-comms');
}, 90_000);

afterAll(async () => {
  bus?.destroy();
  await emulators?.stop();
});

const sesEmails = async () =>
  (
    (await (await fetch(`${emulators.endpoint('IMPORT_COMMS_SES_PORT')}/store`)).json()) as {
      emails: { destination: { to: string[] } }[];
    }
  ).emails;

describe('crash of the functions mid-run', () => {
  it('completes every accepted event after a restart; duplicates only from the crash window', async () => {
    const run = randomUUID().slice(0, 8);
    const people = Array.from({ length: EVENTS }, (_, index) => ({
      customerId: `CRASH-${run}-${index}`,
      vehicleId: `CRASHV-${run}-${index}`,
      email: `crash-${run}-${index}@example.com`,
    }));
    let services = await startServices();
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
          firstName: 'Crash',
          lastName: 'Test',
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
    );

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
          fromStage: 'EXPORT_PREPARATION',
          toStage: 'SHIPPED',
          stageSequence: 6,
          occurredAt: new Date().toISOString(),
        }),
      })),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    services.child.kill('SIGKILL');
    await services.exited;
    // The crash must land mid-run for the test to mean something.
    const sentBeforeCrash = (await sesEmails()).filter((email) =>
      email.destination.to[0]?.includes(`crash-${run}-`),
    );
    expect(sentBeforeCrash.length).toBeLessThan(EVENTS);

    services = await startServices();
    try {
      const emails = async (customerId: string) =>
        (await communications.list({ customerId, type: 'Email', limit: 10 })).items;
      await until(
        async () =>
          (await Promise.all(people.map((p) => emails(p.customerId)))).every(
            (items) => items.length === 1 && ['Sent', 'Delivered'].includes(items[0]?.status ?? ''),
          ),
        'every email sent after the restart',
        90_000,
      );
      // Exactly one communication per event, whatever was redelivered.
      for (const person of people) expect(await emails(person.customerId)).toHaveLength(1);
      const delivered = (await sesEmails()).filter((email) =>
        email.destination.to[0]?.includes(`crash-${run}-`),
      );
      const perAddress = new Map<string, number>();
      for (const email of delivered) {
        const to = email.destination.to[0] ?? '';
        perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
      }
      expect(perAddress.size).toBe(EVENTS);
      const duplicates = delivered.length - EVENTS;
      process.stdout.write(
        `crash fault: ${EVENTS} events, ${duplicates} duplicate email(s) from the crash window\n`,
      );
      // Only messages between the provider call and the Sent write can go twice: at most the batches in flight.
      expect(duplicates).toBeLessThanOrEqual(20);
    } finally {
      await services.stop();
    }
  }, 180_000);
});
