import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { SQSClient } from '@aws-sdk/client-sqs';
import { PoisonMessageError } from '@import-comms/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Logger } from '../logging/logger.js';
import { DeadLetterQueue, type DeadLetterSink } from '../sqs/dead-letter.js';
import { type QueueDefinition, queueById, TOPOLOGY } from '../topology/topology.js';
import { type BusinessMetrics, NO_METRICS } from './business-metrics.js';

/** What every queue-fed function runs on besides its own ports: built from the environment, or by a test. */
export interface QueueHandlerDependencies<Deps> {
  /** The use case's ports. */
  deps: Deps;
  /** Writes what the batch buffered (dashboard counters), whatever its outcome. */
  flushCounts: () => Promise<void>;
  deadLetter: DeadLettering;
  logger: Logger;
  /** Business figures (EMF); none by default (tests, the local runtime). */
  metrics?: BusinessMetrics;
}

/** Where a function's failed records go with their reason, and after how many receives. */
export interface DeadLettering {
  deadLetters: DeadLetterSink;
  maxReceiveCount: number;
}

/** The DLQ of one of the topology's queues, as its consumer writes to it (with its receive limit). */
export function deadLetteringFor(
  queueId: QueueDefinition['id'],
  deadLetterQueueUrl: string,
  sqs = new SQSClient({}),
): DeadLettering {
  return {
    deadLetters: new DeadLetterQueue(sqs, deadLetterQueueUrl),
    maxReceiveCount: queueById(TOPOLOGY, queueId).maxReceiveCount,
  };
}

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
  /**
   * With it, no record reaches the DLQ without its reason: a poison message goes there at once, any other on its
   * last receive, each with the error's message as the `reason` attribute (SQS's own redrive carries none).
   */
  deadLettering?: DeadLettering,
  metrics: BusinessMetrics = NO_METRICS,
): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  const handleLogged = async (record: SQSRecord, context: Context) => {
    const sentAt = Number(record.attributes.SentTimestamp);
    if (Number.isFinite(sentAt) && sentAt > 0) metrics.messageAge(Date.now() - sentAt);
    try {
      await handleRecord(record, context);
    } catch (error) {
      const receives = Number(record.attributes.ApproximateReceiveCount ?? 1);
      const poison = error instanceof PoisonMessageError;
      if (deadLettering && (poison || receives >= deadLettering.maxReceiveCount)) {
        const message = error instanceof Error ? error.message : String(error);
        const reason = poison ? message : `${message} after ${receives} receives`;
        await deadLettering.deadLetters.send(record.body, reason, poison ? error.details : undefined);
        logger.warn('record dead-lettered with its reason', { messageId: record.messageId, reason });
        return;
      }
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
      metrics.flush();
    }
  };
}
