import type { Channel } from '../channels.js';
import type { Communication } from '../communications/communication.js';
import { CLAIMABLE_STATUSES } from '../communications/status.js';
import { PermanentDeliveryError, ThrottledDeliveryError, TransientDeliveryError } from '../errors.js';
import type {
  Clock,
  CommunicationRepository,
  CustomerRepository,
  SendRateLimiter,
  SendReceipt,
  StatusPublisher,
} from '../ports.js';
import { decideChannels } from '../preferences/channel-decision.js';
import { DEFAULT_PREFERENCES } from '../preferences/preferences.js';

export interface DispatchDependencies {
  communications: CommunicationRepository;
  customers: CustomerRepository;
  clock: Clock;
  /** How long a claim holds before another attempt may take the message over. */
  claimLeaseSeconds: number;
  /** Tells other teams about Sent and Failed; optional so the core stays usable without a bus. */
  statusPublisher?: StatusPublisher;
  /** Keeps the channel within the provider's sending rate; absent, sends go as fast as they come. */
  sendRate?: SendRateLimiter;
}

export type DispatchOutcome =
  | { outcome: 'sent'; providerMessageId: string }
  | { outcome: 'not-sent'; reason: string }
  | { outcome: 'failed'; reason: string }
  | { outcome: 'already-handled'; status: string }
  | { outcome: 'missing' };

/**
 * Sends one communication at most once: preferences are checked again (they may have changed since it was
 * rendered), the message is claimed (Pending → Sending, conditional, with a lease) before the provider is
 * called, and the outcome is recorded. A permanent provider error is recorded as Failed and not retried; a
 * transient one gives the claim back and is thrown, so the queue retries it.
 */
export async function dispatch(
  communicationId: string,
  channel: Channel,
  deps: DispatchDependencies,
  send: (communication: Communication) => Promise<SendReceipt>,
): Promise<DispatchOutcome> {
  const communication = await deps.communications.get(communicationId);
  if (!communication) return { outcome: 'missing' };
  if (!CLAIMABLE_STATUSES.includes(communication.status)) {
    return { outcome: 'already-handled', status: communication.status };
  }

  const { contact, preferences: stored } = await deps.customers.getRecipient(communication.customerId);
  const preferences = stored?.preferences ?? DEFAULT_PREFERENCES;
  if (contact && communication.category) {
    const decision = decideChannels({
      category: communication.category,
      candidates: [channel],
      contact,
      preferences: { ...preferences, quietHours: null },
      now: deps.clock.now(),
    });
    const skipped = decision.skipped[0];
    if (skipped && skipped.reason !== 'no-address') {
      const moved = await deps.communications.transition(communicationId, {
        status: 'NotSent',
        at: deps.clock.now(),
        reason: skipped.reason,
      });
      return moved.applied
        ? { outcome: 'not-sent', reason: skipped.reason }
        : {
            outcome: 'already-handled',
            status: moved.reason === 'not-allowed' ? moved.current.status : 'missing',
          };
    }
  }

  // The turn within the sending rate comes before the claim: a message waiting for its turn holds no lease.
  const turn = await deps.sendRate?.acquire(channel);
  if (turn && !turn.granted) {
    throw new ThrottledDeliveryError(
      `${channel} sending rate reached: ${communicationId} is put off by ${turn.retryAfterSeconds} s`,
      turn.retryAfterSeconds,
    );
  }
  const claim = await deps.communications.claim(communicationId, deps.clock.now(), deps.claimLeaseSeconds);
  if (!claim.applied) {
    // Another dispatcher holds the claim. If it dies before Sent, only a later delivery of this message can take
    // the claim over once its lease runs out: retry rather than drop it.
    if (claim.reason === 'not-allowed' && claim.current.status === 'Sending') {
      throw new TransientDeliveryError(
        `communication ${communicationId} is being sent by another dispatcher; retried after its claim`,
      );
    }
    return {
      outcome: 'already-handled',
      status: claim.reason === 'not-allowed' ? claim.current.status : 'missing',
    };
  }
  let receipt: SendReceipt;
  try {
    receipt = await send(communication);
  } catch (error) {
    if (error instanceof PermanentDeliveryError) {
      await deps.communications.transition(communicationId, {
        status: 'Failed',
        at: deps.clock.now(),
        reason: error.message,
      });
      return { outcome: 'failed', reason: error.message };
    }
    await deps.communications.releaseClaim(communicationId, deps.clock.now());
    throw error;
  }
  const sentAt = deps.clock.now();
  const sent = await deps.communications.transition(communicationId, {
    status: 'Sent',
    at: sentAt,
    providerMessageId: receipt.providerMessageId,
  });
  if (sent.applied) await notify(deps, communication, channel, 'Sent', sentAt);
  return { outcome: 'sent', providerMessageId: receipt.providerMessageId };
}

/** Best effort: the status is already recorded; a lost notice must not make the queue send the message again. */
async function notify(
  deps: DispatchDependencies,
  communication: Communication,
  channel: Channel,
  status: 'Sent' | 'Failed',
  at: Date,
  reason?: string,
): Promise<void> {
  try {
    await deps.statusPublisher?.publish({
      communicationId: communication.communicationId,
      customerId: communication.customerId,
      ...(communication.vehicleId ? { vehicleId: communication.vehicleId } : {}),
      channel,
      ...(communication.templateId ? { templateId: communication.templateId } : {}),
      previousStatus: 'Sending',
      status,
      ...(reason ? { reason } : {}),
      at,
    });
  } catch {
    // Deliberately swallowed; see above. The status history in the table remains the source of truth.
  }
}
