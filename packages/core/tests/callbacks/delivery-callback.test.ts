import { parseDeliveryCallback } from '../../src/index.js';

const mail = { messageId: 'ses-1', timestamp: '2026-11-25T01:00:00.000Z', destination: ['aiko@example.com'] };

describe('parseDeliveryCallback', () => {
  it('maps an SES delivery to Delivered at its time', () => {
    expect(
      parseDeliveryCallback({
        eventType: 'Delivery',
        mail,
        delivery: { timestamp: '2026-11-25T01:00:02.000Z' },
      }),
    ).toEqual({
      providerMessageId: 'ses-1',
      kind: 'SES Delivery',
      status: 'Delivered',
      at: new Date('2026-11-25T01:00:02.000Z'),
      suppress: [],
    });
  });

  it('maps a permanent bounce to Bounced with the reason, and suppresses the address', () => {
    const callback = parseDeliveryCallback({
      eventType: 'Bounce',
      mail,
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [
          { emailAddress: 'aiko@example.com', diagnosticCode: 'smtp; 550 5.1.1 user unknown' },
        ],
      },
    });

    expect(callback).toMatchObject({
      status: 'Bounced',
      reason: 'Permanent / General / smtp; 550 5.1.1 user unknown',
      suppress: ['aiko@example.com'],
    });
  });

  it('keeps a transient bounce informative only: SES retries it', () => {
    const callback = parseDeliveryCallback({
      eventType: 'Bounce',
      mail,
      bounce: { bounceType: 'Transient', bounceSubType: 'MailboxFull' },
    });

    expect(callback?.status).toBeUndefined();
    expect(callback?.suppress).toEqual([]);
  });

  it('maps a complaint to Complained and suppresses the address', () => {
    const callback = parseDeliveryCallback({
      eventType: 'Complaint',
      mail,
      complaint: { complainedRecipients: [{ emailAddress: 'aiko@example.com' }] },
    });

    expect(callback).toMatchObject({ status: 'Complained', suppress: ['aiko@example.com'] });
  });

  it.each([
    [
      { eventType: 'Reject', mail, reject: { reason: 'Bad content' } },
      'Failed',
      'SES rejected it: Bad content',
    ],
    [{ eventType: 'Send', mail, send: {} }, undefined, undefined],
    [{ eventType: 'DeliveryDelay', mail }, undefined, undefined],
  ])('maps %j', (event, status, reason) => {
    const callback = parseDeliveryCallback(event);

    expect([callback?.status, callback?.reason]).toEqual([status, reason]);
  });

  it('maps SMS receipts to Delivered or Failed with the carrier response and the price', () => {
    const receipt = (status: 'SUCCESS' | 'FAILURE') => ({
      notification: { messageId: 'sns-1', timestamp: '2026-11-25T01:00:00.000Z' },
      delivery: {
        destination: '+61412345678',
        providerResponse: 'Phone is currently unreachable/unavailable',
        priceInUSD: 0.0403,
      },
      status,
    });

    expect(parseDeliveryCallback(receipt('SUCCESS'))).toMatchObject({
      providerMessageId: 'sns-1',
      status: 'Delivered',
      priceUsd: 0.0403,
    });
    expect(parseDeliveryCallback(receipt('FAILURE'))).toMatchObject({
      status: 'Failed',
      reason: 'Phone is currently unreachable/unavailable',
    });
  });

  it('returns undefined for anything else', () => {
    expect(parseDeliveryCallback({ hello: 'world' })).toBeUndefined();
  });
});
