import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Topology } from '@import-comms/aws';
import { endpoint, LOCAL_CREDENTIALS, type RuntimeConfig } from '../config.js';
import { PortBusyError, type Running } from './listen.js';

export type QueueUrls = Record<string, { url: string; arn: string; deadLetterUrl: string }>;

export function createSqsClient(config: RuntimeConfig): SQSClient {
  return new SQSClient({
    endpoint: endpoint(config, 'sqs'),
    region: config.region,
    credentials: LOCAL_CREDENTIALS,
  });
}

/** fauxqs (SQS and SNS topics, in memory), with every queue of the topology and its DLQ created through the SQS API. */
export async function startSqs(
  config: RuntimeConfig,
  topology: Topology,
): Promise<Running & { queues: QueueUrls }> {
  // fauxqs is ESM-only; loaded on demand so this module stays loadable everywhere.
  const { startFauxqs } = await import('fauxqs');
  let server: Awaited<ReturnType<typeof startFauxqs>>;
  try {
    server = await startFauxqs({
      port: config.ports.sqs,
      host: config.host,
      logger: false,
      defaultRegion: config.region,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new PortBusyError('SQS', config.ports.sqs);
    throw error;
  }
  const sqs = createSqsClient(config);
  const queues: QueueUrls = {};
  for (const queue of topology.queues) {
    const dlq = await sqs.send(
      new CreateQueueCommand({
        QueueName: queue.deadLetterQueueName,
        Attributes: { MessageRetentionPeriod: String(queue.deadLetterRetentionSeconds) },
      }),
    );
    const dlqAttributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const main = await sqs.send(
      new CreateQueueCommand({
        QueueName: queue.name,
        Attributes: {
          VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: dlqAttributes.Attributes?.QueueArn,
            maxReceiveCount: queue.maxReceiveCount,
          }),
        },
      }),
    );
    const mainAttributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: main.QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    queues[queue.id] = {
      url: main.QueueUrl ?? '',
      arn: mainAttributes.Attributes?.QueueArn ?? '',
      deadLetterUrl: dlq.QueueUrl ?? '',
    };
  }
  sqs.destroy();
  return { queues, stop: () => server.stop() };
}
