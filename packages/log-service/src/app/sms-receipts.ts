import { gunzipSync } from 'node:zlib';

/** What CloudWatch Logs hands a subscription's function: gzipped, base64-encoded JSON. */
export interface LogsSubscriptionEvent {
  awslogs: { data: string };
}

interface LogsPayload {
  messageType: 'DATA_MESSAGE' | 'CONTROL_MESSAGE';
  logEvents: { id: string; message: string }[];
}

/**
 * The SMS delivery receipts in a CloudWatch Logs batch (SNS writes one JSON line per SMS to its
 * DirectPublishToPhoneNumber log groups). Control messages (the subscription's own test) carry none.
 */
export function receiptsIn(event: LogsSubscriptionEvent): { id: string; body: string }[] {
  const payload = JSON.parse(
    gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8'),
  ) as LogsPayload;
  if (payload.messageType !== 'DATA_MESSAGE') return [];
  return payload.logEvents.map((logEvent) => ({ id: logEvent.id, body: logEvent.message }));
}
