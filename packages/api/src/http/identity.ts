import { type Actor, ROLES, type Role } from '@import-comms/core';
import { createRemoteJWKSet, errors, type JWTVerifyGetKey, jwtVerify } from 'jose';

export interface TokenVerifierOptions {
  /** The user pool's issuer URL (locally: the runtime's own issuer). */
  issuer: string;
  /** The app client id the tokens are for. */
  audience: string;
  keys: JWTVerifyGetKey;
}

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
  return async (token) => {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, options.keys, { issuer: options.issuer, clockTolerance: 5 }));
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
    return { id, roles };
  };
}

function describe(error: InstanceType<typeof errors.JOSEError>): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the token's ${error.claim} claim is not accepted`;
  return 'the token is not valid';
}
