import { type Actor, ROLES, type Role } from '@import-comms/core';
import { createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';

export interface TokenVerifierOptions {
  /** The user pool's issuer URL (locally: the runtime's own issuer). */
  issuer: string;
  /** The app client id the tokens are for. */
  audience: string;
  keys: JWTVerifyGetKey;
  /** Now, for the expiry of remembered tokens (tests move it). */
  now?: () => number;
}

/** Tokens remembered once verified: a rep's page makes several requests with the same token. */
const VERIFIED_TOKENS = 1_000;
/** As `jwtVerify` is told: a token is accepted up to this long past its `exp`. */
const CLOCK_TOLERANCE_SECONDS = 5;

export class InvalidTokenError extends Error {}

export type VerifyToken = (token: string) => Promise<Actor>;

/** Keys from a JWKS URL (Cognito's, or the local runtime's); fetched once, refreshed when a new key id appears. */
export function remoteKeys(jwksUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl));
}

/**
 * Verifies a bearer token the way API Gateway's JWT authorizer does (signature, issuer, expiry, audience) and
 * turns its claims into the actor: the username, and the Cognito groups that are roles. Works for Cognito
 * access tokens (`client_id`, `username`) and ID tokens (`aud`, `cognito:username`) alike.
 */
export function createTokenVerifier(options: TokenVerifierOptions): VerifyToken {
  const now = options.now ?? Date.now;
  // A verified token stands until it expires (nothing revokes a JWT sooner): its signature is checked once,
  // not on every request (an ES256/RS256 verification is the costliest step of a cheap read).
  const verified = new LRUCache<string, { actor: Actor; expiresAtMs: number }>({ max: VERIFIED_TOKENS });
  const verify = verifierOf(options);
  return async (token) => {
    const known = verified.get(token);
    if (known && now() <= known.expiresAtMs) return known.actor;
    if (known) verified.delete(token);
    const { actor, expiresAtMs } = await verify(token);
    if (expiresAtMs !== undefined) verified.set(token, { actor, expiresAtMs });
    return actor;
  };
}

function verifierOf(options: TokenVerifierOptions) {
  return async (token: string): Promise<{ actor: Actor; expiresAtMs?: number }> => {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, options.keys, {
        issuer: options.issuer,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        ...(options.now ? { currentDate: new Date(options.now()) } : {}),
      }));
    } catch (error) {
      if (error instanceof errors.JOSEError) throw new InvalidTokenError(describe(error));
      throw error;
    }
    const audiences = [payload.client_id, ...[payload.aud].flat()].filter(
      (value) => typeof value === 'string',
    );
    if (!audiences.includes(options.audience)) throw new InvalidTokenError('the token is for another client');
    const id = [payload.username, payload['cognito:username'], payload.sub].find(
      (value): value is string => typeof value === 'string' && value !== '',
    );
    if (!id) throw new InvalidTokenError('the token names no user');
    const groups = Array.isArray(payload['cognito:groups']) ? payload['cognito:groups'] : [];
    const roles = groups.filter((group): group is Role => ROLES.includes(group as Role));
    const actor: Actor = { id, roles };
    return typeof payload.exp === 'number'
      ? { actor, expiresAtMs: (payload.exp + CLOCK_TOLERANCE_SECONDS) * 1000 }
      : { actor };
  };
}

function describe(error: InstanceType<typeof errors.JOSEError>): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the token's ${error.claim} claim is not accepted`;
  return 'the token is not valid';
}
