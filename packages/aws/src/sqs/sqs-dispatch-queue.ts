import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DispatchQueue, DispatchRequest } from '@import-comms/core';

const BATCH = 10;

/** The email and SMS queues: requests go out in batches of ten; what SQS refuses is returned to the caller. */
export class SqsDispatchQueue implements DispatchQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrls: { Email: string; SMS: string },
  ) {}

  async enqueue(
    requests: readonly DispatchRequest[],
    options: { delaySeconds?: number } = {},
  ): Promise<DispatchRequest[]> {
    const failed: DispatchRequest[] = [];
    // The channels' queues are independent: both are written at once.
    await Promise.all(
      (['Email', 'SMS'] as const).map(async (channel) => {
        const forChannel = requests.filter((request) => request.channel === channel);
        for (let offset = 0; offset < forChannel.length; offset += BATCH) {
          const batch = forChannel.slice(offset, offset + BATCH);
          const response = await this.sqs.send(
            new SendMessageBatchCommand({
              QueueUrl: this.queueUrls[channel],
              Entries: batch.map((request, index) => ({
                Id: String(index),
                MessageBody: JSON.stringify(request),
                ...(options.delaySeconds
                  ? { DelaySeconds: Math.min(900, Math.ceil(options.delaySeconds)) }
                  : {}),
              })),
            }),
          );
          for (const failure of response.Failed ?? []) {
            const request = batch[Number(failure.Id)];
            if (request) failed.push(request);
          }
        }
      }),
    );
    return failed;
  }
}
