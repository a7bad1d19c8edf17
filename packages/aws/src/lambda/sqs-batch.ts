import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Logger } from '../logging/logger.js';

/**
 * An SQS-fed Lambda handler from a per-record function, with Powertools batch processing: a record that throws
 * is reported in `batchItemFailures` (and retried by SQS), the others are deleted. A whole failing batch is
 * reported record by record too, never as an exception that would hide which records failed. Each failure is
 * logged with its message id and receive count, so a message that ends in a DLQ has its reasons in the log.
 */
export function sqsBatchHandler(
  logger: Logger,
  handleRecord: (record: SQSRecord, context: Context) => Promise<void>,
  /** Runs once the batch is done, whatever its outcome (e.g. writing buffered counters). */
  afterBatch?: () => Promise<void>,
): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  const handleLogged = async (record: SQSRecord, context: Context) => {
    try {
      await handleRecord(record, context);
    } catch (error) {
      logger.error('record failed; SQS will retry it, then move it to the DLQ', {
        messageId: record.messageId,
        receiveCount: record.attributes.ApproximateReceiveCount,
        error,
      });
      throw error;
    }
  };
  return async (event, context) => {
    const processor = new BatchProcessor(EventType.SQS);
    try {
      return await processPartialResponse(
        event,
        (record: SQSRecord) => handleLogged(record, context),
        processor,
        { context, throwOnFullBatchFailure: false },
      );
    } finally {
      await afterBatch?.();
    }
  };
}
