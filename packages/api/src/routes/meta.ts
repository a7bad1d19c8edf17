import { ROLES, requireRole } from '@import-comms/core';
import { cachedDashboardStats, statsRange } from '../app/dashboard-stats.js';
import type { ApiDependencies } from '../app/dependencies.js';
import { type ApiRouter, createRoute, createRouter } from '../http/router.js';
import { commonErrors, ErrorsSchema, json, security } from '../schemas/common.js';
import { QueueDepthSchema, StatsQuerySchema, StatsSchema } from '../schemas/stats.js';
import * as z from '../schemas/zod.js';

/** `/`: liveness, the signed-in user, the team, and the dashboard's figures. */
export function metaRoutes(deps: ApiDependencies): ApiRouter {
  const app = createRouter();
  const dashboardStats = cachedDashboardStats(deps.communications, deps.clock);
  app.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['meta'],
      summary: 'Liveness',
      // Public on purpose: load balancers and the smoke test ask it without a token.
      security: [],
      responses: {
        200: json(z.object({ status: z.literal('ok') }), 'The API answers.'),
        429: json(ErrorsSchema, 'Too many requests: the stage throttle (API Gateway) refused it.'),
      },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['meta'],
      summary: 'The signed-in user and roles',
      security,
      responses: {
        200: json(
          z
            .object({ id: z.string(), roles: z.array(z.enum(ROLES)) })
            .register(z.globalRegistry, { id: 'Me' }),
          'Who is calling.',
        ),
        ...commonErrors,
      },
    }),
    (c) => {
      const actor = c.get('actor');
      return c.json({ id: actor.id, roles: [...actor.roles] }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/team',
      tags: ['meta'],
      summary: 'The reps: names for the ids on messages and tasks, and who work can be handed to',
      security,
      responses: {
        200: json(
          z
            .object({
              items: z.array(
                z
                  .object({
                    id: z.string(),
                    name: z.string(),
                    roles: z.array(z.enum(ROLES)),
                    active: z.boolean(),
                  })
                  .register(z.globalRegistry, { id: 'Rep' }),
              ),
            })
            .register(z.globalRegistry, { id: 'Team' }),
          'Every rep, by name.',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      requireRole(c.get('actor'), 'agent', 'reading the team');
      return c.json({ items: await deps.reps.list() }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/stats',
      tags: ['dashboard'],
      summary: 'Counts by day, type and status; bounce and complaint rates; messages waiting',
      security,
      request: { query: StatsQuerySchema },
      responses: { 200: json(StatsSchema, 'Dashboard figures.'), ...commonErrors },
    }),
    async (c) => {
      requireRole(c.get('actor'), 'agent', 'reading the dashboard');
      const query = c.req.valid('query');
      const range = statsRange(query.from, query.to, deps.clock.now());
      return c.json(await dashboardStats(range), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/queues',
      tags: ['dashboard'],
      summary: 'Messages waiting in each queue and its dead-letter queue',
      security,
      responses: { 200: json(z.object({ items: z.array(QueueDepthSchema) }), 'Depths.'), ...commonErrors },
    }),
    async (c) => {
      requireRole(c.get('actor'), 'agent', 'reading the dashboard');
      return c.json({ items: deps.queues ? await deps.queues.depths() : [] }, 200);
    },
  );
  return app;
}
