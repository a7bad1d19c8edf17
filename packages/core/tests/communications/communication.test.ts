import {
  applyStatusChange,
  automatedCommunicationId,
  manualCommunicationId,
  newLoggedInteraction,
  newNotSentMessage,
  newOutboundMessage,
} from '../../src/index.js';

const now = new Date('2026-11-25T01:00:00Z');

const outbound = (scheduledFor?: Date) =>
  newOutboundMessage(
    {
      communicationId: 'c1',
      customerId: 'CU-1',
      vehicleId: 'VH-1',
      channel: 'Email',
      category: 'transactional',
      address: 'aiko@example.com',
      subject: 'Your vehicle has shipped',
      content: 'Hello Aiko',
      templateId: 'shipping-update',
      templateVersion: 3,
      createdBy: 'system:trigger-service',
      ...(scheduledFor ? { scheduledFor } : {}),
    },
    now,
  );

describe('automatedCommunicationId', () => {
  it('is the same for the same event, trigger and channel, so redeliveries find the first message', () => {
    expect(automatedCommunicationId('evt-1', 'shipping-update', 'Email')).toBe(
      automatedCommunicationId('evt-1', 'shipping-update', 'Email'),
    );
    expect(automatedCommunicationId('evt-1', 'shipping-update', 'Email')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('differs when any part differs, including parts that would collide when simply joined', () => {
    const ids = new Set([
      automatedCommunicationId('evt-1', 'shipping-update', 'Email'),
      automatedCommunicationId('evt-1', 'shipping-update', 'SMS'),
      automatedCommunicationId('evt-2', 'shipping-update', 'Email'),
      automatedCommunicationId('evt-1', 'status-update', 'Email'),
      automatedCommunicationId('evt-1s', 'hipping-update', 'Email'),
    ]);
    expect(ids.size).toBe(5);
  });

  it('gives manual messages unique ids', () => {
    expect(manualCommunicationId()).not.toBe(manualCommunicationId());
  });
});

describe('newOutboundMessage', () => {
  it('starts Pending when due now, with the status in its history', () => {
    const message = outbound();

    expect(message).toMatchObject({
      type: 'Email',
      direction: 'outbound',
      status: 'Pending',
      statusHistory: [{ status: 'Pending', at: now.toISOString() }],
      createdAt: now.toISOString(),
    });
    expect(message).not.toHaveProperty('scheduledFor');
  });

  it('starts Scheduled with its due time when deferred', () => {
    const message = outbound(new Date('2026-11-25T08:00:00Z'));

    expect(message).toMatchObject({ status: 'Scheduled', scheduledFor: '2026-11-25T08:00:00.000Z' });
  });
});

describe('newNotSentMessage', () => {
  it('records why nothing was sent', () => {
    const message = newNotSentMessage(
      {
        communicationId: 'c2',
        customerId: 'CU-1',
        channel: 'SMS',
        category: 'reminders',
        createdBy: 'system',
      },
      'no-address',
      now,
    );

    expect(message).toMatchObject({
      type: 'SMS',
      status: 'NotSent',
      statusReason: 'no-address',
      statusHistory: [{ status: 'NotSent', reason: 'no-address' }],
    });
  });
});

describe('newLoggedInteraction', () => {
  it('logs a call after the fact at the time it happened', () => {
    const call = newLoggedInteraction(
      {
        communicationId: 'c3',
        customerId: 'CU-1',
        type: 'Call',
        direction: 'inbound',
        content: 'Asked about the ETA; promised an update on Friday.',
        interaction: { durationMinutes: 12, outcome: 'follow-up', followUpDate: '2026-11-27' },
        occurredAt: new Date('2026-11-24T23:30:00Z'),
        createdBy: 'rep:mia',
      },
      now,
    );

    expect(call).toMatchObject({ status: 'Logged', createdAt: '2026-11-24T23:30:00.000Z', type: 'Call' });
  });
});

describe('applyStatusChange', () => {
  it('records sentAt, deliveredAt, provider id and history as the message moves on', () => {
    const sending = applyStatusChange(outbound(), {
      status: 'Sending',
      at: new Date('2026-11-25T01:00:01Z'),
    });
    const sent = applyStatusChange(sending, {
      status: 'Sent',
      at: new Date('2026-11-25T01:00:02Z'),
      providerMessageId: 'ses-1',
    });
    const delivered = applyStatusChange(sent, { status: 'Delivered', at: new Date('2026-11-25T01:00:05Z') });

    expect(delivered).toMatchObject({
      status: 'Delivered',
      providerMessageId: 'ses-1',
      sentAt: '2026-11-25T01:00:02.000Z',
      deliveredAt: '2026-11-25T01:00:05.000Z',
    });
    expect(delivered.statusHistory.map((entry) => entry.status)).toEqual([
      'Pending',
      'Sending',
      'Sent',
      'Delivered',
    ]);
  });

  it('refuses to move a delivered message back to sent', () => {
    const delivered = applyStatusChange(applyStatusChange(outbound(), { status: 'Sending', at: now }), {
      status: 'Delivered',
      at: now,
    });

    expect(() => applyStatusChange(delivered, { status: 'Sent', at: now })).toThrow(
      'a communication cannot move from Delivered to Sent',
    );
  });
});
