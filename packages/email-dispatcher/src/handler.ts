import { sqsBatchHandler } from '@import-comms/aws';
import { dispatch, parseDispatchRequest } from '@import-comms/core';
import { createContainer } from './container.js';

const { deps, flushCounts, sender, preferencesUrl, logger } = createContainer();

/** email-queue → SES, each communication sent at most once. */
export const handler = sqsBatchHandler(
  logger,
  async (record) => {
    const request = parseDispatchRequest(record.body, 'Email');
    const result = await dispatch(request.communicationId, 'Email', deps, (communication) =>
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
    );
    logger.info('email dispatch', { communicationId: request.communicationId, ...result });
  },
  flushCounts,
);
