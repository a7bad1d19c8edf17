import {
  DynamoCommunicationRepository,
  DynamoCustomerRepository,
  DynamoPaymentReminders,
  DynamoTemplateRepository,
} from '@import-comms/aws';
import { createTestTable } from '@import-comms/aws/testing';
import {
  DEFAULT_PREFERENCES,
  type DispatchRequest,
  LiquidTemplateEngine,
  MissingDataError,
  seedDefaultTemplates,
  TemplateRenderer,
} from '@import-comms/core';
import { exampleEvent, validateEvent } from '@import-comms/events';
import { handleEvent, type TriggerDependencies } from '../src/app/handle-event.js';

/** Noon UTC: outside quiet hours for a customer in UTC, so nothing is deferred unless a test says so. */
const NOW = new Date('2026-11-25T12:00:00.000Z');
const COMPANY = {
  name: 'Acme Imports Ltd',
  phone: '+61 2 8000 0000',
  email: 'hello@acme-imports.example',
  website: 'https://acme-imports.example',
  portalUrl: 'https://portal.acme-imports.example',
};

let deps: TriggerDependencies;
let enqueued: DispatchRequest[];

beforeAll(async () => {
  const { documents, tableName } = await createTestTable('handle');
  const clock = { now: () => NOW };
  const templates = new DynamoTemplateRepository(documents, tableName);
  const engine = new LiquidTemplateEngine();
  await seedDefaultTemplates(templates, engine, clock);
  const customers = new DynamoCustomerRepository(documents, tableName);
  enqueued = [];
  deps = {
    communications: new DynamoCommunicationRepository(documents, tableName, clock),
    customers,
    templates,
    renderer: new TemplateRenderer({ templates, engine, company: COMPANY }),
    queue: {
      enqueue: async (requests) => {
        enqueued.push(...requests);
        return [];
      },
    },
    clock,
    company: COMPANY,
    paymentReminders: new DynamoPaymentReminders(documents, tableName),
  };
});

/** A validated event of a contract: its example with `detail` changed, in the EventBridge envelope. */
function event(contractId: string, detail: Record<string, unknown>) {
  const validated = validateEvent(exampleEvent(contractId, detail, { time: NOW.toISOString() }));
  if (!validated.success) throw new Error(JSON.stringify(validated.issues));
  return validated.data;
}

let serial = 0;
/** A customer of this test alone, known to the CRM projection (email and phone, in UTC). */
async function knownCustomer() {
  serial += 1;
  const customerId = `CU-H${serial}`;
  const vehicleId = `VH-H${serial}`;
  await handleEvent(
    event('customer-upserted.v1', {
      eventId: `cust-${customerId}`,
      customerId,
      email: `h${serial}@example.com`,
      phone: `+614120000${String(serial).padStart(2, '0')}`,
      timezone: 'UTC',
      isNew: false,
    }),
    deps,
  );
  return { customerId, vehicleId };
}

const stageChange = (who: { customerId: string; vehicleId: string }, sequence: number, toStage = 'SHIPPED') =>
  event('import-stage-changed.v1', {
    eventId: `stage-${who.vehicleId}-${sequence}`,
    customerId: who.customerId,
    vehicleId: who.vehicleId,
    fromStage: 'EXPORT_PREPARATION',
    toStage,
    stageSequence: sequence,
    stageData: {},
  });

async function statuses(customerId: string) {
  const page = await deps.communications.list({ customerId, limit: 20 });
  return page.items
    .map((item) => `${item.templateId}:${item.status}${item.statusReason ? `(${item.statusReason})` : ''}`)
    .sort();
}

