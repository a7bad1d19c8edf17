import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SQSClient } from '@aws-sdk/client-sqs';
import {
  cloudWatchMetrics,
  createDispatchDependencies,
  createLogger,
  deadLetteringFor,
  replySecretFrom,
  SesEmailSender,
  SqsDispatchQueue,
  sesMaxSendRate,
} from '@import-comms/aws';
import { readConfig } from './config.js';

/** Built once per Lambda container (module scope), reused by every invocation. */
export function createContainer(env: NodeJS.ProcessEnv = process.env) {
  const config = readConfig(env);
  const ses = new SESv2Client({});
  const maxSendRate = sesMaxSendRate(ses, { fallback: config.SES_MAX_SEND_RATE_FALLBACK });
  const { deps, flushCounts } = createDispatchDependencies(config.TABLE_NAME, config.EVENT_BUS_NAME, {
    claimLeaseSeconds: config.CLAIM_LEASE_SECONDS,
    sendRate: maxSendRate,
  });
  const sender = new SesEmailSender(ses, {
    fromAddress: config.SES_FROM_ADDRESS,
    configurationSetName: config.SES_CONFIGURATION_SET,
    ...(config.SES_REPLY_TO_ADDRESS ? { replyToAddress: config.SES_REPLY_TO_ADDRESS } : {}),
  });
  const secret = replySecretFrom(env);
  const preferencesUrl = `${config.CUSTOMER_PORTAL_URL.replace(/\/+$/, '')}/preferences`;
  // Only its own queue is written (a put-off send); the SMS URL is never used here.
  const sqs = new SQSClient({});
  const queue = new SqsDispatchQueue(sqs, { Email: config.EMAIL_QUEUE_URL, SMS: '' });
  return {
    deps,
    flushCounts,
    sender,
    queue,
    deadLetter: deadLetteringFor('email', config.EMAIL_DLQ_URL, sqs),
    preferencesUrl,
    ...(config.REPLY_DOMAIN && secret ? { replies: { domain: config.REPLY_DOMAIN, secret } } : {}),
    logger: createLogger({ serviceName: 'email-dispatcher' }),
    metrics: cloudWatchMetrics('email-dispatcher'),
  };
}
