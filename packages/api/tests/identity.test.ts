import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createTokenVerifier, InvalidTokenError } from '../src/index.js';

const ISSUER = 'https://issuer.test/pool';
const AUDIENCE = 'test-client';

async function setUp() {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
  let now = Date.parse('2026-12-01T09:00:00Z');
  let keyLookups = 0;
  const keys = createLocalJWKSet({ keys: [jwk] });
  const verify = createTokenVerifier({
    issuer: ISSUER,
    audience: AUDIENCE,
    keys: (header, token) => {
      keyLookups++;
      return keys(header, token);
    },
    now: () => now,
  });
  const sign = (claims: Record<string, unknown>, expiresAtSeconds: number) =>
    new SignJWT({ client_id: AUDIENCE, ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(expiresAtSeconds)
      .sign(privateKey);
  return {
    verify,
    sign,
    lookups: () => keyLookups,
    move: (ms: number) => {
      now += ms;
    },
    nowSeconds: () => Math.floor(now / 1000),
  };
}

describe('the token verifier', () => {
  it('checks a token’s signature once, then knows it until it expires', async () => {
    const t = await setUp();
    const token = await t.sign({ username: 'ava', 'cognito:groups': ['agent'] }, t.nowSeconds() + 600);

    const first = await t.verify(token);
    const again = await t.verify(token);

    expect(first).toEqual({ id: 'ava', roles: ['agent'] });
    expect(again).toEqual(first);
    expect(t.lookups()).toBe(1);
  });

  it('refuses a remembered token once it has expired (beyond the clock tolerance)', async () => {
    const t = await setUp();
    const token = await t.sign({ username: 'ava' }, t.nowSeconds() + 60);
    await t.verify(token);

    t.move(64_000);
    await expect(t.verify(token)).resolves.toMatchObject({ id: 'ava' });
    t.move(2_000);
    await expect(t.verify(token)).rejects.toThrow(new InvalidTokenError('the token has expired'));
  });

  it('never takes a token for one it knows because they look alike', async () => {
    const t = await setUp();
    const token = await t.sign({ username: 'ava' }, t.nowSeconds() + 600);
    await t.verify(token);
    const [header, payload, signature] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ client_id: AUDIENCE, username: 'noor', 'cognito:groups': ['admin'], iss: ISSUER, exp: t.nowSeconds() + 600 })).toString('base64url')}.${signature}`;

    expect(payload).not.toBe(forged.split('.')[1]);
    await expect(t.verify(forged)).rejects.toThrow(InvalidTokenError);
  });
});
