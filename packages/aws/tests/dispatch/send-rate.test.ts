import {
  type Communication,
  type DispatchRequest,
  type SendReceipt,
  ThrottledDeliveryError,
} from '@import-comms/core';
import type { SQSRecord } from 'aws-lambda';
import { createLogger, DynamoSendRateLimiter, dispatchRecord, putOffSeconds } from '../../src/index.js';
import { createTestTable, manualClock, type TestTable } from '../support/table.js';

let table: TestTable;
beforeAll(async () => {
  table = await createTestTable();
});

/** A dispatcher's limiter on the shared table, with a clock the test holds still and waits it records. */
function dispatcher(rate: number, clock: ReturnType<typeof manualClock>, waits: number[]) {
  return new DynamoSendRateLimiter(table.documents, table.tableName, {
    rateFor: async () => rate,
    horizonSeconds: 2,
    clock,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
}

describe('the shared sending schedule', () => {
  it('gives 30 concurrent sends from three dispatchers 30 distinct turns, 1/rate apart', async () => {
    const clock = manualClock('2026-11-25T00:00:00.000Z');
    const waits: number[] = [];
    const dispatchers = [1, 2, 3].map(() => dispatcher(20, clock, waits));

    const turns = await Promise.all(
      Array.from({ length: 30 }, (_, i) => dispatchers[i % 3]?.acquire('Email')),
    );

    const interval = Math.ceil(1000 / 20);
    expect(turns.every((turn) => turn?.granted)).toBe(true);
    // The first send goes at once; every other waits for its own turn, none shared.
    const starts = [0, ...waits].sort((a, b) => a - b);
    expect(starts).toEqual(Array.from({ length: 30 }, (_, i) => i * interval));
  });

  it('puts off a send whose turn is beyond the horizon, taking no turn for it', async () => {
    const clock = manualClock('2026-11-25T01:00:00.000Z');
    const waits: number[] = [];
    const limiter = dispatcher(1, clock, waits);

    const granted = await Promise.all([
      limiter.acquire('SMS'),
      limiter.acquire('SMS'),
      limiter.acquire('SMS'),
    ]);
    const refused = await limiter.acquire('SMS');
    clock.set('2026-11-25T01:00:03.000Z');
    const later = await limiter.acquire('SMS');

    expect(granted.map((turn) => turn.granted)).toEqual([true, true, true]);
    expect(refused).toEqual({ granted: false, retryAfterSeconds: 2 });
    // Turns at 0, 1 and 2 s were taken; the refused send took none, so at 3 s the next one goes at once.
    expect(later).toEqual({ granted: true });
    expect(waits.sort((a, b) => a - b)).toEqual([1000, 2000]);
  });

  it('keeps channels apart', async () => {
    const clock = manualClock('2026-11-25T02:00:00.000Z');
    const waits: number[] = [];
    const limiter = dispatcher(1, clock, waits);

    await limiter.acquire('Email');
    await limiter.acquire('SMS');

    expect(waits).toEqual([]);
  });
});

describe('a send put off for the sending rate', () => {
  const request: DispatchRequest = { communicationId: 'c-throttled', channel: 'Email' };
  const record = (body: DispatchRequest) => ({ messageId: 'm1', body: JSON.stringify(body) }) as SQSRecord;

  function handlerThatThrottles(retryAfterSeconds: number | Error) {
    const enqueued: { requests: readonly DispatchRequest[]; delaySeconds?: number }[] = [];
    const handle = dispatchRecord({
      channel: 'Email',
      deps: {
        communications: {
          get: async () =>
            ({ communicationId: 'c-throttled', status: 'Pending', customerId: 'CU-1' }) as Communication,
        } as never,
        customers: { getRecipient: async () => ({}) } as never,
        clock: { now: () => new Date('2026-11-25T00:00:00Z') },
        claimLeaseSeconds: 60,
        sendRate: {
          acquire: async () => {
            if (retryAfterSeconds instanceof Error) throw retryAfterSeconds;
            return { granted: false, retryAfterSeconds };
          },
        },
      },
      queue: {
        enqueue: async (requests, options) => {
          enqueued.push({
            requests,
            ...(options?.delaySeconds ? { delaySeconds: options.delaySeconds } : {}),
          });
          return [];
        },
      },
      logger: createLogger({ serviceName: 'test' }),
      send: async (): Promise<SendReceipt> => ({ providerMessageId: 'never' }),
    });
    return { handle, enqueued };
  }

  it('goes back on its queue, delayed and counted, instead of failing the receive', async () => {
    const { handle, enqueued } = handlerThatThrottles(3);

    await handle(record({ ...request, throttled: 2 }));

    expect(enqueued).toEqual([
      { requests: [{ ...request, throttled: 3 }], delaySeconds: expect.any(Number) },
    ]);
    expect(enqueued[0]?.delaySeconds).toBeGreaterThanOrEqual(4);
    expect(enqueued[0]?.delaySeconds).toBeLessThanOrEqual(5);
  });

  it('waits at least what the limiter asked, doubling with each put-off, never over two minutes', () => {
    const noJitter = () => 0;

    expect([0, 1, 2, 3, 10].map((n) => putOffSeconds(n, 1, noJitter))).toEqual([1, 2, 4, 8, 120]);
    expect(putOffSeconds(0, 10, noJitter)).toBe(10);
    expect(putOffSeconds(0, 1, () => 0.99)).toBe(2);
  });

  it('fails the receive (SQS retries it) for any other error, re-queuing nothing', async () => {
    const { handle, enqueued } = handlerThatThrottles(new Error('table unavailable'));

    await expect(handle(record(request))).rejects.toThrow('table unavailable');
    expect(enqueued).toEqual([]);
  });

  it('counts the provider still throttling after the SDK retries as a put-off too', () => {
    const error = new ThrottledDeliveryError(
      'SES TooManyRequestsException: Maximum sending rate exceeded.',
      1,
    );

    expect(putOffSeconds(0, error.retryAfterSeconds, () => 0)).toBe(1);
  });
});
