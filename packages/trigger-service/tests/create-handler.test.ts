import { randomUUID } from 'node:crypto';
import {
  createLogger,
  DynamoCommunicationRepository,
  DynamoCustomerRepository,
  DynamoPaymentReminders,
  DynamoTemplateRepository,
} from '@import-comms/aws';
import {
  lambdaContext as context,
  createTestTable,
  sqsEventOf as eventOf,
  RecordingDeadLetters,
} from '@import-comms/aws/testing';
import {
  LiquidTemplateEngine,
  SAMPLE_COMPANY,
  seedDefaultTemplates,
  TemplateRenderer,
} from '@import-comms/core';
import { exampleEvent } from '@import-comms/events';
import { createHandler, type TriggerServiceDependencies } from '../src/create-handler.js';

const NOW = new Date('2026-11-25T12:00:00.000Z');

let dependencies: TriggerServiceDependencies;
const deadLetters = new RecordingDeadLetters();

beforeAll(async () => {
  const { documents, tableName } = await createTestTable('trigger-handler');
  const clock = { now: () => NOW };
  const templates = new DynamoTemplateRepository(documents, tableName);
  const engine = new LiquidTemplateEngine();
  await seedDefaultTemplates(templates, engine, clock);
  const customers = new DynamoCustomerRepository(documents, tableName);
  const communications = new DynamoCommunicationRepository(documents, tableName, clock);
  dependencies = {
    deps: {
      communications,
      customers,
      templates,
      renderer: new TemplateRenderer({ templates, engine, company: SAMPLE_COMPANY }),
      queue: { enqueue: async () => [] },
      clock,
      company: SAMPLE_COMPANY,
      paymentReminders: new DynamoPaymentReminders(documents, tableName),
    },
    flushCounts: () => communications.flushCounts(),
    deadLetter: { deadLetters, maxReceiveCount: 5 },
    logger: createLogger({ serviceName: 'trigger-service-test' }),
  };
});

beforeEach(() => {
  deadLetters.sent.splice(0);
});

const envelope = (contractId: string, detail: Record<string, unknown>) =>
  JSON.stringify(exampleEvent(contractId, detail, { time: NOW.toISOString() }));

describe('the trigger service handler', () => {
  it('dead-letters a body that is not JSON and an event that breaks its contract at once, with every issue', async () => {
    const broken = envelope('import-stage-changed.v1', { stageSequence: -1, toStage: 'ON_THE_MOON' });

    const response = await createHandler(dependencies)(
      eventOf({ body: 'not json' }, { body: broken }),
      context,
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(deadLetters.sent[0]).toEqual({ body: 'not json', reason: 'message body is not JSON' });
    expect(deadLetters.sent[1]?.reason).toMatch(
      /^event breaks its contract: .*toStage.*stageSequence|stageSequence.*toStage/,
    );
    expect(deadLetters.sent[1]?.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'detail.toStage' }),
        expect.objectContaining({ path: 'detail.stageSequence' }),
      ]),
    );
  });

  it('retries a stage change for a customer not known yet, and dead-letters it with the reason on the last receive', async () => {
    const customerId = `CU-${randomUUID().slice(0, 8)}`;
    const early = envelope('import-stage-changed.v1', { eventId: randomUUID(), customerId });
    const handler = createHandler(dependencies);

    const first = await handler(eventOf({ body: early, receives: 1 }), context);
    const last = await handler(eventOf({ body: early, receives: 5 }), context);

    expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'm0' }]);
    expect(last.batchItemFailures).toEqual([]);
    expect(deadLetters.sent).toEqual([
      {
        body: early,
        reason: `customer ${customerId} is not known yet (no Customer Upserted event) after 5 receives`,
      },
    ]);
  });

  it('creates an event’s communications once, however often the event arrives', async () => {
    const customerId = `CU-${randomUUID().slice(0, 8)}`;
    const customer = envelope('customer-upserted.v1', { eventId: randomUUID(), customerId, timezone: 'UTC' });
    const stage = envelope('import-stage-changed.v1', { eventId: randomUUID(), customerId });
    const handler = createHandler(dependencies);

    await handler(eventOf({ body: customer }), context);
    await handler(eventOf({ body: stage }, { body: stage }), context);
    await handler(eventOf({ body: stage }), context);

    const page = await dependencies.deps.communications.list({ customerId, limit: 50 });
    const fromStage = page.items.filter((item) => item.templateId?.startsWith('shipping-update'));
    expect(fromStage.map((item) => item.templateId).sort()).toEqual([
      'shipping-update-email',
      'shipping-update-sms',
    ]);
    expect(deadLetters.sent).toEqual([]);
  });
});
