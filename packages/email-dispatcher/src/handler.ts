import { dispatchRecord, sqsBatchHandler } from '@import-comms/aws';
import { createContainer } from './container.js';

const { deps, flushCounts, sender, queue, deadLetter, preferencesUrl, logger } = createContainer();

/** email-queue → SES, each communication sent at most once, within the account's sending rate. */
export const handler = sqsBatchHandler(
  logger,
  dispatchRecord({
    channel: 'Email',
    deps,
    queue,
    logger,
    send: (communication) =>
      sender.send({
        communicationId: communication.communicationId,
        to: communication.address ?? '',
        subject: communication.subject ?? '',
        html: communication.contentHtml ?? communication.content,
        text: communication.content,
        ...(communication.category && communication.category !== 'transactional'
          ? { unsubscribeUrl: preferencesUrl }
          : {}),
      }),
  }),
  flushCounts,
  deadLetter,
);
