import { type QueueHandlerDependencies, sqsBatchHandler } from '@import-comms/aws';
import { PoisonMessageError, parseQueueJson } from '@import-comms/core';
import { describeIssues, validateEvent } from '@import-comms/events';
import { handleEvent, type TriggerDependencies } from './app/handle-event.js';

/** What the trigger service runs on: built from the environment in AWS, from test doubles in tests. */
export type TriggerServiceDependencies = QueueHandlerDependencies<TriggerDependencies>;

/**
 * trigger-queue → communications. A body that is not JSON or breaks its contract can never succeed: it goes
 * straight to the DLQ with every validation issue attached and the rest of the batch carries on. Data that has
 * not arrived yet (a stage change before its Customer Upserted) may still arrive: retried, then dead-lettered
 * with its reason on the last receive.
 */
export function createHandler({
  deps,
  flushCounts,
  deadLetter,
  logger,
  metrics,
}: TriggerServiceDependencies) {
  return sqsBatchHandler(
    logger,
    async (record) => {
      const validated = validateEvent(parseQueueJson(record.body, 'message body'));
      if (!validated.success)
        throw new PoisonMessageError(
          `event breaks its contract: ${describeIssues(validated.issues)}`,
          validated.issues,
        );
      const event = validated.data;
      const outcome = await handleEvent(event, deps);
      const context = { contract: event.contract.id, eventId: event.detail.eventId, ...outcome };
      // At-least-once delivery, or a producer publishing again: nothing new is sent, and the log says so.
      if (outcome.alreadyCreated > 0 && outcome.created.length === 0)
        logger.info('duplicate event: its communications already exist', context);
      else logger.info('event handled', context);
    },
    flushCounts,
    deadLetter,
    metrics,
  );
}
