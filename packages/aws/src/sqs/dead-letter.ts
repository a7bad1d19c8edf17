import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** Where a message that cannot succeed is kept, with its reason. */
export interface DeadLetterSink {
  send(body: string, reason: string, details?: unknown): Promise<void>;
}

/**
 * Sends a message that can never succeed straight to its DLQ, with the reason attached as message attributes,
 * instead of letting it fail maxReceiveCount times first.
 */
export class DeadLetterQueue implements DeadLetterSink {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(body: string, reason: string, details?: unknown): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: body,
        MessageAttributes: {
          reason: { DataType: 'String', StringValue: reason.slice(0, 1000) },
          ...(details === undefined
            ? {}
            : { details: { DataType: 'String', StringValue: JSON.stringify(details).slice(0, 200_000) } }),
          failedAt: { DataType: 'String', StringValue: new Date().toISOString() },
        },
      }),
    );
  }
}
