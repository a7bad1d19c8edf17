import { randomUUID } from 'node:crypto';
import {
  createDocumentClient,
  createDynamoClient,
  DynamoCommunicationRepository,
  ensureTable,
} from '@import-comms/aws';
import { type DispatchRequest, newOutboundMessage } from '@import-comms/core';
import { releaseDue } from '../src/app/release-due.js';
import { createSweeperContainer } from '../src/sweeper-container.js';

const NOW = new Date('2026-11-25T10:00:00.000Z');

async function repository() {
  const client = createDynamoClient({ endpoint: process.env.TEST_DYNAMODB_ENDPOINT ?? '' });
  const tableName = `sweeper-${randomUUID()}`;
  await ensureTable(client, tableName);
  return new DynamoCommunicationRepository(createDocumentClient(client), tableName);
}

function scheduled(id: string, at: string) {
  return newOutboundMessage(
    {
      communicationId: id,
      customerId: 'CU-1',
      channel: 'SMS',
      category: 'transactional',
      address: '+61412345678',
      content: 'Your car has shipped',
      scheduledFor: new Date(at),
      createdBy: 'system:trigger-service',
    },
    new Date('2026-11-25T09:00:00.000Z'),
  );
}

describe('releasing due messages', () => {
  it('hands the due ones to their dispatcher, leaves the rest, and reports the count', async () => {
    const communications = await repository();
    await communications.create(scheduled('due-1', '2026-11-25T09:30:00.000Z'));
    await communications.create(scheduled('due-2', '2026-11-25T10:00:00.000Z'));
    await communications.create(scheduled('later', '2026-11-25T10:00:01.000Z'));
    const enqueued: DispatchRequest[] = [];

    const result = await releaseDue({
      communications,
      clock: { now: () => NOW },
      queue: {
        enqueue: async (requests) => {
          enqueued.push(...requests);
          return [];
        },
      },
    });

    expect(result).toEqual({ released: 2 });
    expect(enqueued.map((request) => request.communicationId).sort()).toEqual(['due-1', 'due-2']);
  });

  it('fails the sweep (the next one retries) when the queue refuses some', async () => {
    const communications = await repository();
    await communications.create(scheduled('due-3', '2026-11-25T09:30:00.000Z'));

    await expect(
      releaseDue({
        communications,
        clock: { now: () => NOW },
        queue: { enqueue: async (requests) => [...requests] },
      }),
    ).rejects.toThrow('could not enqueue 1 due communication(s); the next sweep retries');
  });

  it('needs only its table and the dispatch queues to start', () => {
    expect(() =>
      createSweeperContainer({
        TABLE_NAME: 't',
        EMAIL_QUEUE_URL: 'e',
        SMS_QUEUE_URL: 's',
        AWS_REGION: 'ap-southeast-2',
      }),
    ).not.toThrow();
    expect(() => createSweeperContainer({})).toThrow(
      /sweeper configuration is invalid: TABLE_NAME.*EMAIL_QUEUE_URL.*SMS_QUEUE_URL/,
    );
  });
});
