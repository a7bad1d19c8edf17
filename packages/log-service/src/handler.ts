import { sqsBatchHandler } from '@import-comms/aws';
import { PoisonMessageError, parseDeliveryCallback } from '@import-comms/core';
import { recordCallback } from './app/record-callback.js';
import { createContainer } from './container.js';

const { deps, logger, flushCounts, deadLetter } = createContainer();

/** callback-queue (SES events, SMS receipts) → status history. Unreadable bodies go to the DLQ with the reason. */
export const handler = sqsBatchHandler(
  logger,
  async (record) => {
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      throw new PoisonMessageError('callback body is not JSON');
    }
    const callback = parseDeliveryCallback(body, deps.clock.now());
    if (!callback)
      throw new PoisonMessageError('callback is neither an SES event nor an SMS delivery receipt');
    const outcome = await recordCallback(callback, deps);
    logger.info('callback', {
      kind: callback.kind,
      providerMessageId: callback.providerMessageId,
      ...outcome,
    });
  },
  flushCounts,
  deadLetter,
);
