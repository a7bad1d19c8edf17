import { randomUUID } from 'node:crypto';
import {
  createDocumentClient,
  createDynamoClient,
  DynamoCommunicationRepository,
  DynamoCustomerRepository,
  DynamoSilenceWatchStore,
  DynamoTaskRepository,
  ensureTable,
} from '@import-comms/aws';
import {
  DEFAULT_SILENCE_SETTINGS,
  newLoggedInteraction,
  newOutboundMessage,
  type Task,
} from '@import-comms/core';
import { type SilenceWatchDependencies, watchSilence } from '../src/app/watch-silence.js';

const DAY = 86_400_000;
const SHIPPED_AT = new Date('2026-11-01T00:00:00.000Z');
const at = (days: number, hours = 0) => new Date(SHIPPED_AT.getTime() + days * DAY + hours * 3_600_000);

let now = SHIPPED_AT;
let deps: SilenceWatchDependencies & {
  communications: DynamoCommunicationRepository;
  customers: DynamoCustomerRepository;
  tasks: DynamoTaskRepository;
};

beforeEach(async () => {
  const client = createDynamoClient({ endpoint: process.env.TEST_DYNAMODB_ENDPOINT ?? '' });
  const tableName = `silence-${randomUUID()}`;
  await ensureTable(client, tableName);
  const documents = createDocumentClient(client);
  const clock = { now: () => new Date(now) };
  deps = {
    communications: new DynamoCommunicationRepository(documents, tableName, clock),
    customers: new DynamoCustomerRepository(documents, tableName, clock),
    tasks: new DynamoTaskRepository(documents, tableName),
    silence: new DynamoSilenceWatchStore(documents, tableName),
    clock,
  };
  await deps.customers.saveContact({
    customerId: 'CU-1',
    firstName: 'Aiko',
    lastName: 'Tanaka',
    email: 'aiko@example.com',
    language: 'en',
    timezone: 'Australia/Melbourne',
    asOf: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  });
  await deps.customers.saveVehicleDetails({
    vehicleId: 'VH-1',
    customerId: 'CU-1',
    make: 'Toyota',
    model: 'Land Cruiser 70',
    year: 2021,
    asOf: '2026-01-01T00:00:00Z',
  });
  await stage('SHIPPED', 6, SHIPPED_AT);
});

async function stage(name: 'SHIPPED' | 'ARRIVED_AT_PORT', sequence: number, when: Date) {
  await deps.customers.recordStageChange({
    vehicleId: 'VH-1',
    customerId: 'CU-1',
    stage: name,
    stageSequence: sequence,
    stageChangedAt: when.toISOString(),
    stageEventId: `stage-${sequence}`,
  });
}

/** A message that reached the customer at `when`, sent by `by`. */
async function sent(when: Date, by = 'system:trigger-service') {
  const message = newOutboundMessage(
    {
      communicationId: randomUUID(),
      customerId: 'CU-1',
      vehicleId: 'VH-1',
      channel: 'Email',
      category: 'transactional',
      address: 'aiko@example.com',
      subject: 'Update',
      content: 'News',
      createdBy: by,
    },
    when,
  );
  await deps.communications.create(message);
  await deps.communications.claim(message.communicationId, when, 60);
  await deps.communications.transition(message.communicationId, { status: 'Sent', at: when });
}

async function sweep(when: Date) {
  now = when;
  return watchSilence(deps);
}

const openTasks = async (assignee: string) => (await deps.tasks.listByAssignee(assignee, 'Open', 50)).items;