describe('handleEvent', () => {
  it('welcomes a new customer by email and SMS, due now, both enqueued', async () => {
    serial += 1;
    const customerId = `CU-NEW${serial}`;
    enqueued.length = 0;

    const outcome = await handleEvent(
      event('customer-upserted.v1', {
        eventId: `new-${customerId}`,
        customerId,
        email: 'new@example.com',
        phone: '+61412999000',
        timezone: 'UTC',
        isNew: true,
      }),
      deps,
    );

    expect(outcome.created.map((c) => `${c.templateId}:${c.status}`).sort()).toEqual([
      'welcome-email:Pending',
      'welcome-sms:Pending',
    ]);
    expect(enqueued.map((request) => request.channel).sort()).toEqual(['Email', 'SMS']);
    expect(await deps.customers.getContact(customerId)).toMatchObject({ email: 'new@example.com' });
  });

  it("stores the customer's name and the vehicle's description on what it creates, for the lists reps read", async () => {
    const who = await knownCustomer();
    await handleEvent(
      event('vehicle-upserted.v1', {
        eventId: `vehicle-${who.vehicleId}`,
        customerId: who.customerId,
        vehicleId: who.vehicleId,
      }),
      deps,
    );

    await handleEvent(stageChange(who, 3), deps);

    const page = await deps.communications.list({ customerId: who.customerId, limit: 20 });
    const fromStage = page.items.filter((item) => item.vehicleId === who.vehicleId);
    expect(fromStage.length).toBeGreaterThan(0);
    for (const item of fromStage)
      expect(item).toMatchObject({
        customerName: 'Aiko Tanaka',
        vehicleLabel: '2021 Toyota Land Cruiser 70',
      });
  });

  it('creates nothing new for the same event again, and says how many it had made', async () => {
    const who = await knownCustomer();
    const first = await handleEvent(stageChange(who, 6), deps);

    const again = await handleEvent(stageChange(who, 6), deps);

    expect(first.created).toHaveLength(2);
    expect(again).toMatchObject({ created: [], alreadyCreated: 2 });
    expect(await statuses(who.customerId)).toHaveLength(2);
  });

  it('throws MissingDataError for a customer the CRM has not announced (retried, then dead-lettered)', async () => {
    await expect(
      handleEvent(stageChange({ customerId: 'CU-NOBODY', vehicleId: 'VH-NOBODY' }, 3), deps),
    ).rejects.toBeInstanceOf(MissingDataError);
  });

  it('logs a stage change older than the one stored as not sent, with the reason', async () => {
    const who = await knownCustomer();
    await handleEvent(stageChange(who, 7, 'ARRIVED_AT_PORT'), deps);

    const stale = await handleEvent(stageChange(who, 6), deps);

    expect(stale.stale).toBe(true);
    expect(stale.created.map((c) => c.status)).toEqual(['NotSent', 'NotSent']);
  });

  it("respects the customer's channels: SMS off means NotSent for the SMS, the email still goes", async () => {
    const who = await knownCustomer();
    await deps.customers.savePreferences(
      who.customerId,
      { ...DEFAULT_PREFERENCES, channels: ['Email'], channelOrder: ['Email'] },
      0,
      'rep:ava',
      NOW,
    );

    await handleEvent(stageChange(who, 6), deps);

    const [email, sms] = await statuses(who.customerId);
    expect(email).toMatch(/^shipping-update-email:Pending$/);
    expect(sms).toMatch(/^shipping-update-sms:NotSent\(channel-disabled\)$/);
  });

  it('defers an SMS in quiet hours (Scheduled, not enqueued), while the email goes now', async () => {
    const who = await knownCustomer();
    await deps.customers.savePreferences(
      who.customerId,
      { ...DEFAULT_PREFERENCES, quietHours: { start: '11:00', end: '13:00', channels: ['SMS'] } },
      0,
      'rep:ava',
      NOW,
    );
    enqueued.length = 0;

    await handleEvent(stageChange(who, 6), deps);

    expect(await statuses(who.customerId)).toEqual([
      'shipping-update-email:Pending',
      'shipping-update-sms:Scheduled',
    ]);
    expect(enqueued.map((request) => request.channel)).toEqual(['Email']);
  });

  it('fires nothing for an event no template listens to, but keeps its projection', async () => {
    const who = await knownCustomer();

    const outcome = await handleEvent(
      event('vehicle-upserted.v1', {
        eventId: `veh-${who.vehicleId}`,
        customerId: who.customerId,
        vehicleId: who.vehicleId,
      }),
      deps,
    );

    expect(outcome).toEqual({ created: [], alreadyCreated: 0, stale: false });
    expect(await deps.customers.getVehicle(who.vehicleId)).toMatchObject({ customerId: who.customerId });
  });
});
