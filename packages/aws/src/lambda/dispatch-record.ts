import {
  type Channel,
  type Communication,
  type DispatchDependencies,
  type DispatchOutcome,
  type DispatchQueue,
  dispatch,
  parseDispatchRequest,
  type SendReceipt,
  ThrottledDeliveryError,
} from '@import-comms/core';
import type { SQSRecord } from 'aws-lambda';
import type { Logger } from '../logging/logger.js';
import { type BusinessMetrics, type MessageOutcome, NO_METRICS } from './business-metrics.js';

/** The dispatch outcomes counted as business figures (a redelivery of a handled message is not one). */
const OUTCOME_METRICS: Partial<Record<DispatchOutcome['outcome'], MessageOutcome>> = {
  sent: 'Sent',
  'not-sent': 'NotSent',
  failed: 'Failed',
};

/** The longest a throttled send is put off at once (SQS allows 900 s of delay). */
const MAX_PUT_OFF_SECONDS = 120;

/** How long the n-th put-off waits: at least what the limiter asked, doubling from 1 s, with jitter. */
export function putOffSeconds(throttled: number, retryAfterSeconds: number, random = Math.random): number {
  const backoff = Math.min(MAX_PUT_OFF_SECONDS, 2 ** Math.min(throttled, 7));
  return Math.min(MAX_PUT_OFF_SECONDS, Math.max(retryAfterSeconds, backoff) + Math.floor(random() * 2));
}

/**
 * One dispatch-queue record: the send itself, and — when the sending rate puts it off (our limiter's turn too
 * far away, or the provider still throttling after the SDK's retries) — a fresh message on the same queue,
 * delayed with backoff, in place of this one. A put-off is never a failed receive, so throttling alone can
 * never move a message to the DLQ.
 */
export function dispatchRecord(options: {
  channel: Channel;
  deps: DispatchDependencies;
  queue: DispatchQueue;
  logger: Logger;
  send: (communication: Communication) => Promise<SendReceipt>;
  metrics?: BusinessMetrics;
}): (record: SQSRecord) => Promise<void> {
  const { channel, deps, queue, logger, send, metrics = NO_METRICS } = options;
  return async (record) => {
    const request = parseDispatchRequest(record.body, channel);
    try {
      const result = await dispatch(request.communicationId, channel, deps, send);
      logger.info(`${channel} dispatch`, { communicationId: request.communicationId, ...result });
      const counted = OUTCOME_METRICS[result.outcome];
      if (counted) metrics.outcome(channel, counted);
    } catch (error) {
      if (!(error instanceof ThrottledDeliveryError)) throw error;
      const throttled = (request.throttled ?? 0) + 1;
      const delaySeconds = putOffSeconds(throttled - 1, error.retryAfterSeconds);
      const failed = await queue.enqueue([{ ...request, throttled }], { delaySeconds });
      // Not re-queued: the original stays, and SQS's own retry takes over.
      if (failed.length > 0) throw error;
      metrics.outcome(channel, 'Throttled');
      logger.info(`${channel} dispatch put off for the sending rate`, {
        communicationId: request.communicationId,
        throttled,
        delaySeconds,
        reason: error.message,
      });
    }
  };
}
