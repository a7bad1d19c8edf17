import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { LOCAL_MAIL_BUCKET, type Topology } from '@import-comms/aws';
import { LOCAL_CREDENTIALS, type RuntimeConfig } from '../config.js';
import type { Running } from './listen.js';
import type { QueueUrls } from './sqs.js';

/** The topics AWS publishes inbound messages to, by the topology's id, with their ARNs. */
export type InboundTopics = Record<'inbound-email' | 'inbound-sms', string>;

/** What AWS does with a customer's message before our queue sees it: the raw mail kept, the notice published. */
export interface InboundDelivery extends Running {
  topics: InboundTopics;
  /** Writes a raw message where SES receiving's S3 action would. */
  storeRawMail(key: string, raw: Uint8Array): Promise<void>;
  /** Publishes what AWS would publish to an inbound topic. */
  publish(topic: keyof InboundTopics, message: unknown): Promise<void>;
}

/**
 * What the CDK app makes in AWS for inbound messages, made in fauxqs through the same APIs (S3 path-style and SNS
 * on its own port): the bucket SES receiving writes to, and the topics (SES "Received" notifications, two-way
 * SMS) each subscribed by its queue with raw delivery. Its clients serve every message that follows.
 */
export async function startInboundDelivery(
  config: RuntimeConfig,
  topology: Topology,
  queues: QueueUrls,
): Promise<InboundDelivery> {
  const endpoint = `http://${config.host}:${config.ports.sqs}`;
  const s3 = new S3Client({
    endpoint,
    region: config.region,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
  const sns = new SNSClient({ endpoint, region: config.region, credentials: LOCAL_CREDENTIALS });
  const stop = async () => {
    s3.destroy();
    sns.destroy();
  };
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
    const arns = topics as InboundTopics;
    return {
      topics: arns,
      storeRawMail: async (key, raw) => {
        await s3.send(
          new PutObjectCommand({
            Bucket: LOCAL_MAIL_BUCKET,
            Key: key,
            Body: raw,
            ContentType: 'message/rfc822',
          }),
        );
      },
      publish: async (topic, message) => {
        await sns.send(new PublishCommand({ TopicArn: arns[topic], Message: JSON.stringify(message) }));
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
