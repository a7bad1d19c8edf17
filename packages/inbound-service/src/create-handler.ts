import {
  NO_METRICS,
  type QueueHandlerDependencies,
  readNotification,
  sqsBatchHandler,
} from '@import-comms/aws';
import { PoisonMessageError, parseQueueJson } from '@import-comms/core';
import { type InboundDependencies, receiveEmail, receiveSms } from './app/receive.js';

/** What the inbound service runs on: built from the environment in AWS, from test doubles in tests. */
export type InboundServiceDependencies = QueueHandlerDependencies<InboundDependencies>;

/**
 * inbound-queue (SES "Received" notifications and two-way SMS, both through SNS with raw delivery) → the
 * customer's timeline and the Inbox. A body that is neither goes to the DLQ at once with the reason.
 */
export function createHandler({
  deps,
  deadLetter,
  logger,
  metrics = NO_METRICS,
}: InboundServiceDependencies) {
  return sqsBatchHandler(
    logger,
    async (record) => {
      const read = readNotification(parseQueueJson(record.body, 'inbound body'));
      if (!read.ok)
        throw new PoisonMessageError('neither an SES Received notification nor an inbound SMS', read.issues);
      const outcome =
        read.value.kind === 'email'
          ? await receiveEmail(read.value.notification, deps)
          : await receiveSms(read.value.sms, deps);
      logger.info('inbound message', outcome);
    },
    async () => undefined,
    deadLetter,
    metrics,
  );
}
