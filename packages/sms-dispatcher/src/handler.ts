import { dispatchRecord, sqsBatchHandler } from '@import-comms/aws';
import { createContainer } from './container.js';

const { deps, flushCounts, sender, queue, deadLetter, logger } = createContainer();

/** sms-queue → SNS, each communication sent at most once, within the account's sending rate. */
export const handler = sqsBatchHandler(
  logger,
  dispatchRecord({
    channel: 'SMS',
    deps,
    queue,
    logger,
    send: (communication) =>
      sender.send({
        communicationId: communication.communicationId,
        to: communication.address ?? '',
        text: communication.content,
      }),
  }),
  flushCounts,
  deadLetter,
);
