import { randomUUID } from 'node:crypto';
import { createLogger, DynamoCommunicationRepository, DynamoCustomerRepository } from '@import-comms/aws';
import {
  lambdaContext as context,
  createTestTable,
  sqsEventOf as eventOf,
  RecordingDeadLetters,
} from '@import-comms/aws/testing';
import { newOutboundMessage } from '@import-comms/core';
import { createHandler, type LogServiceDependencies } from '../src/create-handler.js';

const SENT_AT = new Date('2026-11-25T02:00:00Z');

let now: Date;
let communications: DynamoCommunicationRepository;
let customers: DynamoCustomerRepository;
let dependencies: LogServiceDependencies;
const deadLetters = new RecordingDeadLetters();

beforeAll(async () => {
  const { documents, tableName } = await createTestTable('log');
  const clock = { now: () => now };
  communications = new DynamoCommunicationRepository(documents, tableName, clock);
  customers = new DynamoCustomerRepository(documents, tableName, clock);
  dependencies = {
    deps: { communications, customers, clock },
    flushCounts: () => communications.flushCounts(),
    deadLetter: { deadLetters, maxReceiveCount: 5 },
    logger: createLogger({ serviceName: 'log-service-test' }),
  };
});

beforeEach(() => {
  now = new Date('2026-11-25T02:00:05Z');
  deadLetters.sent.splice(0);
});

/** An email as the dispatcher leaves it: sent, with SES's message id. */
async function sentEmail(
  customerId = 'CU-1',
): Promise<{ communicationId: string; providerMessageId: string }> {
  const communicationId = randomUUID();
  const providerMessageId = `ses-${communicationId}`;
  await communications.create(
    newOutboundMessage(
      {
        communicationId,
        customerId,
        channel: 'Email',
        category: 'transactional',
        address: 'liam@example.com',
        subject: 'Shipped',
        content: 'On its way',
        createdBy: 'test',
      },
      SENT_AT,
    ),
  );
  await communications.claim(communicationId, SENT_AT, 60);
  await communications.transition(communicationId, { status: 'Sent', at: SENT_AT, providerMessageId });
  return { communicationId, providerMessageId };
}

const sesEvent = (eventType: string, messageId: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ eventType, mail: { messageId, timestamp: SENT_AT.toISOString() }, ...extra });

describe('the log service handler', () => {
  it('records a delivery at the time SES reports it, and ignores the same callback again', async () => {
    const email = await sentEmail();
    const delivery = sesEvent('Delivery', email.providerMessageId, {
      delivery: { timestamp: '2026-11-25T02:00:03Z' },
    });
    const handler = createHandler(dependencies);

    await handler(eventOf({ body: delivery }), context);
    await handler(eventOf({ body: delivery }), context);

    const stored = await communications.get(email.communicationId);
    expect(stored?.status).toBe('Delivered');
    expect(stored?.statusHistory.filter((entry) => entry.status === 'Delivered')).toEqual([
      expect.objectContaining({ at: '2026-11-25T02:00:03.000Z' }),
    ]);
  });

  it('stamps a callback without a provider time with the clock’s time, not the machine’s', async () => {
    const email = await sentEmail();
    now = new Date('2026-11-26T09:30:00Z');

    await createHandler(dependencies)(
      eventOf({ body: sesEvent('Delivery', email.providerMessageId, { delivery: {} }) }),
      context,
    );

    expect((await communications.get(email.communicationId))?.statusHistory.at(-1)).toMatchObject({
      status: 'Delivered',
      at: '2026-11-26T09:30:00.000Z',
    });
  });

  it('suppresses a hard-bounced address so nothing is written to it again', async () => {
    const customerId = `CU-${randomUUID().slice(0, 8)}`;
    const email = await sentEmail(customerId);

    await createHandler(dependencies)(
      eventOf({
        body: sesEvent('Bounce', email.providerMessageId, {
          bounce: {
            bounceType: 'Permanent',
            bounceSubType: 'General',
            bouncedRecipients: [
              { emailAddress: 'liam@example.com', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
            ],
          },
        }),
      }),
      context,
    );

    expect((await communications.get(email.communicationId))?.status).toBe('Bounced');
    expect((await customers.getPreferences(customerId))?.preferences.suppressedAddresses).toEqual([
      'liam@example.com',
    ]);
  });

  it('dead-letters what is no callback at once, and a callback for an unknown message on its last receive', async () => {
    const handler = createHandler(dependencies);
    const unknown = sesEvent('Delivery', 'ses-never-sent', { delivery: {} });

    const first = await handler(
      eventOf({ body: '{"half":' }, { body: '{"eventType":1}' }, { body: unknown, receives: 1 }),
      context,
    );
    const last = await handler(eventOf({ body: unknown, receives: 5 }), context);

    // The unknown message may still be recorded by its dispatcher: retried until the receive limit.
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: 'm2' }]);
    expect(last.batchItemFailures).toEqual([]);
    expect(deadLetters.reasons).toEqual([
      'callback body is not JSON',
      'callback is neither an SES event nor an SMS delivery receipt',
      'no communication has provider message id ses-never-sent after 5 receives',
    ]);
  });
});
