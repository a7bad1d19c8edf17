import { dispatchRecord, type QueueHandlerDependencies, sqsBatchHandler } from '@import-comms/aws';
import type { DispatchDependencies, DispatchQueue, SmsSender } from '@import-comms/core';

/** What the SMS dispatcher runs on: built from the environment in AWS, from test doubles in tests. */
export interface SmsDispatcherDependencies extends QueueHandlerDependencies<DispatchDependencies> {
  sender: SmsSender;
  /** Its own queue, for a send put off by the sending rate. */
  queue: DispatchQueue;
}

/** sms-queue → SNS, each communication sent at most once, within the account's sending rate. */
export function createHandler(dependencies: SmsDispatcherDependencies) {
  const { deps, flushCounts, sender, queue, deadLetter, logger, metrics } = dependencies;
  return sqsBatchHandler(
    logger,
    dispatchRecord({
      channel: 'SMS',
      deps,
      queue,
      logger,
      ...(metrics ? { metrics } : {}),
      send: (communication) =>
        sender.send({
          communicationId: communication.communicationId,
          to: communication.address ?? '',
          text: communication.content,
        }),
    }),
    flushCounts,
    deadLetter,
    metrics,
  );
}
