import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { SIGN_IN_CALLBACK_PATH, SIGN_IN_SCOPES } from '@import-comms/aws';
import Provider, { type Configuration, errors, type KoaContextWithOIDC } from 'oidc-provider';
import { readBody } from '../emulators/http.js';
import { type Listening, listen } from '../emulators/listen.js';
import {
  cognitoAccessClaims,
  DEMO_USERS,
  demoUser,
  type LocalIdentity,
  TOKEN_LIFETIME_SECONDS,
} from './local-identity.js';
import { inMemoryProviderStore } from './provider-store.js';

/** The API as a resource server: access tokens are JWTs for it, as Cognito's are. */
const API_SCOPE = 'api';
const REFRESH_LIFETIME_SECONDS = 30 * 24 * 3600;
/** Longer than any sign-in takes; an abandoned one simply expires. */
const INTERACTION_LIFETIME_SECONDS = 3600;
/** The login form is a handful of fields: anything larger is not a person signing in. */
const MAX_FORM_BYTES = 4096;

export interface OpenIdProviderOptions {
  host: string;
  port: number;
  /** The app server's origin: the one client's redirect and sign-out URLs, and the only CORS origin. */
  appUrl: string;
  /** Called with the provider's issuer once its port is known; returns the keys it signs with. */
  identity: (issuer: string) => Promise<LocalIdentity>;
}

export interface OpenIdProvider extends Listening {
  issuer: string;
  identity: LocalIdentity;
}

/**
 * A real OpenID provider (oidc-provider, OpenID Certified) standing in for Cognito managed login: authorization
 * code with PKCE for one public client, refresh tokens, RP-initiated sign-out, and RS256 JWT access tokens with
 * Cognito's claims (`username`, `client_id`, `cognito:groups`), so the UI and the API's token verification run
 * the same code here as in AWS. Its login page lists the demo users: one click signs in as one.
 */
export async function startOpenIdProvider(options: OpenIdProviderOptions): Promise<OpenIdProvider> {
  let handle: (request: IncomingMessage, response: ServerResponse) => unknown = (_request, response) => {
    response.writeHead(503).end();
  };
  const server = createServer((request, response) => handle(request, response));
  const running = await listen(server, options.host, options.port, 'the OpenID provider');
  const issuer = `http://${options.host}:${running.port}`;
  const identity = await options.identity(issuer);
  const provider = new Provider(issuer, configuration(options.appUrl, identity));
  const callback = provider.callback();
  handle = async (request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (!interaction) return callback(request, response);
    try {
      if (request.method === 'POST' && interaction[2]) return await login(provider, request, response);
      if (request.method === 'GET' && !interaction[2]) return await prompt(provider, request, response);
      return page(response, 405, 'Not here', '<p>This address takes no such request.</p>');
    } catch (error) {
      const message =
        error instanceof errors.SessionNotFound
          ? 'This sign-in has expired or was already used. Go back to import-comms and sign in again.'
          : 'Sign-in failed. Go back to import-comms and try again.';
      return page(response, 400, 'Sign-in failed', `<p>${escapeHtml(message)}</p>`);
    }
  };
  return { ...running, issuer, identity };
}

