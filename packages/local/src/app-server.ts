import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { createTokenVerifier } from '@import-comms/api';
import { SIGN_IN_SCOPES, securityHeaders } from '@import-comms/aws';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { createLocalJWKSet } from 'jose';
import * as z from 'zod';
import { DEMO_USERS, type LocalIdentity } from './auth/local-identity.js';
import { type Listening, listen } from './emulators/listen.js';
import type { LiveChange, LiveChanges } from './live-changes.js';

export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** Demo users' tokens without the browser (scripts, curl); the UI signs in through the OpenID provider. */
export const LOCAL_AUTH_PATH = '/auth/local';

const tokenRequest = z.object({ username: z.enum(DEMO_USERS.map((user) => user.username)) }).strict();

export interface AppOptions {
  identity: LocalIdentity;
  api: FetchHandler;
  /** The built web UI (packages/web/dist), served at `/`. */
  webRoot?: string;
  /** When metering: its reading at GET /_local/meter, reset by DELETE. */
  meter?: { reading(): unknown; reset(): void };
  /** The change feed the UI listens to at GET /api/live (server-sent events). */
  live?: LiveChanges;
}

/** A comment line now and then keeps proxies and the browser from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000;

export interface AppServer extends Listening {
  url: string;
  /** Starts answering with the app; until then every request is told the runtime is starting. */
  serve(options: AppOptions): void;
}

/**
 * Binds the app's port before anything else needs its address (the token issuer names it), and serves the app
 * once the functions it fronts are ready.
 */
export async function bindAppServer(host: string, port: number): Promise<AppServer> {
  let listener: (request: IncomingMessage, response: ServerResponse) => unknown = (_request, response) => {
    response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' });
    response.end('import-comms is starting: try again in a moment.');
  };
  const server = createServer((request, response) => listener(request, response));
  const running = await listen(server, host, port, 'the API and sign-in');
  return {
    ...running,
    url: `http://${host}:${running.port}`,
    serve: (options) => {
      listener = getRequestListener(createApp(options).fetch);
    },
  };
}

/**
 * One origin for people: the web UI at /, its sign-in settings at /config.json and the HTTP API under /api (in AWS:
 * CloudFront in front of S3 and API Gateway). Sign-in itself is the OpenID provider's, on its own origin as
 * Cognito's is. `POST /auth/local/token {"username":"ava"}` gives a demo user's token to scripts.
 */
function createApp(options: AppOptions): Hono {
  const app = new Hono();
  const headers = securityHeaders({ tls: false, signInOrigins: [new URL(options.identity.issuer).origin] });
  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  });
  // What the UI needs to sign in, as the deployment writes it beside the UI in AWS.
  app.get('/config.json', (c) => {
    c.header('cache-control', 'no-store');
    return c.json({
      authority: options.identity.issuer,
      clientId: options.identity.clientId,
      scope: SIGN_IN_SCOPES,
    });
  });
  app.get(`${LOCAL_AUTH_PATH}/users`, (c) =>
    c.json({ items: DEMO_USERS.map(({ username, name, groups }) => ({ username, name, roles: groups })) }),
  );
  app.post(`${LOCAL_AUTH_PATH}/token`, async (c) => {
    const parsed = tokenRequest.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) {
      return c.json(
        {
          errors: [
            { path: 'username', message: `one of ${DEMO_USERS.map((user) => user.username).join(', ')}` },
          ],
        },
        400,
      );
    }
    const token = await options.identity.issueToken(parsed.data.username);
    return c.json({ ...token, tokenType: 'Bearer' });
  });
  const meter = options.meter;
  if (meter) {
    app.get('/_local/meter', (c) => c.json(meter.reading() as object));
    app.delete('/_local/meter', (c) => {
      meter.reset();
      return c.body(null, 204);
    });
  }
  const live = options.live;
  if (live) {
    // The API's own verification (issuer, signature, expiry, client), on the provider's keys.
    const verifyToken = createTokenVerifier({
      issuer: options.identity.issuer,
      audience: options.identity.clientId,
      keys: createLocalJWKSet(options.identity.jwks),
    });
    // EventSource cannot send headers: the token comes as `access_token`, verified as the API would.
    app.get('/api/live', async (c) => {
      const token = c.req.query('access_token') ?? '';
      try {
        await verifyToken(token);
      } catch {
        return c.json(
          { errors: [{ message: 'sign in: a valid access_token is required', code: 'unauthorized' }] },
          401,
        );
      }
      return streamSSE(c, async (stream) => {
        const pending: LiveChange[] = [];
        let wake: (() => void) | undefined;
        const unsubscribe = live.subscribe((change) => {
          pending.push(change);
          wake?.();
        });
        stream.onAbort(() => {
          unsubscribe();
          wake?.();
        });
        await stream.writeSSE({ event: 'ready', data: '{}' });
        while (!stream.aborted && !stream.closed) {
          const next = pending.shift();
          if (next) {
            await stream.writeSSE({ event: 'change', data: JSON.stringify(next) });
            continue;
          }
          // Until a change comes or the keep-alive is due, whichever is first (the other's timer is cleared).
          let timer: ReturnType<typeof setTimeout> | undefined;
          await new Promise<void>((resolve) => {
            wake = resolve;
            timer = setTimeout(resolve, KEEP_ALIVE_MS);
          });
          clearTimeout(timer);
          wake = undefined;
          if (pending.length === 0 && !stream.aborted) await stream.write(': keep-alive\n\n');
        }
        unsubscribe();
      });
    });
  }
  const toApi = async (request: Request) => {
    const response = await options.api(request);
    // A write that worked changes what open screens show: tell them (sends, calls, preferences, templates).
    if (live && request.method !== 'GET' && response.ok) live.publish({ kind: 'communication' });
    return response;
  };
  app.all('/api/*', (c) => toApi(c.req.raw));
  app.all('/api', (c) => toApi(c.req.raw));
  if (options.webRoot && existsSync(path.join(options.webRoot, 'index.html'))) {
    const root = path.relative(process.cwd(), options.webRoot) || '.';
    app.use('/assets/*', serveStatic({ root }));
    // Every other path is a screen of the single-page app: the UI's router takes it from index.html.
    app.get('*', serveStatic({ root, path: 'index.html' }));
  } else {
    app.get('/', (c) =>
      c.text('The web UI is not built: run `npm run build` (npm start does), then reload.', 503),
    );
  }
  return app;
}
