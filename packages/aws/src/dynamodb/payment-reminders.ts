import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PaymentReminderRegistry } from '@import-comms/core';

/** One item per payment (`PAYMENT#id`), holding the ids of its reminders as a string set (idempotent adds). */
export class DynamoPaymentReminders implements PaymentReminderRegistry {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async add(paymentId: string, communicationIds: readonly string[]): Promise<void> {
    if (communicationIds.length === 0) return;
    await this.documents.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { PK: `PAYMENT#${paymentId}`, SK: 'REMINDERS' },
        UpdateExpression: 'ADD reminderIds :ids SET entity = :entity',
        ExpressionAttributeValues: { ':ids': new Set(communicationIds), ':entity': 'PaymentReminders' },
      }),
    );
  }

  async remindersOf(paymentId: string): Promise<string[]> {
    const response = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { PK: `PAYMENT#${paymentId}`, SK: 'REMINDERS' },
        ConsistentRead: true,
      }),
    );
    const ids = response.Item?.reminderIds as Set<string> | undefined;
    return ids ? [...ids].sort() : [];
  }
}
