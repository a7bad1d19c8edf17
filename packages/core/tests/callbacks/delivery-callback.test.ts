import { parseDeliveryCallback } from '../../src/index.js';

/** When the callback arrived: stands in for a provider timestamp that is missing. */
const RECEIVED_AT = new Date('2026-11-25T03:00:00.000Z');
const parse = (body: unknown) => parseDeliveryCallback(body, RECEIVED_AT);

const mail = { messageId: 'ses-1', timestamp: '2026-11-25T01:00:00.000Z', destination: ['aiko@example.com'] };

describe('parseDeliveryCallback', () => {
  it('maps an SES delivery to Delivered at its time', () => {
    expect(
      parse({
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
    const callback = parse({
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
    const callback = parse({
      eventType: 'Bounce',
      mail,
      bounce: { bounceType: 'Transient', bounceSubType: 'MailboxFull' },
    });

    expect(callback?.status).toBeUndefined();
    expect(callback?.suppress).toEqual([]);
  });

  it('maps a complaint to Complained and suppresses the address', () => {
    const callback = parse({
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
    const callback = parse(event);

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

    expect(parse(receipt('SUCCESS'))).toMatchObject({
      providerMessageId: 'sns-1',
      status: 'Delivered',
      priceUsd: 0.0403,
    });
    expect(parse(receipt('FAILURE'))).toMatchObject({
      status: 'Failed',
      reason: 'Phone is currently unreachable/unavailable',
    });
  });

  it('dates a receipt whose timestamp is unreadable by when it arrived, not by the machine clock', () => {
    const receipt = {
      notification: { messageId: 'sns-2', timestamp: 'sometime yesterday' },
      delivery: { destination: '+61412345678', providerResponse: 'Message has been accepted by phone' },
      status: 'SUCCESS',
    };

    expect(parse(receipt)?.at).toEqual(RECEIVED_AT);
  });

  it('returns undefined for anything else', () => {
    expect(parse({ hello: 'world' })).toBeUndefined();
  });
});