describe('the silence watch, with the clock moving', () => {
  it('opens one task once a shipped vehicle goes ten days without a word, and closes it when a message goes out', async () => {
    expect(await sweep(at(9, 23))).toEqual({ opened: 0, closed: 0 });
    expect(await sweep(at(10, 1))).toEqual({ opened: 1, closed: 0 });
    // Every sweep after: the same silence, no second task.
    expect(await sweep(at(10, 2))).toEqual({ opened: 0, closed: 0 });
    const [task] = (await openTasks('unassigned')) as [Task];
    expect(task).toMatchObject({
      title: 'No word to Aiko Tanaka in 10 days (stage: Shipped)',
      customerName: 'Aiko Tanaka',
      vehicleLabel: '2021 Toyota Land Cruiser 70',
      vehicleId: 'VH-1',
      source: { kind: 'silence', stage: 'SHIPPED', stageSequence: 6 },
      createdBy: 'system:silence-watch',
    });
    expect((await deps.tasks.listFor({ vehicleId: 'VH-1' }, 10)).map((item) => item.taskId)).toEqual([
      task.taskId,
    ]);

    await sent(at(11));
    expect(await sweep(at(11, 1))).toEqual({ opened: 0, closed: 1 });
    const closed = await deps.tasks.get(task.taskId);
    expect(closed).toMatchObject({ status: 'Done', completedBy: 'system:silence-watch' });
    expect(closed?.history.at(-1)?.detail).toBe('the customer heard from us');
    // Ten quiet days after that message, the next silence is a new task.
    expect(await sweep(at(20, 23))).toEqual({ opened: 0, closed: 0 });
    expect(await sweep(at(21, 1))).toEqual({ opened: 1, closed: 0 });
  });

  it('gives the task to the rep last in touch, and a message inside the window keeps it from opening', async () => {
    await sent(at(4), 'sam');
    expect(await sweep(at(10, 1))).toEqual({ opened: 0, closed: 0 });
    expect(await sweep(at(14, 1))).toEqual({ opened: 1, closed: 0 });
    expect(await openTasks('sam')).toHaveLength(1);
    expect(await openTasks('unassigned')).toHaveLength(0);
  });

  it('closes its task when the vehicle moves stage, and follows the new stage’s limit from the change', async () => {
    await sweep(at(10, 1));
    await stage('ARRIVED_AT_PORT', 7, at(12));
    expect(await sweep(at(12, 1))).toEqual({ opened: 0, closed: 1 });
    const [done] = (await deps.tasks.listByAssignee('unassigned', 'Done', 5)).items as [Task];
    expect(done.history.at(-1)?.detail).toBe('the vehicle moved to another stage');
    // At port, five days is the limit.
    expect(await sweep(at(16, 23))).toEqual({ opened: 0, closed: 0 });
    expect(await sweep(at(17, 1))).toEqual({ opened: 1, closed: 0 });
  });

  it('counts a logged call as contact, and follows limits admins change', async () => {
    await deps.silence.saveSettings({
      ...DEFAULT_SILENCE_SETTINGS,
      limitsDays: { SHIPPED: 20 },
      fallbackAssignee: 'noor',
      version: 1,
    });
    expect(await sweep(at(15))).toEqual({ opened: 0, closed: 0 });
    await deps.communications.create(
      newLoggedInteraction(
        {
          communicationId: randomUUID(),
          customerId: 'CU-1',
          vehicleId: 'VH-1',
          type: 'Call',
          direction: 'inbound',
          content: 'They called to ask',
          createdBy: 'ava',
        },
        at(16),
      ),
    );
    expect(await sweep(at(21))).toEqual({ opened: 0, closed: 0 });
    expect(await sweep(at(36, 1))).toEqual({ opened: 1, closed: 0 });
    expect(await openTasks('ava')).toHaveLength(1);
  });

  it('ignores a stale stage change arriving after a later one', async () => {
    await stage('ARRIVED_AT_PORT', 7, at(2));
    await stage('SHIPPED', 6, SHIPPED_AT); // redelivered late
    expect(await sweep(at(7, 1))).toEqual({ opened: 1, closed: 0 });
    expect((await openTasks('unassigned'))[0]?.source).toMatchObject({ stage: 'ARRIVED_AT_PORT' });
  });
});
