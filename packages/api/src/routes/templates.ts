import { allowedActions, requireRole, TRIGGERS, variableCatalogue } from '@import-comms/core';
import type { ApiDependencies } from '../app/dependencies.js';
import { type ApiRouter, createRoute, createRouter } from '../http/router.js';
import { commonErrors, conflict, json, jsonBody, notFound, security } from '../schemas/common.js';
import {
  DiffQuerySchema,
  DiffSchema,
  DraftPreviewSchema,
  NewTemplateSchema,
  PreviewRecordsSchema,
  PreviewSchema,
  RejectionSchema,
  ReviewableVersionSchema,
  ReviewInboxItemSchema,
  ReviewSchema,
  TemplateListQuerySchema,
  TemplatePageSchema,
  TemplateParamSchema,
  TemplateRevisionSchema,
  TemplateSchema,
  TemplateVersionSchema,
  TriggerSchema,
  VersionCommentSchema,
  VersionParamSchema,
} from '../schemas/templates.js';
import * as z from '../schemas/zod.js';

const tags = ['templates'];
/** More versions than a team writes between two reviews; the inbox shows the longest waiting first. */
const REVIEW_INBOX_LIMIT = 100;
/** The latest decisions an author is shown. */
const DECISIONS_LIMIT = 20;
const withTemplate = { ...commonErrors, ...notFound };
const transition = { ...commonErrors, ...notFound, ...conflict };

/**
 * Templates and their review: edits are new Draft versions; an approver other than the author approves; only
 * active versions are sent. Role checks live in the TemplateService, next to the rules they guard.
 */
