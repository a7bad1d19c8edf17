import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createLogger, parseEnvironment } from '@import-comms/aws';
import * as z from 'zod';
import { type LogsSubscriptionEvent, receiptsIn } from './app/sms-receipts.js';

const config = parseEnvironment(z.object({ CALLBACK_QUEUE_URL: z.string().min(1) }), 'sms-receipts');
const sqs = new SQSClient({});
const logger = createLogger({ serviceName: 'sms-receipts' });

/**
 * SNS's SMS delivery-status log groups → the callback queue, so SMS receipts take the same path as SES events
 * (queue, DLQ, log-service). A send that fails throws: CloudWatch Logs retries the batch.
 */
export const handler = async (event: LogsSubscriptionEvent): Promise<{ forwarded: number }> => {
  const receipts = receiptsIn(event);
  for (let start = 0; start < receipts.length; start += 10) {
    const batch = receipts.slice(start, start + 10);
    const response = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: config.CALLBACK_QUEUE_URL,
        Entries: batch.map((receipt, index) => ({ Id: String(index), MessageBody: receipt.body })),
      }),
    );
    if ((response.Failed ?? []).length > 0)
      throw new Error(`could not forward ${(response.Failed ?? []).length} SMS receipts`);
  }
  logger.info('forwarded SMS receipts', { count: receipts.length });
  return { forwarded: receipts.length };
};
