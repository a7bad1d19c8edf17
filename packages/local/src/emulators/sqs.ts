import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { Topology } from '@import-comms/aws';
import { LOCAL_CREDENTIALS, type RuntimeConfig } from '../config.js';
import { type Listening, PortBusyError } from './listen.js';

export type QueueUrls = Record<string, { url: string; arn: string; deadLetterUrl: string }>;

/**
 * fauxqs names queues `http://sqs.<region>.localhost:<port>/…`; in this process such names resolve to loopback
 * (see startSqs), and this endpoint matches them, so SDK clients here use one host for everything.
 */
export function sqsEndpoint(config: RuntimeConfig): string {
  return `http://sqs.${config.region}.localhost:${config.ports.sqs}`;
}

export function createSqsClient(config: RuntimeConfig): SQSClient {
  return new SQSClient({
    endpoint: sqsEndpoint(config),
    region: config.region,
    credentials: LOCAL_CREDENTIALS,
  });
}

/** The topology's queues of an SQS that is already running (the emulators of another process). */
export async function findQueues(config: RuntimeConfig, topology: Topology): Promise<QueueUrls> {
  const { interceptLocalhostDns } = await import('fauxqs');
  interceptLocalhostDns();
  const sqs = createSqsClient(config);
  try {
    const queues: QueueUrls = {};
    for (const queue of topology.queues) {
      const url = (await sqs.send(new GetQueueUrlCommand({ QueueName: queue.name }))).QueueUrl ?? '';
      const deadLetterUrl =
        (await sqs.send(new GetQueueUrlCommand({ QueueName: queue.deadLetterQueueName }))).QueueUrl ?? '';
      const attributes = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
      );
      queues[queue.id] = { url, arn: attributes.Attributes?.QueueArn ?? '', deadLetterUrl };
    }
    return queues;
  } finally {
    sqs.destroy();
  }
}

/** fauxqs (SQS and SNS topics, in memory), with every queue of the topology and its DLQ created through the SQS API. */
export async function startSqs(
  config: RuntimeConfig,
  topology: Topology,
): Promise<Listening & { queues: QueueUrls }> {
  // fauxqs is ESM-only; loaded on demand so this module stays loadable everywhere.
  const { startFauxqs, interceptLocalhostDns } = await import('fauxqs');
  // Queue URLs name hosts under .localhost, which the system resolver may not know: resolve them to loopback
  // for this process (where the handlers run). Other processes use the plain endpoint; see the README.
  interceptLocalhostDns();
  let server: Awaited<ReturnType<typeof startFauxqs>>;
  try {
    server = await startFauxqs({
      port: config.ports.sqs,
      logger: false,
      defaultRegion: config.region,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new PortBusyError('SQS', config.ports.sqs);
    throw error;
  }
  const sqs = createSqsClient({ ...config, ports: { ...config.ports, sqs: server.port } });
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
          VisibilityTimeout: String(config.visibilityTimeoutSeconds ?? queue.visibilityTimeoutSeconds),
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
  return { port: server.port, queues, stop: () => server.stop() };
}
