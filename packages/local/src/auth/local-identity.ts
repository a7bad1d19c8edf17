import { ROLES, type Role } from '@import-comms/core';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

/** The people of the demo; each role sees what it may do. */
export const DEMO_USERS = [
  { username: 'ava', name: 'Ava Agent', email: 'ava@reps.example', groups: ['agent'] },
  { username: 'sam', name: 'Sam Agent', email: 'sam@reps.example', groups: ['agent'] },
  { username: 'liam', name: 'Liam Approver', email: 'liam@reps.example', groups: ['approver'] },
  { username: 'noor', name: 'Noor Admin', email: 'noor@reps.example', groups: ['admin'] },
] as const satisfies readonly { username: string; name: string; email: string; groups: readonly Role[] }[];

export type DemoUser = (typeof DEMO_USERS)[number];

export const LOCAL_CLIENT_ID = 'import-comms-local';
/** As Cognito's app client is set in the CDK app: an eight-hour working day per token. */
export const TOKEN_LIFETIME_SECONDS = 8 * 3600;

export function demoUser(username: string): DemoUser | undefined {
  return DEMO_USERS.find((candidate) => candidate.username === username);
}

/** The claims Cognito puts in an access token, beside the standard ones (`sub`, `iss`, `exp`, …). */
export function cognitoAccessClaims(username: string, groups: readonly Role[]): Record<string, unknown> {
  return {
    username,
    token_use: 'access',
    'cognito:groups': groups.filter((role) => ROLES.includes(role)),
  };
}

export interface LocalIdentity {
  issuer: string;
  clientId: string;
  /** The signing key as the OpenID provider is given it (private). */
  signingKey: JWK;
  /** The public keys, as the provider publishes them at its `jwks_uri`. */
  jwks: { keys: JWK[] };
  /**
   * A Cognito-shaped access token for a user without the browser flow (scripts, curl, tests), signed with the
   * provider's own key so the API cannot tell it from one the sign-in issued; unknown usernames get none.
   */
  issueToken(username: string, groups?: readonly Role[]): Promise<{ accessToken: string; expiresIn: number }>;
}

/**
 * The local user pool's keys and shortcut: an RS256 key made at start-up (Cognito signs with RS256) that the
 * local OpenID provider signs with, and direct tokens for the demo users carrying Cognito's claims.
 */
export async function createLocalIdentity(issuer: string): Promise<LocalIdentity> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `local-${Date.now().toString(36)}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const signingKey = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    issuer,
    clientId: LOCAL_CLIENT_ID,
    signingKey,
    jwks: { keys: [publicJwk] },
    async issueToken(username, groups) {
      const roles = groups ?? demoUser(username)?.groups;
      if (!roles) throw new Error(`no demo user ${username}`);
      const accessToken = await new SignJWT({
        ...cognitoAccessClaims(username, roles),
        client_id: LOCAL_CLIENT_ID,
        scope: 'openid profile email',
      })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setIssuer(issuer)
        .setSubject(username)
        .setIssuedAt()
        .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
        .sign(privateKey);
      return { accessToken, expiresIn: TOKEN_LIFETIME_SECONDS };
    },
  };
}
