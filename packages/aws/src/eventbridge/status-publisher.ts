import { type EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { StatusChangeNotice, StatusPublisher } from '@import-comms/core';
import { CommunicationStatusChangedV1 } from '@import-comms/events';

/** Publishes `Communication Status Changed` v1 for other teams, on the system's bus. */
export class EventBridgeStatusPublisher implements StatusPublisher {
  constructor(
    private readonly eventBridge: EventBridgeClient,
    private readonly eventBusName: string,
  ) {}

  async publish(notice: StatusChangeNotice): Promise<void> {
    const detail: CommunicationStatusChangedV1.Detail = {
      schemaVersion: 1,
      eventId: `status-${notice.communicationId}-${notice.status}`,
      communicationId: notice.communicationId,
      customerId: notice.customerId,
      ...(notice.vehicleId ? { vehicleId: notice.vehicleId } : {}),
      channel: notice.channel,
      ...(notice.templateId ? { templateId: notice.templateId } : {}),
      previousStatus: notice.previousStatus,
      status: notice.status,
      ...(notice.reason ? { reason: notice.reason.slice(0, 500) } : {}),
      occurredAt: notice.at.toISOString(),
    };
    const parsed = CommunicationStatusChangedV1.schema.parse(detail);
    const result = await this.eventBridge.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: this.eventBusName,
            Source: CommunicationStatusChangedV1.source,
            DetailType: CommunicationStatusChangedV1.detailType,
            Detail: JSON.stringify(parsed),
          },
        ],
      }),
    );
    if (result.FailedEntryCount) {
      throw new Error(
        `EventBridge refused the status event: ${result.Entries?.[0]?.ErrorMessage ?? 'unknown'}`,
      );
    }
  }
}
