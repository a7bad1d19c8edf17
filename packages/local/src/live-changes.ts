import { CommunicationStatusChangedV1, ImportStageChangedV1 } from '@import-comms/events';

/** What changed, as much as a screen needs to know whether to read again (ids only, no personal data). */
export interface LiveChange {
  kind: 'communication' | 'vehicle';
  communicationId?: string;
  customerId?: string;
  vehicleId?: string;
  status?: string;
}

/**
 * The local runtime's change feed: events on the bus (a message's status, a vehicle's stage) and the API's
 * successful writes, told to every open UI over server-sent events (docs/adr/0023-live-updates.md).
 */
export class LiveChanges {
  private readonly listeners = new Set<(change: LiveChange) => void>();

  subscribe(listener: (change: LiveChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(change: LiveChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // One closed stream must not keep the change from the others.
      }
    }
  }

  /** An event put on the system's bus, in EventBridge's envelope. */
  fromEvent(envelope: Record<string, unknown>): void {
    const detail = (envelope.detail ?? {}) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
    const ids = {
      ...(text(detail.customerId) ? { customerId: text(detail.customerId) } : {}),
      ...(text(detail.vehicleId) ? { vehicleId: text(detail.vehicleId) } : {}),
    };
    if (envelope['detail-type'] === CommunicationStatusChangedV1.detailType) {
      this.publish({
        kind: 'communication',
        ...ids,
        ...(text(detail.communicationId) ? { communicationId: text(detail.communicationId) } : {}),
        ...(text(detail.status) ? { status: text(detail.status) } : {}),
      });
    } else if (envelope['detail-type'] === ImportStageChangedV1.detailType) {
      this.publish({ kind: 'vehicle', ...ids });
    }
  }
}
