import { GetQueueAttributesCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueDepth, QueueMonitor } from '@import-comms/core';
import type { QueueDefinition } from '../topology/topology.js';

/**
 * Depths of the topology's queues and DLQs from SQS's approximate counts. Queues are found by name, so the
 * same code works against AWS and the local emulator with no URLs configured.
 */
export class SqsQueueMonitor implements QueueMonitor {
  private readonly urls = new Map<string, Promise<string>>();

  constructor(
    private readonly sqs: SQSClient,
    private readonly queues: readonly QueueDefinition[],
  ) {}

  async depths(): Promise<QueueDepth[]> {
    return Promise.all(
      this.queues.map(async (queue) => {
        const [main, deadLetter] = await Promise.all([
          this.counts(queue.name),
          this.counts(queue.deadLetterQueueName),
        ]);
        return {
          id: queue.id,
          name: queue.name,
          waiting: main.waiting,
          inFlight: main.inFlight,
          deadLetter: { name: queue.deadLetterQueueName, waiting: deadLetter.waiting },
        };
      }),
    );
  }

  private url(name: string): Promise<string> {
    let url = this.urls.get(name);
    if (!url) {
      url = this.sqs.send(new GetQueueUrlCommand({ QueueName: name })).then((response) => {
        if (!response.QueueUrl) throw new Error(`queue ${name} has no URL`);
        return response.QueueUrl;
      });
      // A failed lookup is not cached: the next call tries again.
      url.catch(() => this.urls.delete(name));
      this.urls.set(name, url);
    }
    return url;
  }

  private async counts(name: string): Promise<{ waiting: number; inFlight: number }> {
    const response = await this.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: await this.url(name),
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    const attributes = response.Attributes ?? {};
    return {
      waiting: Number(attributes.ApproximateNumberOfMessages ?? 0),
      inFlight: Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
    };
  }
}