export function templateRoutes(deps: ApiDependencies): ApiRouter {
  const app = createRouter();
  const service = deps.templateService;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'All templates',
      security,
      request: { query: TemplateListQuerySchema },
      responses: { 200: json(TemplatePageSchema, 'A page of templates.'), ...commonErrors },
    }),
    async (c) => {
      requireRole(c.get('actor'), 'agent', 'reading templates');
      const { limit, cursor } = c.req.valid('query');
      return c.json(await deps.templates.list(limit, cursor), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Create a template (its first version is a Draft)',
      security,
      request: jsonBody(NewTemplateSchema),
      responses: {
        201: json(z.object({ template: TemplateSchema, version: TemplateVersionSchema }), 'Created.'),
        ...commonErrors,
        ...conflict,
      },
    }),
    async (c) => c.json(await service.create(c.req.valid('json'), c.get('actor')), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/preview',
      tags,
      summary: 'Render unsaved content (the editor’s live preview)',
      description:
        'Issues come with line and column; with customerId the preview uses that customer’s records.',
      security,
      request: jsonBody(DraftPreviewSchema),
      responses: { 200: json(PreviewSchema, 'Rendered, or the issues.'), ...commonErrors, ...notFound },
    }),
    async (c) => {
      requireRole(c.get('actor'), 'agent', 'previewing templates');
      const { customerId, vehicleId, ...source } = c.req.valid('json');
      const records = customerId ? { customerId, ...(vehicleId ? { vehicleId } : {}) } : undefined;
      return c.json(await service.previewDraft(source, records), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{templateId}',
      tags,
      summary: 'One template: its head and which versions are active',
      security,
      request: { params: TemplateParamSchema },
      responses: { 200: json(TemplateSchema, 'The template.'), ...withTemplate },
    }),
    async (c) => {
      requireRole(c.get('actor'), 'agent', 'reading templates');
      return c.json(await service.get(c.req.valid('param').templateId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/{templateId}',
      tags,
      summary: 'Edit: saves the next version as a Draft',
      security,
      request: { params: TemplateParamSchema, ...jsonBody(TemplateRevisionSchema) },
      responses: { 201: json(TemplateVersionSchema, 'The new version.'), ...transition },
    }),
    async (c) =>
      c.json(await service.revise(c.req.valid('param').templateId, c.req.valid('json'), c.get('actor')), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{templateId}/versions',
      tags,
      summary: 'Version history, with who did what and when',
      security,
      request: { params: TemplateParamSchema },
      responses: {
        200: json(z.object({ items: z.array(ReviewableVersionSchema) }), 'Every version.'),
        ...withTemplate,
      },
    }),
    async (c) => {
      requireRole(c.get('actor'), 'agent', 'reading templates');
      const { templateId } = c.req.valid('param');
      const actor = c.get('actor');
      const versions = await service.listVersions(templateId);
      return c.json(
        {
          items: versions.map((version) => ({ ...version, allowedActions: allowedActions(version, actor) })),
        },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{templateId}/versions/{version}',
      tags,
      summary: 'One version',
      security,
      request: { params: VersionParamSchema },
      responses: { 200: json(ReviewableVersionSchema, 'The version.'), ...withTemplate },
    }),
    async (c) => {
      const actor = c.get('actor');
      requireRole(actor, 'agent', 'reading templates');
      const { templateId, version } = c.req.valid('param');
      const found = await service.getVersion(templateId, version);
      return c.json({ ...found, allowedActions: allowedActions(found, actor) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{templateId}/diff',
      tags,
      summary: 'Line diff of subject and content between two versions',
      security,
      request: { params: TemplateParamSchema, query: DiffQuerySchema },
      responses: { 200: json(DiffSchema, 'The diff.'), ...withTemplate },
    }),
    async (c) => {
      requireRole(c.get('actor'), 'agent', 'reading templates');
      const { from, to } = c.req.valid('query');
      return c.json(await service.diff(c.req.valid('param').templateId, from, to), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{templateId}/versions/{version}/preview',
      tags,
      summary: 'Render a saved version with sample data or a real customer',
      security,
      request: { params: VersionParamSchema, ...jsonBody(PreviewRecordsSchema) },
      responses: { 200: json(PreviewSchema, 'Rendered, or the issues.'), ...withTemplate },
    }),
    async (c) => {
      requireRole(c.get('actor'), 'agent', 'previewing templates');
      const { templateId, version } = c.req.valid('param');
      const { customerId, vehicleId } = c.req.valid('json');
      const preview = customerId
        ? await service.previewFor(templateId, version, { customerId, ...(vehicleId ? { vehicleId } : {}) })
        : await service.preview(templateId, version);
      return c.json(preview, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{templateId}/versions/{version}/submit',
      tags,
      summary: 'Submit a Draft for review',
      security,
      request: { params: VersionParamSchema },
      responses: { 200: json(TemplateVersionSchema, 'In review.'), ...transition },
    }),
    async (c) => {
      const { templateId, version } = c.req.valid('param');
      return c.json(await service.submitForReview(templateId, version, c.get('actor')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{templateId}/versions/{version}/approve',
      tags,
      summary: 'Approve a version in review (approver, not its author)',
      security,
      request: { params: VersionParamSchema, ...jsonBody(ReviewSchema) },
      responses: { 200: json(TemplateVersionSchema, 'Approved.'), ...transition },
    }),
    async (c) => {
      const { templateId, version } = c.req.valid('param');
      const { comment } = c.req.valid('json');
      return c.json(await service.approve(templateId, version, c.get('actor'), comment), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{templateId}/versions/{version}/comments',
      tags,
      summary: 'Comment on a version: a reviewer asking, its author answering',
      security,
      request: { params: VersionParamSchema, ...jsonBody(VersionCommentSchema) },
      responses: { 201: json(TemplateVersionSchema, 'The version with its comments.'), ...withTemplate },
    }),
    async (c) => {
      const { templateId, version } = c.req.valid('param');
      return c.json(
        await service.comment(templateId, version, c.get('actor'), c.req.valid('json').text),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{templateId}/versions/{version}/reject',
      tags,
      summary: 'Send a version back to its author with the reason (approver)',
      security,
      request: { params: VersionParamSchema, ...jsonBody(RejectionSchema) },
      responses: { 200: json(TemplateVersionSchema, 'Rejected.'), ...transition },
    }),
    async (c) => {
      const { templateId, version } = c.req.valid('param');
      return c.json(
        await service.reject(templateId, version, c.get('actor'), c.req.valid('json').comment),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{templateId}/versions/{version}/activate',
      tags,
      summary:
        'Make an approved version the one sent for its language; an earlier one is a rollback (approver)',
      security,
      request: { params: VersionParamSchema },
      responses: { 200: json(TemplateSchema, 'Active.'), ...transition },
    }),
    async (c) => {
      const { templateId, version } = c.req.valid('param');
      return c.json(await service.activate(templateId, version, c.get('actor')), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{templateId}/deactivate',
      tags,
      summary: 'Stop sending the template in every language (approver)',
      security,
      request: { params: TemplateParamSchema },
      responses: { 200: json(TemplateSchema, 'Inactive.'), ...transition },
    }),
    async (c) => c.json(await service.deactivate(c.req.valid('param').templateId, c.get('actor')), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/{templateId}/channel-fallback',
      tags,
      summary: "Turn the template's channel fallback on or off (approver)",
      description:
        'On: a message from it that hard-bounces (email) or fails (SMS) goes out once on the other channel, with ' +
        'the template the same trigger selects there.',
      security,
      request: {
        params: TemplateParamSchema,
        ...jsonBody(
          z.strictObject({ enabled: z.boolean() }).register(z.globalRegistry, { id: 'ChannelFallback' }),
        ),
      },
      responses: { 200: json(TemplateSchema, 'The template.'), ...transition },
    }),
    async (c) =>
      c.json(
        await service.setChannelFallback(
          c.req.valid('param').templateId,
          c.req.valid('json').enabled,
          c.get('actor'),
        ),
        200,
      ),
  );
  return app;
}

