import { createRoute, z } from '@hono/zod-openapi';
import { IMPORT_STAGES } from '@import-comms/events';
import type { ApiDependencies } from '../app/dependencies.js';
import { getSilenceSettings, saveSilenceSettings } from '../app/silence-settings.js';
import type { ApiApp } from '../http/context.js';
import { createRouter } from '../http/router.js';
import { commonErrors, conflict, json, jsonBody, security } from '../schemas/common.js';
import { assigneeSchema } from '../schemas/tasks.js';

const limits = z
  .partialRecord(z.enum(IMPORT_STAGES), z.number().int().min(1).max(365))
  .openapi({ description: 'Days without a word per import stage; a stage left out is not watched.' });

const SilenceSettingsSchema = z
  .object({
    limitsDays: limits,
    fallbackAssignee: z.string().openapi({ description: 'Gets the task when no rep has been in touch.' }),
    version: z.number().int(),
    updatedAt: z.string().optional(),
    updatedBy: z.string().optional(),
  })
  .openapi('SilenceSettings');

const SilenceSettingsChangeSchema = z
  .object({
    limitsDays: limits,
    fallbackAssignee: assigneeSchema,
    version: z
      .number()
      .int()
      .min(0)
      .openapi({ description: 'The version read: a change made meanwhile is a 409.' }),
  })
  .strict()
  .openapi('SilenceSettingsChange');

/** `/settings`: what admins tune — the silence watch's limits per stage. */
export function settingsRoutes(deps: ApiDependencies): ApiApp {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/silence-watch',
      tags: ['settings'],
      summary: 'The silence watch: how long a customer may go without hearing from us, per stage',
      security,
      responses: { 200: json(SilenceSettingsSchema, 'The settings.'), ...commonErrors },
    }),
    async (c) => c.json(await getSilenceSettings(c.get('actor'), deps), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/silence-watch',
      tags: ['settings'],
      summary: 'Change the silence watch (admin)',
      security,
      request: jsonBody(SilenceSettingsChangeSchema),
      responses: { 200: json(SilenceSettingsSchema, 'Saved.'), ...commonErrors, ...conflict },
    }),
    async (c) => c.json(await saveSilenceSettings(c.req.valid('json'), c.get('actor'), deps), 200),
  );
  return app;
}
