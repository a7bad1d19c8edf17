import { PoisonMessageError, TransientDeliveryError } from '@import-comms/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { createLogger, type DeadLetterSink, sqsBatchHandler } from '../../src/index.js';

/** A DLQ keeping what it was sent (the SQS adapter's call is covered against fauxqs by the local tests). */
class RecordingDeadLetters implements DeadLetterSink {
  readonly sent: { body: string; reason: string; details?: unknown }[] = [];
  async send(body: string, reason: string, details?: unknown): Promise<void> {
    this.sent.push({ body, reason, ...(details === undefined ? {} : { details }) });
  }
}

const record = (messageId: string, body: string, receives: number) =>
  ({ messageId, body, attributes: { ApproximateReceiveCount: String(receives) } }) as unknown as SQSRecord;

const context = { getRemainingTimeInMillis: () => 30_000 } as Context;

function handlerWith(deadLetters: RecordingDeadLetters) {
  return sqsBatchHandler(
    createLogger({ serviceName: 'test' }),
    async (received) => {
      if (received.body === 'poison') throw new PoisonMessageError('dispatch request is not JSON');
      if (received.body === 'contract')
        throw new PoisonMessageError('event breaks its contract', [
          { path: 'detail.eventId', message: 'Required' },
        ]);
      if (received.body === 'flaky') throw new TransientDeliveryError('SES InternalFailure: try again');
    },
    undefined,
    { deadLetters, maxReceiveCount: 5 },
  );
}

describe('dead-lettering in the batch handler', () => {
  it('sends a poison message to the DLQ at once with its reason, and completes the rest of the batch', async () => {
    const deadLetters = new RecordingDeadLetters();

    const response = await handlerWith(deadLetters)(
      { Records: [record('a', 'poison', 1), record('b', 'fine', 1)] } as SQSEvent,
      context,
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(deadLetters.sent).toEqual([{ body: 'poison', reason: 'dispatch request is not JSON' }]);
  });

  it('keeps the details a poison message names (every validation issue) beside its reason', async () => {
    const deadLetters = new RecordingDeadLetters();

    await handlerWith(deadLetters)({ Records: [record('c', 'contract', 1)] } as SQSEvent, context);

    expect(deadLetters.sent).toEqual([
      {
        body: 'contract',
        reason: 'event breaks its contract',
        details: [{ path: 'detail.eventId', message: 'Required' }],
      },
    ]);
  });

  it('retries a transient failure, and on the last receive dead-letters it with the reason', async () => {
    const deadLetters = new RecordingDeadLetters();
    const handler = handlerWith(deadLetters);

    const early = await handler({ Records: [record('c', 'flaky', 4)] } as SQSEvent, context);
    const last = await handler({ Records: [record('c', 'flaky', 5)] } as SQSEvent, context);

    expect(early.batchItemFailures).toEqual([{ itemIdentifier: 'c' }]);
    expect(last.batchItemFailures).toEqual([]);
    expect(deadLetters.sent).toEqual([
      { body: 'flaky', reason: 'SES InternalFailure: try again after 5 receives' },
    ]);
  });
});
