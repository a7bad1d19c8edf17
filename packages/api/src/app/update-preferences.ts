import {
  type Actor,
  ConflictError,
  type CustomerPreferences,
  DEFAULT_PREFERENCES,
  NotFoundError,
  type Preferences,
  requireRole,
} from '@import-comms/core';
import type { ApiDependencies } from './dependencies.js';

/** Stored preferences, or the defaults (revision 0) for a customer nobody has set them for. */
export async function readPreferences(
  customerId: string,
  deps: ApiDependencies,
): Promise<
  Pick<CustomerPreferences, 'customerId' | 'preferences' | 'revision'> & Partial<CustomerPreferences>
> {
  const [contact, stored] = await Promise.all([
    deps.customers.getContact(customerId),
    deps.customers.getPreferences(customerId),
  ]);
  if (!contact) throw new NotFoundError(`customer ${customerId} does not exist`);
  return stored ?? { customerId, preferences: DEFAULT_PREFERENCES, revision: 0 };
}

/**
 * Saves a rep's change as the next revision, who and when recorded (the consent record). Based on the
 * revision the rep saw: a change made meanwhile by someone else is a conflict, never overwritten. Clearing a
 * suppressed address (one that bounced or complained) is for admins only.
 */
export async function updatePreferences(
  customerId: string,
  change: { preferences: Preferences; revision: number },
  actor: Actor,
  deps: ApiDependencies,
): Promise<CustomerPreferences> {
  requireRole(actor, 'agent', 'changing preferences');
  const current = await readPreferences(customerId, deps);
  const kept = new Set(change.preferences.suppressedAddresses ?? []);
  const cleared = (current.preferences.suppressedAddresses ?? []).filter((address) => !kept.has(address));
  if (cleared.length > 0) requireRole(actor, 'admin', 'clearing a suppressed address');
  const now = deps.clock.now();
  const saved = await deps.customers.savePreferences(
    customerId,
    change.preferences,
    change.revision,
    actor.id,
    now,
  );
  if (!saved.saved) {
    throw new ConflictError(
      `preferences changed meanwhile (now revision ${current.revision}, you sent ${change.revision}): reload and try again`,
    );
  }
  return {
    customerId,
    preferences: change.preferences,
    revision: change.revision + 1,
    updatedAt: now.toISOString(),
    updatedBy: actor.id,
  };
}
