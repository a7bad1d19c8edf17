import * as z from 'zod/mini';
import { CLAIM_LEASE_SECONDS } from './wiring.js';

/**
 * What both dispatchers read besides their own provider's settings. A module of its own: only the dispatchers
 * import it, so no other function builds these schemas at start.
 */
export const dispatcherEnvironment = {
  /** How long a claim holds before another dispatcher may take the message over (after a crash). */
  CLAIM_LEASE_SECONDS: z._default(
    z.pipe(z.coerce.number(), z.int().check(z.minimum(5), z.maximum(900))),
    CLAIM_LEASE_SECONDS,
  ),
};
