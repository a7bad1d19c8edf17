import { createHash } from 'node:crypto';
import { ConflictError, manualCommunicationId } from '@import-comms/core';

/**
 * The id of something a person creates: derived from their Idempotency-Key when they send one, so a retried
 * request (a double click, a timeout) finds what the first one created instead of creating it again.
 */
export function requestedCommunicationId(
  actorId: string,
  operation: string,
  idempotencyKey?: string,
): string {
  if (!idempotencyKey) return manualCommunicationId();
  return createHash('sha256')
    .update(`${actorId}\u0000${operation}\u0000${idempotencyKey}`)
    .digest('hex')
    .slice(0, 32);
}

/** JSON with every object's keys in order, so the same request always gives the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The digest stored with what an Idempotency-Key created: the validated request, whatever its key order. */
export function requestFingerprint(request: unknown): string {
  return createHash('sha256').update(canonical(request)).digest('hex').slice(0, 32);
}

/**
 * An Idempotency-Key replays only the request it was first used with (Stripe's rule): another request under
 * the same key is refused, so its message is never silently dropped in favour of the first one's answer.
 */
export function assertSameRequest(
  existing: { requestFingerprint?: string },
  fingerprint: string,
  idempotencyKey: string,
): void {
  if (existing.requestFingerprint !== undefined && existing.requestFingerprint !== fingerprint) {
    throw new ConflictError(
      `Idempotency-Key "${idempotencyKey}" was first used with a different request; send a new key for a new request`,
      'idempotency_key_reused',
    );
  }
}
