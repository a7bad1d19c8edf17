import {
  type Actor,
  type Channel,
  ChannelRefusedError,
  type CommunicationSummary,
  ConflictError,
  DEFAULT_PREFERENCES,
  decideChannels,
  InvalidInputError,
  NotFoundError,
  requireRole,
  type TransitionResult,
} from '@import-comms/core';
import type { ApiDependencies } from './dependencies.js';

/** How far ahead a rep may move a message: further than any reminder, near enough to still be right. */
export const MAX_RESCHEDULE_DAYS = 90;

/**
 * Cancels a message that has not gone out (Scheduled or Pending). Conditional on the stored status, as the
 * dispatcher's claim is: whichever write comes first wins, so a cancelled message is never sent and a message
 * already claimed is refused with 409 and its status.
 */
export async function cancelMessage(
  communicationId: string,
  actor: Actor,
  deps: ApiDependencies,
): Promise<CommunicationSummary> {
  requireRole(actor, 'agent', 'cancelling a message');
  const result = await deps.communications.transition(communicationId, {
    status: 'Cancelled',
    at: deps.clock.now(),
    reason: 'cancelled by a rep',
    by: actor.id,
  });
  return appliedOrThrown(result, communicationId, 'cancelled');
}

/**
 * Sends a Scheduled message at once: the customer's preferences are checked again (a rep may send inside quiet
 * hours, never to a channel the customer turned off), then it is made due now and queued; the dispatcher's claim
 * decides as for any due message, so a cancel or the sweeper racing this sends at most once.
 */
export async function sendScheduledNow(
  communicationId: string,
  actor: Actor,
  deps: ApiDependencies,
): Promise<CommunicationSummary> {
  requireRole(actor, 'agent', 'sending a message');
  const message = await deps.communications.get(communicationId);
  if (!message) throw new NotFoundError(`communication ${communicationId} does not exist`);
  if (message.status !== 'Scheduled')
    throw new ConflictError(`communication ${communicationId} is ${message.status}, not Scheduled`);
  const channel = message.type as Channel;
  const { contact, preferences } = await deps.customers.getRecipient(message.customerId);
  const now = deps.clock.now();
  if (contact && message.category) {
    const decision = decideChannels({
      category: message.category,
      candidates: [channel],
      contact,
      preferences: { ...(preferences?.preferences ?? DEFAULT_PREFERENCES), quietHours: null },
      now,
    });
    const skipped = decision.skipped[0];
    if (skipped && skipped.reason !== 'no-address')
      throw new ChannelRefusedError(skipped.reason, skipped.detail ?? `${channel} is not allowed now`);
  }
  const moved = await deps.communications.reschedule(communicationId, {
    scheduledFor: now,
    at: now,
    by: actor.id,
    reason: 'sent now by a rep',
  });
  const summary = appliedOrThrown(moved, communicationId, 'sent now');
  const failed = await deps.queue.enqueue([{ communicationId, channel }]);
  if (failed.length > 0) throw new Error(`could not enqueue ${communicationId}`);
  return summary;
}

/** Moves a Scheduled message to a later time (within MAX_RESCHEDULE_DAYS), recorded with who moved it. */
export async function rescheduleMessage(
  communicationId: string,
  scheduledFor: Date,
  actor: Actor,
  deps: ApiDependencies,
): Promise<CommunicationSummary> {
  requireRole(actor, 'agent', 'rescheduling a message');
  const now = deps.clock.now();
  if (scheduledFor.getTime() <= now.getTime())
    throw new InvalidInputError([
      { path: 'scheduledFor', message: 'give a time in the future; to send it now, use send-now' },
    ]);
  if (scheduledFor.getTime() > now.getTime() + MAX_RESCHEDULE_DAYS * 86_400_000)
    throw new InvalidInputError([
      { path: 'scheduledFor', message: `give a time within ${MAX_RESCHEDULE_DAYS} days` },
    ]);
  const result = await deps.communications.reschedule(communicationId, {
    scheduledFor,
    at: now,
    by: actor.id,
    reason: `rescheduled for ${scheduledFor.toISOString()}`,
  });
  return appliedOrThrown(result, communicationId, 'rescheduled');
}

function appliedOrThrown(result: TransitionResult, id: string, action: string): CommunicationSummary {
  if (result.applied) return result.communication;
  if (result.reason === 'not-found') throw new NotFoundError(`communication ${id} does not exist`);
  throw new ConflictError(
    `communication ${id} is ${result.current.status}: only a message that has not gone out can be ${action}`,
  );
}
