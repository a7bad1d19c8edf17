import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { LOCAL_MAIL_BUCKET, type Topology } from '@import-comms/aws';
import { LOCAL_CREDENTIALS, type RuntimeConfig } from '../config.js';
import type { QueueUrls } from './sqs.js';

/** The topics AWS publishes inbound messages to, by the topology's id, with their ARNs. */
export type InboundTopics = Record<'inbound-email' | 'inbound-sms', string>;

/** fauxqs's own endpoint: SNS topics and S3 (path-style) besides SQS. */
function fauxqsEndpoint(config: RuntimeConfig): string {
  return `http://${config.host}:${config.ports.sqs}`;
}

export function localS3(config: RuntimeConfig): S3Client {
  return new S3Client({
    endpoint: fauxqsEndpoint(config),
    region: config.region,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
}

export function localTopicPublisher(config: RuntimeConfig): SNSClient {
  return new SNSClient({
    endpoint: fauxqsEndpoint(config),
    region: config.region,
    credentials: LOCAL_CREDENTIALS,
  });
}

/**
 * What the CDK app makes in AWS for inbound messages, made in fauxqs through the same APIs: the bucket SES
 * receiving writes to, and the topics (SES "Received" notifications, two-way SMS) each subscribed by its queue
 * with raw delivery.
 */
export async function createInboundResources(
  config: RuntimeConfig,
  topology: Topology,
  queues: QueueUrls,
): Promise<InboundTopics> {
  const s3 = localS3(config);
  const sns = localTopicPublisher(config);
  try {
    await s3.send(new CreateBucketCommand({ Bucket: LOCAL_MAIL_BUCKET })).catch((error: Error) => {
      if (!/BucketAlready/.test(error.name)) throw error;
    });
    const topics: Partial<InboundTopics> = {};
    for (const topic of topology.inboundTopics) {
      const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: topic.name }));
      const queue = queues[topic.subscriber];
      if (!TopicArn || !queue) throw new Error(`cannot wire ${topic.name} to ${topic.subscriber}`);
      await sns.send(
        new SubscribeCommand({
          TopicArn,
          Protocol: 'sqs',
          Endpoint: queue.arn,
          Attributes: { RawMessageDelivery: 'true' },
        }),
      );
      topics[topic.id] = TopicArn;
    }
    return topics as InboundTopics;
  } finally {
    s3.destroy();
    sns.destroy();
  }
}

/** Publishes what AWS would publish to an inbound topic. */
export async function publishInbound(
  config: RuntimeConfig,
  topicArn: string,
  message: unknown,
): Promise<void> {
  const sns = localTopicPublisher(config);
  try {
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: JSON.stringify(message) }));
  } finally {
    sns.destroy();
  }
}

/** Writes a raw message where SES receiving's S3 action would. */
export async function storeRawMail(config: RuntimeConfig, key: string, raw: Uint8Array): Promise<void> {
  const s3 = localS3(config);
  try {
    await s3.send(
      new PutObjectCommand({ Bucket: LOCAL_MAIL_BUCKET, Key: key, Body: raw, ContentType: 'message/rfc822' }),
    );
  } finally {
    s3.destroy();
  }
}
