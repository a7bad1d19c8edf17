import { randomUUID } from 'node:crypto';
import {
  createLogger,
  DynamoCommunicationRepository,
  DynamoCustomerRepository,
  DynamoTemplateRepository,
} from '@import-comms/aws';
import {
  lambdaContext as context,
  createTestTable,
  sqsEventOf as eventOf,
  RecordingDeadLetters,
} from '@import-comms/aws/testing';
import {
  automatedCommunicationId,
  type DispatchRequest,
  fallbackCommunicationId,
  LiquidTemplateEngine,
  newOutboundMessage,
  SAMPLE_COMPANY,
  seedDefaultTemplates,
  TemplateRenderer,
} from '@import-comms/core';
import { exampleOf } from '@import-comms/events';
import { createHandler, type LogServiceDependencies } from '../src/create-handler.js';

const SENT_AT = new Date('2026-11-25T02:00:00Z');
const now = new Date('2026-11-25T02:00:05Z');
const clock = { now: () => now };
let communications: DynamoCommunicationRepository;
let dependencies: LogServiceDependencies;
const enqueued: DispatchRequest[] = [];
const paymentDue = exampleOf('payment-due.v1').Detail as Record<string, unknown>;

beforeAll(async () => {
  const { documents, tableName } = await createTestTable('fallback');
  communications = new DynamoCommunicationRepository(documents, tableName, clock);
  const customers = new DynamoCustomerRepository(documents, tableName, clock);
  const templates = new DynamoTemplateRepository(documents, tableName);
  const engine = new LiquidTemplateEngine();
  await seedDefaultTemplates(templates, engine, clock);
  await customers.saveContact({
    customerId: 'CU-2001',
    firstName: 'Aiko',
    lastName: 'Tanaka',
    email: 'aiko@example.com',
    phone: '+61412345678',
    language: 'en',
    // 13:00 there: outside quiet hours.
    timezone: 'Australia/Melbourne',
    asOf: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  });
  dependencies = {
    deps: {
      communications,
      customers,
      clock,
      fallback: {
        communications,
        customers,
        templates,
        renderer: new TemplateRenderer({ templates, engine, company: SAMPLE_COMPANY }),
        queue: {
          enqueue: async (requests) => {
            enqueued.push(...requests);
            return [];
          },
        },
        clock,
      },
    },
    flushCounts: () => communications.flushCounts(),
    deadLetter: { deadLetters: new RecordingDeadLetters(), maxReceiveCount: 5 },
    logger: createLogger({ serviceName: 'log-service-test' }),
  };
});

/** A templated email as the trigger-service and the dispatcher leave it: sent, with SES's id. */
async function sentReminder(
  templateId: string,
  trigger?: { eventId: string; source: string; detailType: string; triggerId: string },
): Promise<{ communicationId: string; providerMessageId: string }> {
  const communicationId = randomUUID();
  const providerMessageId = `ses-${communicationId}`;
  await communications.create(
    newOutboundMessage(
      {
        communicationId,
        customerId: 'CU-2001',
        channel: 'Email',
        category: 'reminders',
        address: 'aiko@example.com',
        subject: 'Payment due',
        content: 'Please pay',
        templateId,
        ...(trigger ? { trigger } : {}),
        renderDetail: paymentDue,
        createdBy: 'system:trigger-service',
      },
      SENT_AT,
    ),
  );
  await communications.claim(communicationId, SENT_AT, 60);
  await communications.transition(communicationId, { status: 'Sent', at: SENT_AT, providerMessageId });
  return { communicationId, providerMessageId };
}

const hardBounce = (messageId: string) =>
  JSON.stringify({
    eventType: 'Bounce',
    mail: { messageId, timestamp: SENT_AT.toISOString() },
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: 'General',
      timestamp: '2026-11-25T02:00:02Z',
      bouncedRecipients: [{ emailAddress: 'nobody@example.com' }],
    },
  });

describe('a template’s channel fallback', () => {
  it('sends the SMS version of a hard-bounced payment reminder once, linked to it, however often SES tells us', async () => {
    const email = await sentReminder('payment-reminder-email');
    const handler = createHandler(dependencies);
    const before = enqueued.length;

    await handler(eventOf({ body: hardBounce(email.providerMessageId) }), context);
    await handler(eventOf({ body: hardBounce(email.providerMessageId) }), context);

    const id = fallbackCommunicationId(email.communicationId);
    const sms = await communications.get(id);
    expect(sms).toMatchObject({
      type: 'SMS',
      status: 'Pending',
      templateId: 'payment-reminder-sms',
      address: '+61412345678',
      resentFrom: email.communicationId,
      createdBy: 'system:channel-fallback',
    });
    // The amount of the event the email was about, not a sample's.
    expect(sms?.content).toContain('18,450.50');
    expect((await communications.get(email.communicationId))?.resentAs).toEqual([id]);
    // Queued by the first callback and again by the redelivery: the dispatcher's claim sends it once.
    expect(enqueued.slice(before).every((request) => request.communicationId === id)).toBe(true);
    expect((await communications.list({ customerId: 'CU-2001', type: 'SMS', limit: 50 })).items).toHaveLength(
      1,
    );
  });

  it('sends nothing when the same event reached the customer by SMS already (they take both channels)', async () => {
    const trigger = {
      eventId: `payment-due-${randomUUID()}`,
      source: 'import.finance',
      detailType: 'Payment Due',
      triggerId: 'payment-due.v1',
    };
    await communications.create(
      newOutboundMessage(
        {
          communicationId: automatedCommunicationId(trigger.eventId, 'payment-reminder-sms', 'SMS'),
          customerId: 'CU-2001',
          channel: 'SMS',
          category: 'reminders',
          address: '+61412345678',
          content: 'Payment due',
          templateId: 'payment-reminder-sms',
          trigger,
          createdBy: 'system:trigger-service',
        },
        SENT_AT,
      ),
    );
    const email = await sentReminder('payment-reminder-email', trigger);
    await createHandler(dependencies)(eventOf({ body: hardBounce(email.providerMessageId) }), context);
    expect(await communications.get(fallbackCommunicationId(email.communicationId))).toBeUndefined();
  });

  it('does nothing for a template without it', async () => {
    const email = await sentReminder('status-update-email');
    await createHandler(dependencies)(eventOf({ body: hardBounce(email.providerMessageId) }), context);
    expect(await communications.get(fallbackCommunicationId(email.communicationId))).toBeUndefined();
    expect((await communications.get(email.communicationId))?.status).toBe('Bounced');
  });
});
