import { createHash, randomBytes } from 'node:crypto';
import { type RuntimeProcess, startRuntimeProcess } from './support/runtime-process.js';

/**
 * The sign-in the UI does, spoken as HTTP by hand: authorization code with PKCE against the runtime's OpenID
 * provider, the one-click login, the token exchange, the API taking the token, and renewal.
 */
let runtime: RuntimeProcess;
let app: string;
let config: { authority: string; clientId: string; scope: string };
let discovery: Record<string, string>;

beforeAll(async () => {
  runtime = await startRuntimeProcess();
  app = runtime.endpoint('IMPORT_COMMS_APP_PORT');
  config = (await (await fetch(`${app}/config.json`)).json()) as typeof config;
  discovery = (await (await fetch(`${config.authority}/.well-known/openid-configuration`)).json()) as Record<
    string,
    string
  >;
}, 90_000);

afterAll(async () => {
  await runtime?.stop();
});

/** A browser's cookie jar for one origin, enough to carry the provider's interaction and session cookies. */
function cookieJar() {
  const cookies = new Map<string, string>();
  return {
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    keep(response: Response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        cookies.set(pair.slice(0, at), pair.slice(at + 1));
      }
    },
  };
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString());

/** Follows the provider's redirects as a browser would, until one leads back to the app. */
async function browse(jar: ReturnType<typeof cookieJar>, url: string, init: RequestInit = {}): Promise<URL> {
  let next = new URL(url);
  let request = init;
  for (let hop = 0; hop < 10; hop++) {
    if (next.origin === new URL(app).origin) return next;
    const response = await fetch(next, {
      ...request,
      redirect: 'manual',
      headers: { ...(request.headers as Record<string, string>), cookie: jar.header() },
    });
    jar.keep(response);
    const location = response.headers.get('location');
    if (!location) {
      const page = await response.text();
      const form = /<form method="post" action="([^"]+)"/.exec(page);
      if (!form?.[1]) throw new Error(`stuck at ${next} (${response.status}): ${page.slice(0, 300)}`);
      // The login page: choose a demo user, as the rep's click does.
      next = new URL(form[1], next);
      request = {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: 'liam' }).toString(),
      };
      continue;
    }
    next = new URL(location, next);
    request = {};
  }
  throw new Error('too many redirects');
}

async function signIn(verifier = base64url(randomBytes(32))) {
  const jar = cookieJar();
  const state = base64url(randomBytes(16));
  const authorize = new URL(discovery.authorization_endpoint ?? '');
  authorize.search = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    scope: config.scope,
    redirect_uri: `${app}/auth/callback`,
    state,
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
  }).toString();
  const callback = await browse(jar, authorize.toString());
  return { jar, callback, state, verifier };
}

interface TokenAnswer {
  access_token: string;
  id_token: string;
  refresh_token: string;
  error?: string;
}

async function exchange(body: Record<string, string>) {
  const response = await fetch(discovery.token_endpoint ?? '', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app },
    body: new URLSearchParams({ client_id: config.clientId, ...body }).toString(),
  });
  return {
    status: response.status,
    cors: response.headers.get('access-control-allow-origin'),
    body: (await response.json()) as TokenAnswer,
  };
}

describe('signing in through the local OpenID provider', () => {
  it('tells the UI where to sign in, and allows it in the page policy', async () => {
    const page = await fetch(`${app}/`);
    expect(config).toEqual({
      authority: runtime.endpoint('IMPORT_COMMS_OIDC_PORT'),
      clientId: 'import-comms-local',
      scope: 'openid profile email',
    });
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${config.authority};`);
    expect(discovery.issuer).toBe(config.authority);
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('gives a Cognito-shaped access token the API takes, an ID token with the name, and renews it', async () => {
    const { callback, state, verifier } = await signIn();
    expect(callback.pathname).toBe('/auth/callback');
    expect(callback.searchParams.get('state')).toBe(state);
    const code = callback.searchParams.get('code') ?? '';

    const tokens = await exchange({
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${app}/auth/callback`,
      code_verifier: verifier,
    });
    expect(tokens.status).toBe(200);
    // The UI calls the token endpoint from its own origin.
    expect(tokens.cors).toBe(app);
    expect(claimsOf(tokens.body.access_token)).toMatchObject({
      iss: config.authority,
      client_id: 'import-comms-local',
      username: 'liam',
      token_use: 'access',
      'cognito:groups': ['approver'],
    });
    expect(claimsOf(tokens.body.id_token)).toMatchObject({
      name: 'Liam Approver',
      'cognito:username': 'liam',
    });
    const me = await fetch(`${app}/api/me`, {
      headers: { authorization: `Bearer ${tokens.body.access_token}` },
    });
    expect(await me.json()).toEqual({ id: 'liam', roles: ['approver'] });

    const renewed = await exchange({ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token });
    expect(renewed.status).toBe(200);
    expect(renewed.body.access_token).not.toBe(tokens.body.access_token);
    const stillMe = await fetch(`${app}/api/me`, {
      headers: { authorization: `Bearer ${renewed.body.access_token}` },
    });
    expect(stillMe.status).toBe(200);

    // A code is good once; a replayed one is taken as stolen and ends what it granted (RFC 6749 §4.1.2).
    const again = await exchange({
      grant_type: 'authorization_code',
      code,
      redirect_uri: `${app}/auth/callback`,
      code_verifier: verifier,
    });
    expect(again.body.error).toBe('invalid_grant');
    const afterReplay = await exchange({
      grant_type: 'refresh_token',
      refresh_token: renewed.body.refresh_token ?? tokens.body.refresh_token,
    });
    expect(afterReplay.body.error).toBe('invalid_grant');
  });

  it('refuses a code redeemed without the verifier it was asked with', async () => {
    const { callback } = await signIn();
    const stolen = await exchange({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code') ?? '',
      redirect_uri: `${app}/auth/callback`,
      code_verifier: base64url(randomBytes(32)),
    });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error).toBe('invalid_grant');
  });

  it('sends nobody back to an address that is not the app', async () => {
    const authorize = new URL(discovery.authorization_endpoint ?? '');
    authorize.search = new URLSearchParams({
      client_id: config.clientId,
      response_type: 'code',
      scope: config.scope,
      redirect_uri: 'https://attacker.example/callback',
      code_challenge: base64url(createHash('sha256').update('x'.repeat(43)).digest()),
      code_challenge_method: 'S256',
    }).toString();
    const response = await fetch(authorize, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('redirect_uri');
  });

  it('turns away hostile login forms with a 400 and keeps answering', async () => {
    const post = (body: string) =>
      fetch(`${config.authority}/interaction/not-a-real-one/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    const answers = await Promise.all([
      post(`username=${'a'.repeat(64 * 1024)}`),
      post('username=%00%1b%5B31m%E2%80%AEliam'),
      post('username=mallory'),
      post(''),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400]);
    const discoveryAgain = await fetch(`${config.authority}/.well-known/openid-configuration`);
    expect(discoveryAgain.status).toBe(200);
  });

  it('answers an expired or unknown sign-in with a page that says what to do', async () => {
    const unknown = await fetch(`${config.authority}/interaction/not-a-real-one`);
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('sign in again');
  });
});
