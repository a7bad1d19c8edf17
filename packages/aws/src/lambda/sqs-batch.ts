import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/**
 * An SQS-fed Lambda handler from a per-record function, with Powertools batch processing: a record that throws
 * is reported in `batchItemFailures` (and retried by SQS), the others are deleted. A whole failing batch is
 * reported record by record too, never as an exception that would hide which records failed.
 */
export function sqsBatchHandler(
  handleRecord: (record: SQSRecord, context: Context) => Promise<void>,
): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  return async (event, context) => {
    const processor = new BatchProcessor(EventType.SQS);
    return processPartialResponse(event, (record: SQSRecord) => handleRecord(record, context), processor, {
      context,
      throwOnFullBatchFailure: false,
    });
  };
}
