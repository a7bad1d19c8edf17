import { randomUUID } from 'node:crypto';
import { createLogger, DynamoCommunicationRepository, DynamoCustomerRepository } from '@import-comms/aws';
import {
  lambdaContext as context,
  createTestTable,
  sqsEventOf as eventOf,
  RecordingDeadLetters,
} from '@import-comms/aws/testing';
import {
  type Communication,
  type DispatchRequest,
  type MessageCategory,
  newOutboundMessage,
  type OutboundEmail,
  ThrottledDeliveryError,
} from '@import-comms/core';
import { createContainer } from '../src/container.js';
import { createHandler, type EmailDispatcherDependencies } from '../src/create-handler.js';

const NOW = new Date('2026-11-25T02:00:00Z');
const PREFERENCES_URL = 'https://portal.acme-imports.example/preferences';

let communications: DynamoCommunicationRepository;
let dependencies: EmailDispatcherDependencies;
let sent: OutboundEmail[];
let requeued: { requests: readonly DispatchRequest[]; delaySeconds?: number }[];
const deadLetters = new RecordingDeadLetters();
let senderAnswer: (email: OutboundEmail) => Promise<{ providerMessageId: string }>;

beforeAll(async () => {
  const { documents, tableName } = await createTestTable('email');
  const clock = { now: () => NOW };
  communications = new DynamoCommunicationRepository(documents, tableName, clock);
  dependencies = {
    deps: {
      communications,
      customers: new DynamoCustomerRepository(documents, tableName, clock),
      clock,
      claimLeaseSeconds: 60,
    },
    flushCounts: () => communications.flushCounts(),
    sender: { send: (email) => senderAnswer(email) },
    queue: {
      enqueue: async (requests, options) => {
        requeued.push({ requests, ...(options?.delaySeconds ? { delaySeconds: options.delaySeconds } : {}) });
        return [];
      },
    },
    deadLetter: { deadLetters, maxReceiveCount: 5 },
    preferencesUrl: PREFERENCES_URL,
    logger: createLogger({ serviceName: 'email-dispatcher-test' }),
  };
});

beforeEach(() => {
  sent = [];
  requeued = [];
  deadLetters.sent.splice(0);
  senderAnswer = async (email) => {
    sent.push(email);
    return { providerMessageId: `ses-${email.communicationId}` };
  };
});

async function pendingEmail(category: MessageCategory): Promise<Communication> {
  const message = newOutboundMessage(
    {
      communicationId: randomUUID(),
      customerId: 'CU-1',
      channel: 'Email',
      category,
      address: 'liam@example.com',
      subject: 'Your vehicle has shipped',
      content: 'It is on the water.',
      contentHtml: '<p>It is on the water.</p>',
      createdBy: 'test',
    },
    NOW,
  );
  await communications.create(message);
  return message;
}

const requestFor = (communicationId: string, channel = 'Email') =>
  JSON.stringify({ communicationId, channel });

describe('the email dispatcher handler', () => {
  it('sends a stored email once, with the unsubscribe link only where the category needs one', async () => {
    const reminder = await pendingEmail('reminders');
    const transactional = await pendingEmail('transactional');
    const handler = createHandler(dependencies);

    const response = await handler(
      eventOf(
        { body: requestFor(reminder.communicationId) },
        { body: requestFor(transactional.communicationId) },
      ),
      context,
    );
    // At-least-once delivery: the same request again sends nothing.
    await handler(eventOf({ body: requestFor(reminder.communicationId) }), context);

    expect(response.batchItemFailures).toEqual([]);
    expect(sent).toHaveLength(2);
    expect(sent.find((email) => email.communicationId === reminder.communicationId)).toEqual({
      communicationId: reminder.communicationId,
      to: 'liam@example.com',
      subject: 'Your vehicle has shipped',
      html: '<p>It is on the water.</p>',
      text: 'It is on the water.',
      unsubscribeUrl: PREFERENCES_URL,
    });
    expect(sent.find((email) => email.communicationId === transactional.communicationId)).not.toHaveProperty(
      'unsubscribeUrl',
    );
    expect((await communications.get(reminder.communicationId))?.status).toBe('Sent');
  });

  it('dead-letters a request that can never succeed at once, with its reason, and sends the rest', async () => {
    const good = await pendingEmail('transactional');

    const response = await createHandler(dependencies)(
      eventOf(
        { body: 'not json' },
        { body: requestFor(good.communicationId, 'SMS') },
        { body: requestFor(good.communicationId) },
      ),
      context,
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(deadLetters.reasons).toEqual([
      'dispatch request is not JSON',
      'an SMS request on the Email queue',
    ]);
    expect(sent.map((email) => email.communicationId)).toEqual([good.communicationId]);
  });

  it('puts a throttled send back on its own queue, delayed, instead of failing the receive', async () => {
    const email = await pendingEmail('transactional');
    senderAnswer = async () => {
      throw new ThrottledDeliveryError('SES: Maximum sending rate exceeded', 3);
    };

    const response = await createHandler(dependencies)(
      eventOf({ body: requestFor(email.communicationId) }),
      context,
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(requeued).toHaveLength(1);
    expect(requeued[0]?.requests).toEqual([
      { communicationId: email.communicationId, channel: 'Email', throttled: 1 },
    ]);
    expect(requeued[0]?.delaySeconds).toBeGreaterThanOrEqual(3);
    expect(deadLetters.sent).toEqual([]);
  });
});

describe('the email dispatcher container', () => {
  it('names every missing setting at once instead of starting half configured', () => {
    expect(() => createContainer({ TABLE_NAME: 'comms' })).toThrow(
      /SES_FROM_ADDRESS[\s\S]*SES_CONFIGURATION_SET[\s\S]*CUSTOMER_PORTAL_URL[\s\S]*EMAIL_QUEUE_URL/,
    );
  });

  it('leads "Manage how we contact you" to the configured portal', () => {
    const container = createContainer({
      AWS_REGION: 'ap-southeast-2',
      TABLE_NAME: 'comms',
      SES_FROM_ADDRESS: 'care@acme-imports.example',
      SES_CONFIGURATION_SET: 'import-comms',
      CUSTOMER_PORTAL_URL: 'https://portal.acme-imports.example/',
      EMAIL_QUEUE_URL: 'http://queue.invalid/email',
      EMAIL_DLQ_URL: 'http://queue.invalid/email-dlq',
    });

    expect(container.preferencesUrl).toBe(PREFERENCES_URL);
    expect(container.deadLetter.maxReceiveCount).toBeGreaterThan(1);
  });
});
