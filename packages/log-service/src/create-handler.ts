import { type DeadLettering, type Logger, sqsBatchHandler } from '@import-comms/aws';
import { PoisonMessageError, parseDeliveryCallback } from '@import-comms/core';
import { type LogDependencies, recordCallback } from './app/record-callback.js';

/** What the log service runs on: built from the environment in AWS, from test doubles in tests. */
export interface LogServiceDependencies {
  deps: LogDependencies;
  flushCounts: () => Promise<void>;
  deadLetter: DeadLettering;
  logger: Logger;
}

/** callback-queue (SES events, SMS receipts) → status history. Unreadable bodies go to the DLQ with the reason. */
export function createHandler({ deps, flushCounts, deadLetter, logger }: LogServiceDependencies) {
  return sqsBatchHandler(
    logger,
    async (record) => {
      const callback = parseDeliveryCallback(jsonOf(record.body), deps.clock.now());
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
}

function jsonOf(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new PoisonMessageError('callback body is not JSON');
  }
}
