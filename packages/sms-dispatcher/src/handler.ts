import { sqsBatchHandler } from '@import-comms/aws';
import { dispatch, parseDispatchRequest } from '@import-comms/core';
import { createContainer } from './container.js';

const { deps, flushCounts, sender, logger } = createContainer();

/** sms-queue → SNS, each communication sent at most once. */
export const handler = sqsBatchHandler(
  logger,
  async (record) => {
    const request = parseDispatchRequest(record.body, 'SMS');
    const result = await dispatch(request.communicationId, 'SMS', deps, (communication) =>
      sender.send({
        communicationId: communication.communicationId,
        to: communication.address ?? '',
        text: communication.content,
      }),
    );
    logger.info('sms dispatch', { communicationId: request.communicationId, ...result });
  },
  flushCounts,
);