function configuration(appUrl: string, identity: LocalIdentity): Configuration {
  const appOrigin = new URL(appUrl).origin;
  const apiResource = `${appOrigin}/api`;
  return {
    clients: [
      {
        client_id: identity.clientId,
        client_name: 'import-comms',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`${appOrigin}${SIGN_IN_CALLBACK_PATH}`],
        post_logout_redirect_uris: [`${appOrigin}/`],
      },
    ],
    jwks: { keys: [identity.signingKey] },
    adapter: inMemoryProviderStore(),
    // Fresh per start, like the keys: a restart signs everyone out, as a new user pool would.
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    async findAccount(_ctx, id) {
      const user = demoUser(id);
      if (!user) return undefined;
      return {
        accountId: user.username,
        // As in a Cognito ID token: the profile, the username and the groups.
        claims: () => ({
          sub: user.username,
          name: user.name,
          email: user.email,
          email_verified: true,
          'cognito:username': user.username,
          'cognito:groups': [...user.groups],
        }),
      };
    },
    claims: {
      openid: ['sub'],
      profile: ['name', 'cognito:username', 'cognito:groups'],
      email: ['email', 'email_verified'],
    },
    // Cognito puts the profile in the ID token even when an access token is issued; the UI reads it there.
    conformIdTokenClaims: false,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => apiResource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== apiResource) throw new errors.InvalidTarget();
          return {
            scope: API_SCOPE,
            audience: apiResource,
            accessTokenFormat: 'jwt',
            accessTokenTTL: TOKEN_LIFETIME_SECONDS,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
      rpInitiatedLogout: { enabled: true, logoutSource: signOutPage },
    },
    async extraTokenClaims(_ctx, token) {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      return cognitoAccessClaims(token.accountId, demoUser(token.accountId)?.groups ?? []);
    },
    // Cognito gives the code flow a refresh token: the UI renews its session with it.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // The one client is the system's own UI: nothing to consent to, as with Cognito's app client.
    async loadExistingGrant(ctx) {
      const { oidc } = ctx;
      const existing = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(oidc.client?.clientId ?? '');
      if (existing) return oidc.provider.Grant.find(existing);
      if (!oidc.session?.accountId || !oidc.client) return undefined;
      const grant = new oidc.provider.Grant({
        clientId: oidc.client.clientId,
        accountId: oidc.session.accountId,
      });
      grant.addOIDCScope(SIGN_IN_SCOPES);
      grant.addResourceScope(apiResource, API_SCOPE);
      await grant.save();
      return grant;
    },
    clientBasedCORS: (_ctx, origin) => origin === appOrigin,
    ttl: {
      AccessToken: TOKEN_LIFETIME_SECONDS,
      IdToken: TOKEN_LIFETIME_SECONDS,
      AuthorizationCode: 60,
      RefreshToken: REFRESH_LIFETIME_SECONDS,
      Grant: REFRESH_LIFETIME_SECONDS,
      Session: REFRESH_LIFETIME_SECONDS,
      Interaction: INTERACTION_LIFETIME_SECONDS,
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = html(
        'Sign-in failed',
        `<p>${escapeHtml(String(out.error_description ?? out.error))}</p><p>Go back to import-comms and sign in again.</p>`,
      );
    },
  };
}

/** The login page: the demo users, one button each (in AWS: Cognito's managed login with password and MFA). */
async function prompt(provider: Provider, request: IncomingMessage, response: ServerResponse) {
  const details = await provider.interactionDetails(request, response);
  if (details.prompt.name !== 'login') {
    // Consent for the system's own UI is implicit (see loadExistingGrant); anything else is finished as asked.
    return provider.interactionFinished(request, response, {}, { mergeWithLastSubmission: true });
  }
  const buttons = DEMO_USERS.map(
    (user) =>
      `<li><button type="submit" name="username" value="${user.username}">Sign in as ${escapeHtml(user.name)}<small>${user.groups.join(', ')}</small></button></li>`,
  ).join('');
  return page(
    response,
    200,
    'Sign in to import-comms',
    `<p>Choose a demo user. Each role sees what it may do.</p>
     <form method="post" action="/interaction/${details.uid}/login"><ul>${buttons}</ul></form>`,
  );
}

async function login(provider: Provider, request: IncomingMessage, response: ServerResponse) {
  const form = new URLSearchParams(await readBody(request, MAX_FORM_BYTES));
  const user = demoUser(form.get('username') ?? '');
  if (!user) return page(response, 400, 'Sign-in failed', '<p>Choose one of the demo users.</p>');
  return provider.interactionFinished(
    request,
    response,
    { login: { accountId: user.username } },
    { mergeWithLastSubmission: false },
  );
}

/** Signing out of the UI signs out here too, without a second question (as Cognito's /logout does). */
async function signOutPage(ctx: KoaContextWithOIDC, form: string) {
  ctx.type = 'html';
  ctx.body = html(
    'Signing out',
    `${form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>')}
     <p>Signing you out of import-comms…</p>
     <button type="submit" form="op.logoutForm">Sign out</button>
     <script>document.getElementById('op.logoutForm').submit()</script>`,
  );
}

function page(response: ServerResponse, status: number, title: string, body: string) {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
  });
  response.end(html(title, body));
}

function html(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f8fafc;color:#0f172a;margin:0;padding:6rem 1rem}
main{max-width:28rem;margin:0 auto;background:#fff;border:1px solid #e2e8f0;border-radius:.5rem;padding:1.5rem}
h1{font-size:1.25rem;margin:0 0 .25rem}p{color:#475569;font-size:.875rem}ul{list-style:none;padding:0;margin:1rem 0 0}
li+li{margin-top:.5rem}button{width:100%;display:flex;justify-content:space-between;align-items:center;gap:1rem;
padding:.6rem .9rem;font:inherit;font-size:.875rem;background:#fff;border:1px solid #cbd5e1;border-radius:.375rem;cursor:pointer}
button:hover{background:#f1f5f9}button:focus-visible{outline:3px solid #0369a1;outline-offset:2px}small{color:#475569}
</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
}
