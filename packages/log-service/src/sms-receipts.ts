import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { type LogsSubscriptionEvent, receiptsIn } from './app/sms-receipts.js';

// Lean on purpose: this runs for every batch of SMS receipts, so its cold start is only the SQS client (no zod,
// no logger library). One setting, checked at start; one JSON log line per batch.
const queueUrl = process.env.CALLBACK_QUEUE_URL;
if (!queueUrl) throw new Error('sms-receipts: CALLBACK_QUEUE_URL is not set');
const sqs = new SQSClient({});

/**
 * SNS's SMS delivery-status log groups → the callback queue, so SMS receipts take the same path as SES events
 * (queue, DLQ, log-service). A send that fails throws: Lambda retries the batch, then keeps it in the
 * forwarder's failure queue.
 */
export const handler = async (event: LogsSubscriptionEvent): Promise<{ forwarded: number }> => {
  const receipts = receiptsIn(event);
  for (let start = 0; start < receipts.length; start += 10) {
    const batch = receipts.slice(start, start + 10);
    const response = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((receipt, index) => ({ Id: String(index), MessageBody: receipt.body })),
      }),
    );
    if ((response.Failed ?? []).length > 0)
      throw new Error(`could not forward ${(response.Failed ?? []).length} SMS receipts`);
  }
  process.stdout.write(
    `${JSON.stringify({ level: 'INFO', service: 'sms-receipts', message: 'forwarded SMS receipts', count: receipts.length })}\n`,
  );
  return { forwarded: receipts.length };
};
