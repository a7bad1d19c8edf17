import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import {
  cloudWatchMetrics,
  createLogger,
  createRepositories,
  deadLetteringFor,
  EventBridgeInboundPublisher,
  replySecretFrom,
  S3MailBucket,
} from '@import-comms/aws';
import { systemClock } from '@import-comms/core';
import type { InboundDependencies } from './app/receive.js';
import { readConfig } from './config.js';
import { parseEmail } from './mime.js';

/** Built once per Lambda container (module scope), reused by every invocation. */
export function createContainer(env: NodeJS.ProcessEnv = process.env) {
  const config = readConfig(env);
  const { communications, customers, inbound } = createRepositories(config.TABLE_NAME);
  const secret = replySecretFrom(env);
  const publisher = config.EVENT_BUS_NAME
    ? new EventBridgeInboundPublisher(new EventBridgeClient({}), config.EVENT_BUS_NAME)
    : undefined;
  // Path-style addressing: bucket names with dots (and local emulators) work the same.
  const mail = new S3MailBucket(new S3Client({ forcePathStyle: true }));
  const deps: InboundDependencies = {
    inbound,
    communications,
    customers,
    clock: systemClock,
    mail,
    parseEmail,
    ...(config.REPLY_DOMAIN && secret ? { replies: { domain: config.REPLY_DOMAIN, secret } } : {}),
    ...(publisher ? { publish: (communication, kind) => publisher.publish(communication, kind) } : {}),
  };
  return {
    deps,
    flushCounts: async () => undefined,
    deadLetter: deadLetteringFor('inbound', config.INBOUND_DLQ_URL, new SQSClient({})),
    logger: createLogger({ serviceName: 'inbound-service' }),
    metrics: cloudWatchMetrics('inbound-service'),
  };
}
