import { gzipSync } from 'node:zlib';
import { parseDeliveryCallback } from '@import-comms/core';
import { receiptsIn } from '../src/app/sms-receipts.js';

/** When the callback arrived: stands in for a provider timestamp that is missing. */
const RECEIVED_AT = new Date('2026-11-25T03:00:00.000Z');
const parse = (body: unknown) => parseDeliveryCallback(body, RECEIVED_AT);

const subscriptionEvent = (payload: unknown) => ({
  awslogs: { data: gzipSync(Buffer.from(JSON.stringify(payload))).toString('base64') },
});

/** One line of SNS's DirectPublishToPhoneNumber log group, as AWS documents it. */
const receipt = {
  notification: { messageId: 'sns-message-1', timestamp: '2026-11-25 03:00:00.123' },
  delivery: {
    mnc: 1,
    numberOfMessageParts: 1,
    destination: '+61412345678',
    priceInUSD: 0.0386,
    smsType: 'Transactional',
    mcc: 505,
    providerResponse: 'Message has been accepted by phone carrier',
    dwellTimeMs: 321,
    dwellTimeMsUntilDeviceAck: 1200,
  },
  status: 'SUCCESS',
};

describe('SMS receipts from CloudWatch Logs', () => {
  it('takes every receipt of a data message, readable by the log-service as it is', () => {
    const event = subscriptionEvent({
      messageType: 'DATA_MESSAGE',
      logGroup: 'sns/ap-southeast-2/123456789012/DirectPublishToPhoneNumber',
      logEvents: [
        { id: 'a', timestamp: 1, message: JSON.stringify(receipt) },
        { id: 'b', timestamp: 2, message: JSON.stringify({ ...receipt, status: 'FAILURE' }) },
      ],
    });

    const receipts = receiptsIn(event);

    expect(receipts.map((r) => r.id)).toEqual(['a', 'b']);
    expect(parse(JSON.parse(receipts[0]?.body ?? '{}'))).toMatchObject({
      kind: 'SMS SUCCESS',
      providerMessageId: 'sns-message-1',
      status: 'Delivered',
    });
  });

  it('ignores the control message CloudWatch Logs sends when the subscription is created', () => {
    expect(
      receiptsIn(
        subscriptionEvent({ messageType: 'CONTROL_MESSAGE', logEvents: [{ id: 'c', message: 'x' }] }),
      ),
    ).toEqual([]);
  });
});
