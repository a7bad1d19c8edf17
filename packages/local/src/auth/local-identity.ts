import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@import-comms/core';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

/** The people of the demo; each role sees what it may do. */
export const DEMO_USERS = [
  { username: 'ava', name: 'Ava Agent', groups: ['agent'] },
  { username: 'sam', name: 'Sam Agent', groups: ['agent'] },
  { username: 'liam', name: 'Liam Approver', groups: ['approver'] },
  { username: 'noor', name: 'Noor Admin', groups: ['admin'] },
] as const satisfies readonly { username: string; name: string; groups: readonly Role[] }[];

export const LOCAL_CLIENT_ID = 'import-comms-local';
const TOKEN_LIFETIME_SECONDS = 8 * 3600;

export interface LocalIdentity {
  issuer: string;
  clientId: string;
  jwks: { keys: JWK[] };
  /** A Cognito-shaped access token for a user; unknown usernames get none. */
  issueToken(username: string, groups?: readonly Role[]): Promise<{ accessToken: string; expiresIn: number }>;
}

/**
 * Stands in for the Cognito user pool locally: an ES256 key made at start-up, a JWKS the API fetches like
 * Cognito's, and access tokens with Cognito's claims (`username`, `client_id`, `cognito:groups`), so the API
 * verifies them with exactly the code it runs in AWS.
 */
export async function createLocalIdentity(issuer: string): Promise<LocalIdentity> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  return {
    issuer,
    clientId: LOCAL_CLIENT_ID,
    jwks: { keys: [publicJwk] },
    async issueToken(username, groups) {
      const user = DEMO_USERS.find((candidate) => candidate.username === username);
      const roles = groups ?? user?.groups;
      if (!roles) throw new Error(`no demo user ${username}`);
      const accessToken = await new SignJWT({
        username,
        client_id: LOCAL_CLIENT_ID,
        token_use: 'access',
        'cognito:groups': roles.filter((role) => ROLES.includes(role)),
      })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setIssuer(issuer)
        .setSubject(randomUUID())
        .setIssuedAt()
        .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
        .sign(privateKey);
      return { accessToken, expiresIn: TOKEN_LIFETIME_SECONDS };
    },
  };
}
