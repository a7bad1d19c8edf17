import { createHash } from 'node:crypto';
import { manualCommunicationId } from '@import-comms/core';

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