/** `/triggers`: what can fire a template, for the template editor (read-only, from the code). */
export function triggerRoutes(): ApiRouter {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
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
  return app;
}

/** `/reviews`: the approvers' inbox of template versions In review, and each author's decided versions. */
export function reviewRoutes(deps: ApiDependencies): ApiRouter {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/decisions',
      tags,
      summary: "The caller's versions an approver decided, latest first: how an author learns the outcome",
      security,
      responses: {
        200: json(
          z.object({ items: z.array(TemplateVersionSchema) }).register(z.globalRegistry, { id: 'Decisions' }),
          'Decided versions.',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      requireRole(actor, 'agent', 'reading templates');
      return c.json({ items: await deps.templates.listDecided(actor.id, DECISIONS_LIMIT) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'The review inbox: every version In review, longest waiting first (approver)',
      description:
        'Each with its template, its author and when it was submitted, the version active for its locale (to diff ' +
        'against), and what the caller may do to it.',
      security,
      responses: {
        200: json(
          z
            .object({ items: z.array(ReviewInboxItemSchema) })
            .register(z.globalRegistry, { id: 'ReviewInbox' }),
          'The inbox.',
        ),
        ...commonErrors,
      },
    }),
    async (c) => {
      const actor = c.get('actor');
      requireRole(actor, 'approver', 'reviewing templates');
      const versions = await deps.templates.listInReview(REVIEW_INBOX_LIMIT);
      const heads = new Map(
        await Promise.all(
          [...new Set(versions.map((version) => version.templateId))].map(
            async (templateId) => [templateId, await deps.templates.get(templateId)] as const,
          ),
        ),
      );
      const items = versions.flatMap((version) => {
        const head = heads.get(version.templateId);
        if (!head) return [];
        const active = head.activeVersions[version.locale];
        return [
          {
            ...version,
            allowedActions: allowedActions(version, actor),
            templateName: head.name,
            type: head.type,
            ...(active !== undefined ? { activeVersion: active } : {}),
          },
        ];
      });
      return c.json({ items }, 200);
    },
  );

  return app;
}
