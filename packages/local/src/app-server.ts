import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { z } from 'zod';
import { DEMO_USERS, type LocalIdentity } from './auth/local-identity.js';
import { listen, type Running } from './emulators/listen.js';

export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** Where the local sign-in lives; the API is told to trust tokens from here. */
export const LOCAL_AUTH_PATH = '/auth/local';

const tokenRequest = z.object({ username: z.enum(DEMO_USERS.map((user) => user.username)) }).strict();

/**
 * One origin for people: the HTTP API under /api and the local sign-in under /auth/local (in AWS: Cognito).
 * `POST /auth/local/token {"username":"ava"}` gives a demo user's token.
 */
export async function startAppServer(options: {
  host: string;
  port: number;
  identity: LocalIdentity;
  api: FetchHandler;
}): Promise<Running & { url: string }> {
  const app = new Hono();
  app.get(`${LOCAL_AUTH_PATH}/.well-known/jwks.json`, (c) => c.json(options.identity.jwks));
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
  app.all('/api/*', (c) => options.api(c.req.raw));
  app.all('/api', (c) => options.api(c.req.raw));

  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  const running = await listen(server, options.host, options.port, 'the API and sign-in');
  return { ...running, url: `http://${options.host}:${options.port}` };
}
