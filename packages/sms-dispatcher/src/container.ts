import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import {
  cloudWatchMetrics,
  createDispatchDependencies,
  createLogger,
  deadLetteringFor,
  SnsSmsSender,
  SqsDispatchQueue,
} from '@import-comms/aws';
import { readConfig } from './config.js';

/** Built once per Lambda container (module scope), reused by every invocation. */
export function createContainer(env: NodeJS.ProcessEnv = process.env) {
  const config = readConfig(env);
  const { deps, flushCounts } = createDispatchDependencies(config.TABLE_NAME, config.EVENT_BUS_NAME, {
    claimLeaseSeconds: config.CLAIM_LEASE_SECONDS,
    sendRate: async () => config.SMS_MAX_SEND_RATE,
  });
  const sender = new SnsSmsSender(new SNSClient({}), {
    senderId: config.SMS_SENDER_ID,
    maxPriceUsd: config.SMS_MAX_PRICE_USD,
  });
  // Only its own queue is written (a put-off send); the email URL is never used here.
  const sqs = new SQSClient({});
  const queue = new SqsDispatchQueue(sqs, { Email: '', SMS: config.SMS_QUEUE_URL });
  return {
    deps,
    flushCounts,
    sender,
    queue,
    deadLetter: deadLetteringFor('sms', config.SMS_DLQ_URL, sqs),
    logger: createLogger({ serviceName: 'sms-dispatcher' }),
    metrics: cloudWatchMetrics('sms-dispatcher'),
  };
}
