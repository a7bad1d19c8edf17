import {
  type ChannelFallbackDependencies,
  type Clock,
  type CommunicationRepository,
  type CommunicationSummary,
  type CustomerRepository,
  DEFAULT_PREFERENCES,
  type DeliveryCallback,
  type FallbackOutcome,
  MissingDataError,
  type StatusPublisher,
  sendOnOtherChannel,
} from '@import-comms/core';

export interface LogDependencies {
  communications: CommunicationRepository;
  customers: CustomerRepository;
  clock: Clock;
  statusPublisher?: StatusPublisher;
  /** Sends a message that could not arrive on the other channel (templates with `channelFallback`). */
  fallback?: ChannelFallbackDependencies;
}

export type CallbackOutcome =
  | { outcome: 'recorded'; communicationId: string; status: string; fallback?: FallbackOutcome }
  | { outcome: 'ignored'; communicationId: string; reason: string; fallback?: FallbackOutcome };

/** What ends a message's way to the customer for good: the other channel may still reach them. */
const UNDELIVERABLE = new Set(['Bounced', 'Failed']);

const SUPPRESSION_ATTEMPTS = 3;

/**
 * Applies one provider callback to its communication. Status only moves forward, so late, duplicate and
 * out-of-order callbacks change nothing. A callback for a message not (yet) known is thrown: the dispatcher may
 * not have recorded the provider id yet, so it is retried, and in the end kept in the DLQ for ops.
 */
export async function recordCallback(
  callback: DeliveryCallback,
  deps: LogDependencies,
): Promise<CallbackOutcome> {
  const communication = await deps.communications.findByProviderMessageId(callback.providerMessageId);
  if (!communication)
    throw new MissingDataError(`no communication has provider message id ${callback.providerMessageId}`);
  const { communicationId } = communication;
  if (callback.suppress.length > 0)
    await suppress(communication.customerId, callback.suppress, callback.kind, deps);
  if (!callback.status)
    return { outcome: 'ignored', communicationId, reason: `${callback.kind} carries no status` };
  const result = await deps.communications.transition(communicationId, {
    status: callback.status,
    at: callback.at,
    ...(callback.reason ? { reason: callback.reason } : {}),
    ...(callback.priceUsd !== undefined ? { priceUsd: callback.priceUsd } : {}),
  });
  if (!result.applied) {
    const current = result.reason === 'not-allowed' ? result.current.status : 'gone';
    // A redelivered bounce finds it Bounced already: the fallback may be what failed the first time.
    const fallback = current === callback.status ? await fallBack(deps, communicationId, current) : undefined;
    return {
      outcome: 'ignored',
      communicationId,
      reason: `already ${current}`,
      ...(fallback ? { fallback } : {}),
    };
  }
  await notify(deps, communication, { ...callback, status: callback.status });
  const fallback = await fallBack(deps, communicationId, callback.status);
  return { outcome: 'recorded', communicationId, status: callback.status, ...(fallback ? { fallback } : {}) };
}

/** For an undeliverable message, the other channel once (idempotent: a retry finds the fallback made). */
async function fallBack(
  deps: LogDependencies,
  communicationId: string,
  status: string,
): Promise<FallbackOutcome | undefined> {
  if (!deps.fallback || !UNDELIVERABLE.has(status)) return undefined;
  const original = await deps.communications.get(communicationId);
  return original ? sendOnOtherChannel(original, deps.fallback) : undefined;
}

/** Best effort: the status is recorded; a lost notice must not replay the callback. */
async function notify(
  deps: LogDependencies,
  communication: CommunicationSummary,
  callback: DeliveryCallback & { status: NonNullable<DeliveryCallback['status']> },
): Promise<void> {
  const channel = communication.type;
  if (
    !deps.statusPublisher ||
    (channel !== 'Email' && channel !== 'SMS') ||
    communication.status === 'Logged'
  )
    return;
  await deps.statusPublisher
    .publish({
      communicationId: communication.communicationId,
      customerId: communication.customerId,
      ...(communication.vehicleId ? { vehicleId: communication.vehicleId } : {}),
      channel,
      ...(communication.templateId ? { templateId: communication.templateId } : {}),
      previousStatus: communication.status,
      status: callback.status,
      ...(callback.reason ? { reason: callback.reason } : {}),
      at: callback.at,
    })
    .catch(() => undefined);
}

/** Adds hard-bounced or complaining addresses to the customer's suppression list (optimistic, retried). */
async function suppress(
  customerId: string,
  addresses: string[],
  kind: string,
  deps: LogDependencies,
): Promise<void> {
  for (let attempt = 0; attempt < SUPPRESSION_ATTEMPTS; attempt++) {
    const stored = await deps.customers.getPreferences(customerId);
    const preferences = stored?.preferences ?? DEFAULT_PREFERENCES;
    const current = preferences.suppressedAddresses ?? [];
    const added = addresses.filter(
      (address) => !current.some((known) => known.toLowerCase() === address.toLowerCase()),
    );
    if (added.length === 0) return;
    const saved = await deps.customers.savePreferences(
      customerId,
      { ...preferences, suppressedAddresses: [...current, ...added] },
      stored?.revision ?? 0,
      `system:log-service (${kind})`,
      deps.clock.now(),
    );
    if (saved.saved) return;
  }
  throw new Error(
    `could not record the suppression of ${addresses.length} address(es) for customer ${customerId}`,
  );
}
