import { sqsBatchHandler } from '@import-comms/aws';
import { PoisonMessageError } from '@import-comms/core';
import { describeIssues, validateEvent } from '@import-comms/events';
import { handleEvent } from './app/handle-event.js';
import { createContainer } from './container.js';

const { deps, deadLetter, logger, flushCounts } = createContainer();

/**
 * trigger-queue → communications. An event that breaks its contract can never succeed: it goes straight to the
 * DLQ with every validation issue attached and the rest of the batch carries on. Anything else that fails is
 * thrown, so SQS retries that record alone.
 */
export const handler = sqsBatchHandler(
  logger,
  async (record) => {
    let body: unknown;
    try {
      body = JSON.parse(record.body);
    } catch {
      // Poison: the batch handler's dead-lettering sends it to the DLQ at once with this reason.
      throw new PoisonMessageError('message body is not JSON');
    }
    const validated = validateEvent(body);
    if (!validated.success) {
      const reason = `event breaks its contract: ${describeIssues(validated.issues)}`;
      await deadLetter.deadLetters.send(record.body, reason, validated.issues);
      logger.warn('event rejected', { messageId: record.messageId, issues: validated.issues });
      return;
    }
    // Data that has not arrived yet (a stage change before its Customer Upserted) may still arrive: retried,
    // then dead-lettered with the reason on the last receive (the batch handler's dead-lettering).
    const outcome = await handleEvent(validated.data, deps);
    const eventId = (validated.data.detail as { eventId?: string }).eventId;
    if (outcome.alreadyCreated > 0 && outcome.created.length === 0) {
      // At-least-once delivery, or a producer publishing again: nothing new is sent, and the log says so.
      logger.info('duplicate event: its communications already exist', {
        contract: validated.data.contract.id,
        eventId,
        alreadyCreated: outcome.alreadyCreated,
      });
      return;
    }
    logger.info('event handled', {
      contract: validated.data.contract.id,
      eventId,
      created: outcome.created,
      alreadyCreated: outcome.alreadyCreated,
      stale: outcome.stale,
    });
  },
  flushCounts,
  deadLetter,
);
