import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { Communication, InboundKind } from '@import-comms/core';
import { CustomerMessageReceivedV1 } from '@import-comms/events';

/** Tells other teams a customer wrote to us: `Customer Message Received` v1 on the system's bus. */
export class EventBridgeInboundPublisher {
  constructor(
    private readonly eventBridge: EventBridgeClient,
    private readonly eventBusName: string,
  ) {}

  async publish(
    communication: Communication,
    kind: Exclude<InboundKind, 'auto-reply' | 'bounce'>,
  ): Promise<void> {
    const detail = CustomerMessageReceivedV1.schema.parse({
      schemaVersion: 1,
      // One id per message however often it is published: consumers drop the repeats.
      eventId: `inbound-${communication.communicationId}`,
      communicationId: communication.communicationId,
      customerId: communication.customerId,
      ...(communication.vehicleId ? { vehicleId: communication.vehicleId } : {}),
      channel: communication.type === 'SMS' ? 'SMS' : 'Email',
      kind,
      ...(communication.repliesTo ? { repliesTo: communication.repliesTo } : {}),
      attachments: communication.inbound?.attachments ?? 0,
      occurredAt: communication.createdAt,
    } satisfies CustomerMessageReceivedV1.Detail);
    const result = await this.eventBridge.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: this.eventBusName,
            Source: CustomerMessageReceivedV1.source,
            DetailType: CustomerMessageReceivedV1.detailType,
            Detail: JSON.stringify(detail),
          },
        ],
      }),
    );
    if (result.FailedEntryCount)
      throw new Error(`EventBridge refused the event: ${result.Entries?.[0]?.ErrorMessage ?? 'unknown'}`);
  }
}
