import type { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { contracts } from '../src/catalogue.js';
import { exampleOf } from '../src/examples.js';
import { batchesOf, createPublisher, PublishValidationError } from '../src/publisher/index.js';

const paymentDue = () =>
  structuredClone(exampleOf(contracts.paymentDueV1.id).Detail) as Record<string, unknown>;

/**
 * An EventBridge client that answers like PutEvents, failing the entries a test chooses: the per-entry
 * throttling AWS returns cannot be produced by an emulator, so this error path uses a double.
 */
function flakyClient(
  failures: (attempt: number, position: number, detail: { eventId: string }) => string | undefined,
) {
  const calls: {
    entries: { Detail?: string; Source?: string; DetailType?: string; EventBusName?: string }[];
  }[] = [];
  let attempt = 0;
  return {
    calls,
    send: async (command: PutEventsCommand) => {
      attempt += 1;
      const entries = command.input.Entries ?? [];
      calls.push({ entries });
      return {
        FailedEntryCount: 0,
        Entries: entries.map((entry, position) => {
          const code = failures(attempt, position, JSON.parse(entry.Detail ?? '{}'));
          return code
            ? { ErrorCode: code, ErrorMessage: `${code} (test)` }
            : { EventId: `aws-${attempt}-${position}` };
        }),
      };
    },
  };
}

describe('publisher', () => {
  it('validates every event before sending anything and lists every issue', async () => {
    const client = flakyClient(() => undefined);
    const publisher = createPublisher({ busName: 'import-events', client: client as never });
    const broken = { ...paymentDue(), amountDue: { amount: -5, currency: 'dollars' } };
    const missing = { ...paymentDue(), customerId: undefined };

    const error = await publisher
      .publish([
        { contract: contracts.paymentDueV1, detail: paymentDue() as never },
        { contract: contracts.paymentDueV1, detail: broken as never },
        { contract: contracts.paymentDueV1, detail: missing as never },
      ])
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(PublishValidationError);
    const failures = (error as PublishValidationError).failures;
    expect(failures.map((failure) => failure.index)).toEqual([1, 2]);
    expect(failures[0]?.issues.map((issue) => issue.path).sort()).toEqual([
      'detail.amountDue.amount',
      'detail.amountDue.currency',
    ]);
    expect(failures[1]?.issues.map((issue) => issue.path)).toEqual(['detail.customerId']);
    expect(client.calls).toHaveLength(0);
  });

  it('fills source and detail-type from the contract and sends batches of ten', async () => {
    const client = flakyClient(() => undefined);
    const publisher = createPublisher({ busName: 'import-events', client: client as never });
    const events = Array.from({ length: 23 }, (_, index) => ({
      contract: contracts.paymentDueV1,
      detail: { ...paymentDue(), eventId: `due-${index}` } as never,
    }));

    const results = await publisher.publish(events);

    expect(client.calls.map((call) => call.entries.length)).toEqual([10, 10, 3]);
    expect(client.calls[0]?.entries[0]).toMatchObject({
      EventBusName: 'import-events',
      Source: 'import.finance',
      DetailType: 'Payment Due',
    });
    expect(results.map((result) => result.status)).toEqual(Array(23).fill('published'));
    expect(results.map((result) => result.eventId)).toEqual(events.map((_, index) => `due-${index}`));
  });

  it('retries only the failed entries, with backoff, and reports those that never got through', async () => {
    const delays: number[] = [];
    // due-1 is throttled twice then passes; due-2 always fails.
    const client = flakyClient((attempt, _position, detail) => {
      if (detail.eventId === 'due-1' && attempt <= 2) return 'ThrottlingException';
      if (detail.eventId === 'due-2') return 'InternalFailure';
      return undefined;
    });
    const publisher = createPublisher({
      busName: 'import-events',
      client: client as never,
      maxAttempts: 4,
      baseDelayMs: 50,
      sleep: async (ms) => {
        delays.push(ms);
      },
    });

    const results = await publisher.publish(
      ['due-0', 'due-1', 'due-2'].map((eventId) => ({
        contract: contracts.paymentDueV1,
        detail: { ...paymentDue(), eventId } as never,
      })),
    );

    expect(
      client.calls.map((call) => call.entries.map((entry) => JSON.parse(entry.Detail ?? '{}').eventId)),
    ).toEqual([['due-0', 'due-1', 'due-2'], ['due-1', 'due-2'], ['due-1', 'due-2'], ['due-2']]);
    expect(results).toEqual([
      expect.objectContaining({ eventId: 'due-0', status: 'published', attempts: 1 }),
      expect.objectContaining({ eventId: 'due-1', status: 'published', attempts: 3 }),
      expect.objectContaining({
        eventId: 'due-2',
        status: 'failed',
        errorCode: 'InternalFailure',
        attempts: 4,
      }),
    ]);
    expect(delays).toHaveLength(3);
    delays.forEach((delay, index) => {
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(50 * 2 ** (index + 1));
    });
  });

  it('keeps each request under 256 KB', () => {
    const big = 'x'.repeat(100 * 1024);
    const items = Array.from({ length: 5 }, (_, index) => ({
      entry: { Source: 's', DetailType: 'd', Detail: JSON.stringify({ index, big }) },
    }));
    expect(batchesOf(items).map((batch) => batch.length)).toEqual([2, 2, 1]);
  });
});
