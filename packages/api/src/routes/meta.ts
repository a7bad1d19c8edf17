import { createRoute, z } from '@hono/zod-openapi';
import { ROLES, requireRole, TRIGGERS, variableCatalogue } from '@import-comms/core';
import { dashboardStats, statsRange } from '../app/dashboard-stats.js';
import type { ApiDependencies } from '../app/dependencies.js';
import type { ApiApp } from '../http/context.js';
import { commonErrors, json, security } from '../schemas/common.js';
import { QueueDepthSchema, StatsQuerySchema, StatsSchema } from '../schemas/stats.js';
import { TriggerSchema } from '../schemas/templates.js';

export function registerMetaRoutes(app: ApiApp): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/health',
      tags: ['meta'],
      summary: 'Liveness',
      responses: { 200: json(z.object({ status: z.literal('ok') }), 'The API answers.') },
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
          z.object({ id: z.string(), roles: z.array(z.enum(ROLES)) }).openapi('Me'),
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
}

export function registerStatsRoutes(app: ApiApp, deps: ApiDependencies): void {
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
      return c.json(await dashboardStats(range, deps.communications), 200);
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

  app.openapi(
    createRoute({
      method: 'get',
      path: '/communications/triggers',
      tags: ['templates'],
      summary: 'What can fire a template, with the variables each offers',
      security,
      responses: {
        200: json(z.object({ items: z.array(TriggerSchema) }), 'Every trigger.'),
        ...commonErrors,
      },
    }),
    (c) => {
      requireRole(c.get('actor'), 'agent', 'reading triggers');
      const items = TRIGGERS.map((trigger) => ({
        id: trigger.id,
        label: trigger.label,
        ...(trigger.contract
          ? { source: trigger.contract.source, detailType: trigger.contract.detailType }
          : {}),
        hasVehicle: trigger.hasVehicle,
        variables: variableCatalogue(trigger).map(({ values, ...variable }) => ({
          ...variable,
          ...(values ? { values: [...values] } : {}),
        })),
      }));
      return c.json({ items }, 200);
    },
  );
}
