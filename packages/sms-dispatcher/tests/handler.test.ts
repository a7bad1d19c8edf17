import { randomUUID } from 'node:crypto';
import { createLogger, DynamoCommunicationRepository, DynamoCustomerRepository } from '@import-comms/aws';
import {
  lambdaContext as context,
  createTestTable,
  RecordingDeadLetters,
  sqsEventOf,
} from '@import-comms/aws/testing';
import { newOutboundMessage, type OutboundSms, PermanentDeliveryError } from '@import-comms/core';
import { createContainer } from '../src/container.js';
import { createHandler, type SmsDispatcherDependencies } from '../src/create-handler.js';

const NOW = new Date('2026-11-25T02:00:00Z');

let communications: DynamoCommunicationRepository;
let dependencies: SmsDispatcherDependencies;
let sent: OutboundSms[];
const deadLetters = new RecordingDeadLetters();
let refuse: boolean;

beforeAll(async () => {
  const { documents, tableName } = await createTestTable('sms');
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
    sender: {
      send: async (sms) => {
        if (refuse) throw new PermanentDeliveryError('SNS: Invalid parameter: PhoneNumber');
        sent.push(sms);
        return { providerMessageId: `sns-${sms.communicationId}` };
      },
    },
    queue: { enqueue: async () => [] },
    deadLetter: { deadLetters, maxReceiveCount: 5 },
    logger: createLogger({ serviceName: 'sms-dispatcher-test' }),
  };
});

beforeEach(() => {
  sent = [];
  deadLetters.sent.splice(0);
  refuse = false;
});

async function pendingSms(): Promise<string> {
  const message = newOutboundMessage(
    {
      communicationId: randomUUID(),
      customerId: 'CU-1',
      channel: 'SMS',
      category: 'transactional',
      address: '+61412000111',
      content: 'Your Land Cruiser cleared customs.',
      sms: { encoding: 'GSM-7', segments: 1 },
      createdBy: 'test',
    },
    NOW,
  );
  await communications.create(message);
  return message.communicationId;
}

const eventOf = (...bodies: string[]) => sqsEventOf(...bodies.map((body) => ({ body })));

const requestFor = (communicationId: string) => JSON.stringify({ communicationId, channel: 'SMS' });

describe('the SMS dispatcher handler', () => {
  it('texts the stored message to the stored number once, however often the request arrives', async () => {
    const id = await pendingSms();
    const handler = createHandler(dependencies);

    await handler(eventOf(requestFor(id), requestFor(id)), context);
    await handler(eventOf(requestFor(id)), context);

    expect(sent).toEqual([
      { communicationId: id, to: '+61412000111', text: 'Your Land Cruiser cleared customs.' },
    ]);
    expect((await communications.get(id))?.providerMessageId).toBe(`sns-${id}`);
  });

  it('records a number the provider refuses as Failed with the reason, without retrying the record', async () => {
    const id = await pendingSms();
    refuse = true;

    const response = await createHandler(dependencies)(eventOf(requestFor(id)), context);

    expect(response.batchItemFailures).toEqual([]);
    expect(await communications.get(id)).toMatchObject({
      status: 'Failed',
      statusHistory: expect.arrayContaining([
        expect.objectContaining({ status: 'Failed', reason: expect.stringContaining('PhoneNumber') }),
      ]),
    });
  });

  it('dead-letters an email request that reached the SMS queue, saying so', async () => {
    await createHandler(dependencies)(
      eventOf(JSON.stringify({ communicationId: 'x', channel: 'Email' })),
      context,
    );

    expect(deadLetters.reasons).toEqual(['an Email request on the SMS queue']);
  });
});

describe('the SMS dispatcher container', () => {
  it('refuses a sender id SNS would refuse, naming the setting', () => {
    expect(() =>
      createContainer({
        TABLE_NAME: 'comms',
        SMS_SENDER_ID: 'Acme-Imports-Ltd',
        SMS_MAX_PRICE_USD: '0.50',
        SMS_QUEUE_URL: 'http://queue.invalid/sms',
        SMS_DLQ_URL: 'http://queue.invalid/sms-dlq',
      }),
    ).toThrow(/SMS_SENDER_ID/);
  });
});
