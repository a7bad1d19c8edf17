import { IMPORT_STAGES } from '@import-comms/events';
import type { ApiDependencies } from '../app/dependencies.js';
import { getSilenceSettings, saveSilenceSettings } from '../app/silence-settings.js';
import { type ApiRouter, createRoute, createRouter } from '../http/router.js';
import { commonErrors, conflict, json, jsonBody, security } from '../schemas/common.js';
import { assigneeSchema } from '../schemas/tasks.js';
import * as z from '../schemas/zod.js';

const limits = z
  .partialRecord(z.enum(IMPORT_STAGES), z.number().check(z.int(), z.minimum(1), z.maximum(365)))
  .check(z.meta({ description: 'Days without a word per import stage; a stage left out is not watched.' }));

const SilenceSettingsSchema = z
  .object({
    limitsDays: limits,
    fallbackAssignee: z
      .string()
      .check(z.meta({ description: 'Gets the task when no rep has been in touch.' })),
    version: z.number().check(z.int()),
    updatedAt: z.optional(z.string()),
    updatedBy: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'SilenceSettings' });

const SilenceSettingsChangeSchema = z
  .strictObject({
    limitsDays: limits,
    fallbackAssignee: assigneeSchema,
    version: z
      .number()
      .check(
        z.int(),
        z.minimum(0),
        z.meta({ description: 'The version read: a change made meanwhile is a 409.' }),
      ),
  })
  .register(z.globalRegistry, { id: 'SilenceSettingsChange' });

/** `/settings`: what admins tune — the silence watch's limits per stage. */
export function settingsRoutes(deps: ApiDependencies): ApiRouter {
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
