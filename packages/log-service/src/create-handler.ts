import {
  type MessageOutcome,
  NO_METRICS,
  type QueueHandlerDependencies,
  sqsBatchHandler,
} from '@import-comms/aws';
import { PoisonMessageError, parseDeliveryCallback, parseQueueJson } from '@import-comms/core';
import { type LogDependencies, recordCallback } from './app/record-callback.js';

/** The provider's verdicts counted as business figures, per channel. */
const CALLBACK_METRICS: Partial<Record<string, MessageOutcome>> = {
  Delivered: 'Delivered',
  Bounced: 'Bounced',
  Complained: 'Complained',
  Failed: 'DeliveryFailed',
};

/** What the log service runs on: built from the environment in AWS, from test doubles in tests. */
export type LogServiceDependencies = QueueHandlerDependencies<LogDependencies>;

/** callback-queue (SES events, SMS receipts) → status history. Unreadable bodies go to the DLQ with the reason. */
export function createHandler({
  deps,
  flushCounts,
  deadLetter,
  logger,
  metrics = NO_METRICS,
}: LogServiceDependencies) {
  return sqsBatchHandler(
    logger,
    async (record) => {
      const callback = parseDeliveryCallback(parseQueueJson(record.body, 'callback body'), deps.clock.now());
      if (!callback)
        throw new PoisonMessageError('callback is neither an SES event nor an SMS delivery receipt');
      const outcome = await recordCallback(callback, deps);
      logger.info('callback', {
        kind: callback.kind,
        providerMessageId: callback.providerMessageId,
        ...outcome,
      });
      const counted = outcome.outcome === 'recorded' ? CALLBACK_METRICS[outcome.status] : undefined;
      if (counted) metrics.outcome(callback.kind.startsWith('SMS') ? 'SMS' : 'Email', counted);
    },
    flushCounts,
    deadLetter,
    metrics,
  );
}
