import type { PutEventsEntry } from './envelope.js';

/**
 * One valid example per contract, as a PutEventsEntry (Detail as an object). The single source of
 * events/examples/*.json (written by `npm run events:schemas`), of template previews' sample data, and of tests.
 */
export const examples: Record<string, PutEventsEntry> = {
  'communication-status-changed.v1': {
    Source: 'import.comms',
    DetailType: 'Communication Status Changed',
    Detail: {
      schemaVersion: 1,
      eventId: 'status-c7d1f0a2b3e4-Delivered',
      communicationId: 'c7d1f0a2b3e4',
      customerId: 'CU-2001',
      vehicleId: 'VH-1001',
      channel: 'Email',
      templateId: 'shipping-update',
      previousStatus: 'Sent',
      status: 'Delivered',
      occurredAt: '2026-11-20T03:16:04Z',
    },
  },
  'customer-message-received.v1': {
    Source: 'import.comms',
    DetailType: 'Customer Message Received',
    Detail: {
      schemaVersion: 1,
      eventId: 'inbound-3f0c9a1e2b4d4c6e8a0b1c2d3e4f5a6b',
      communicationId: '3f0c9a1e2b4d4c6e8a0b1c2d3e4f5a6b',
      customerId: 'CU-2001',
      vehicleId: 'VH-1001',
      channel: 'Email',
      kind: 'reply',
      repliesTo: '9b2e4d6f8a0c1e3f5a7b9c1d3e5f7a9b',
      attachments: 1,
      occurredAt: '2026-11-21T09:42:10Z',
    },
  },
  'customer-upserted.v1': {
    Source: 'import.crm',
    DetailType: 'Customer Upserted',
    Detail: {
      schemaVersion: 1,
      eventId: 'customer-CU-2001-1',
      customerId: 'CU-2001',
      firstName: 'Aiko',
      lastName: 'Tanaka',
      email: 'aiko.tanaka@example.com',
      phone: '+61412345678',
      language: 'en-AU',
      timezone: 'Australia/Melbourne',
      isNew: true,
      occurredAt: '2026-10-01T23:00:00Z',
    },
  },
  'import-stage-changed.v1': {
    Source: 'import.pipeline',
    DetailType: 'Import Stage Changed',
    Detail: {
      schemaVersion: 1,
      eventId: 'stage-VH-1001-6',
      vehicleId: 'VH-1001',
      customerId: 'CU-2001',
      fromStage: 'EXPORT_PREPARATION',
      toStage: 'SHIPPED',
      stageSequence: 6,
      occurredAt: '2026-11-20T03:15:00Z',
      stageData: {
        vesselName: 'Morning Celesta',
        voyageNumber: 'MC-118',
        portOfLoading: 'Yokohama',
        portOfDischarge: 'Port of Melbourne',
        eta: '2026-12-14T08:00:00+11:00',
      },
    },
  },
  'payment-due.v1': {
    Source: 'import.finance',
    DetailType: 'Payment Due',
    Detail: {
      schemaVersion: 1,
      eventId: 'payment-due-PM-3001',
      paymentId: 'PM-3001',
      customerId: 'CU-2001',
      vehicleId: 'VH-1001',
      kind: 'BALANCE',
      amountDue: {
        amount: 18450.5,
        currency: 'AUD',
      },
      dueDate: '2026-12-01',
      invoiceNumber: 'INV-2026-0412',
      paymentUrl: 'https://pay.example.com/invoices/INV-2026-0412',
      occurredAt: '2026-11-17T22:00:00Z',
    },
  },
  'vehicle-upserted.v1': {
    Source: 'import.pipeline',
    DetailType: 'Vehicle Upserted',
    Detail: {
      schemaVersion: 1,
      eventId: 'vehicle-VH-1001-1',
      vehicleId: 'VH-1001',
      customerId: 'CU-2001',
      make: 'Toyota',
      model: 'Land Cruiser 70',
      year: 2021,
      chassisNumber: 'GRJ76-1234567',
      colour: 'Sand Beige',
      occurredAt: '2026-10-02T01:00:00Z',
    },
  },
  'payment-received.v1': {
    Source: 'import.finance',
    DetailType: 'Payment Received',
    Detail: {
      schemaVersion: 1,
      eventId: 'payment-received-PM-3001',
      paymentId: 'PM-3001',
      customerId: 'CU-2001',
      vehicleId: 'VH-1001',
      amountPaid: { amount: 18450.5, currency: 'AUD' },
      paidAt: '2026-11-28T04:12:00Z',
      occurredAt: '2026-11-28T04:12:05Z',
    },
  },
  'vessel-eta-updated.v1': {
    Source: 'import.logistics',
    DetailType: 'Vessel ETA Updated',
    Detail: {
      schemaVersion: 1,
      eventId: 'eta-MC-118-VH-1001-2',
      vehicleId: 'VH-1001',
      customerId: 'CU-2001',
      vesselName: 'Morning Celesta',
      voyageNumber: 'MC-118',
      portOfDischarge: 'Port of Melbourne',
      previousEta: '2026-12-14T08:00:00+11:00',
      eta: '2026-12-17T06:00:00+11:00',
      occurredAt: '2026-11-24T05:30:00Z',
    },
  },
};

export function exampleOf(contractId: string): PutEventsEntry {
  const example = examples[contractId];
  if (!example) throw new Error(`no example for contract ${contractId}`);
  return example;
}
/**
 * A contract's example as EventBridge delivers it to a target (the envelope around the detail), with the detail
 * changed where the caller says: what a consumer's tests feed their handler.
 */
export function exampleEvent(
  contractId: string,
  detail: Record<string, unknown> = {},
  envelope: { id?: string; time?: string; account?: string; region?: string } = {},
): Record<string, unknown> {
  const example = exampleOf(contractId);
  return {
    version: '0',
    id: envelope.id ?? crypto.randomUUID(),
    'detail-type': example.DetailType,
    source: example.Source,
    account: envelope.account ?? '123456789012',
    time: envelope.time ?? new Date().toISOString(),
    region: envelope.region ?? 'ap-southeast-2',
    resources: [],
    detail: { ...(example.Detail as Record<string, unknown>), ...detail },
  };
}

export function toExampleText(entry: PutEventsEntry): string {
  return `${JSON.stringify(entry, null, 2)}\n`;
}
