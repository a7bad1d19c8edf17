import { randomUUID } from 'node:crypto';
import {
  createDocumentClient,
  createDynamoClient,
  createLogger,
  DynamoCommunicationRepository,
  DynamoCustomerRepository,
  DynamoPaymentReminders,
  DynamoTemplateRepository,
  ensureTable,
} from '@import-comms/aws';
import {
  LiquidTemplateEngine,
  SAMPLE_COMPANY,
  seedDefaultTemplates,
  TemplateService,
} from '@import-comms/core';
import { exampleOf } from '@import-comms/events';
import type { Context, SQSEvent } from 'aws-lambda';
import { createHandler, type TriggerServiceDependencies } from '../src/create-handler.js';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const context = { getRemainingTimeInMillis: () => 30_000 } as Context;

let dependencies: TriggerServiceDependencies;
let deadLettered: { body: string; reason: string; details?: unknown }[];

beforeAll(async () => {
  const client = createDynamoClient({ endpoint: process.env.TEST_DYNAMODB_ENDPOINT ?? '' });
  const tableName = `trigger-handler-${randomUUID()}`;
  await ensureTable(client, tableName);
  const documents = createDocumentClient(client);
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
      templateService: new TemplateService({ templates, engine, clock, customers, company: SAMPLE_COMPANY }),
      queue: { enqueue: async () => [] },
      clock,
      company: SAMPLE_COMPANY,
      paymentReminders: new DynamoPaymentReminders(documents, tableName),
    },
    flushCounts: () => communications.flushCounts(),
    deadLetter: {
      deadLetters: {
        send: async (body, reason, details) => {
          deadLettered.push({ body, reason, ...(details === undefined ? {} : { details }) });
        },
      },
      maxReceiveCount: 5,
    },
    logger: createLogger({ serviceName: 'trigger-service-test' }),
  };
});

beforeEach(() => {
  deadLettered = [];
});

const envelope = (contractId: string, detail: Record<string, unknown>) => {
  const example = exampleOf(contractId);
  return JSON.stringify({
    version: '0',
    id: randomUUID(),
    'detail-type': example.DetailType,
    source: example.Source,
    account: '123456789012',
    time: NOW.toISOString(),
    region: 'ap-southeast-2',
    resources: [],
    detail: { ...example.Detail, ...detail },
  });
};

const eventOf = (...records: { body: string; receives?: number }[]) =>
  ({
    Records: records.map(({ body, receives }, index) => ({
      messageId: `m${index}`,
      body,
      attributes: { ApproximateReceiveCount: String(receives ?? 1) },
    })),
  }) as unknown as SQSEvent;

describe('the trigger service handler', () => {
  it('dead-letters a body that is not JSON and an event that breaks its contract at once, with every issue', async () => {
    const broken = envelope('import-stage-changed.v1', { stageSequence: -1, toStage: 'ON_THE_MOON' });

    const response = await createHandler(dependencies)(
      eventOf({ body: 'not json' }, { body: broken }),
      context,
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(deadLettered[0]).toEqual({ body: 'not json', reason: 'message body is not JSON' });
    expect(deadLettered[1]?.reason).toMatch(
      /^event breaks its contract: .*toStage.*stageSequence|stageSequence.*toStage/,
    );
    expect(deadLettered[1]?.details).toEqual(
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
    expect(deadLettered).toEqual([
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
    expect(deadLettered).toEqual([]);
  });
});
