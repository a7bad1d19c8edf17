import {
  type Clock,
  type CommunicationRepository,
  type CommunicationSummary,
  type CustomerRepository,
  DEFAULT_PREFERENCES,
  type DeliveryCallback,
  MissingDataError,
  type StatusPublisher,
} from '@import-comms/core';

export interface LogDependencies {
  communications: CommunicationRepository;
  customers: CustomerRepository;
  clock: Clock;
  statusPublisher?: StatusPublisher;
}

export type CallbackOutcome =
  | { outcome: 'recorded'; communicationId: string; status: string }
  | { outcome: 'ignored'; communicationId: string; reason: string };

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
    return { outcome: 'ignored', communicationId, reason: `already ${current}` };
  }
  await notify(deps, communication, { ...callback, status: callback.status });
  return { outcome: 'recorded', communicationId, status: callback.status };
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
