import type { ApiDependencies } from '../app/dependencies.js';
import {
  changeInbox,
  getInbound,
  listInbox,
  matchInbound,
  readAttachment,
  readRawMessage,
  replyToInbound,
} from '../app/inbox.js';
import type { ApiLimits } from '../http/context.js';
import { type ApiRouter, createRoute, createRouter } from '../http/router.js';
import { commonErrors, conflict, json, jsonBody, notFound, security, tooMany } from '../schemas/common.js';
import { IdempotencyHeaderSchema, SendAcceptedSchema } from '../schemas/communications.js';
import {
  AttachmentParamSchema,
  InboundIdParamSchema,
  InboundMessageSchema,
  InboxAssignSchema,
  InboxEntrySchema,
  InboxMatchSchema,
  InboxPageSchema,
  InboxQuerySchema,
  InboxReplySchema,
} from '../schemas/inbox.js';
import * as z from '../schemas/zod.js';
import { accepted } from './communications.js';

const fileResponse = (contentType: string, description: string) => ({
  content: { [contentType]: { schema: z.string().check(z.meta({ format: 'binary' })) } },
  description,
});

/** A file name safe in a Content-Disposition header (RFC 6266's filename*, UTF-8). */
const disposition = (filename: string) =>
  `attachment; filename="${filename.replace(/[^\w.-]+/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`;

/** `/inbox`: what customers sent us — lists, the whole message, read/done/assign, placing, replying. */
export function inboxRoutes(deps: ApiDependencies, limits: ApiLimits): ApiRouter {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['inbox'],
      summary: 'Messages customers sent: the caller’s, the team’s, or those with no customer yet',
      description: 'Open messages (unread and read), newest first; done ones leave the lists.',
      security,
      request: { query: InboxQuerySchema },
      responses: {
        200: json(InboxPageSchema, 'A page of the list, with the counts for the badges.'),
        ...commonErrors,
      },
    }),
    async (c) => {
      const { view, limit, cursor } = c.req.valid('query');
      return c.json(
        await listInbox({ view, limit, ...(cursor ? { cursor } : {}) }, c.get('actor'), deps),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['inbox'],
      summary: 'A received message whole: text, sanitised HTML, attachments',
      security,
      request: { params: InboundIdParamSchema },
      responses: { 200: json(InboundMessageSchema, 'The message.'), ...commonErrors, ...notFound },
    }),
    async (c) => {
      const { entry, message } = await getInbound(c.req.valid('param').id, c.get('actor'), deps);
      const { raw, match, attachments, communicationId: _id, messageId: _messageId, ...rest } = message;
      return c.json(
        {
          ...(entry ? { entry } : {}),
          message: {
            ...rest,
            attachments: attachments.map(({ key, ...attachment }) => ({
              ...attachment,
              stored: Boolean(key),
            })),
            hasRaw: Boolean(raw),
            ...(match?.repliesTo ? { repliesTo: match.repliesTo } : {}),
            ...(match?.threadId ? { threadId: match.threadId } : {}),
            ...(match ? { matchedBy: match.by } : {}),
          },
        },
        200,
      );
    },
  );

  const change = (action: 'read' | 'unread' | 'done' | 'reopen', summary: string) =>
    createRoute({
      method: 'post',
      path: `/{id}/${action}`,
      tags: ['inbox'],
      summary,
      security,
      request: { params: InboundIdParamSchema },
      responses: {
        200: json(InboxEntrySchema, 'The entry as it now stands.'),
        ...commonErrors,
        ...notFound,
        ...conflict,
      },
    });
  for (const [action, summary] of [
    ['read', 'Mark a message read'],
    ['unread', 'Mark a message unread'],
    ['done', 'Mark a message dealt with (it leaves the lists)'],
    ['reopen', 'Put a done message back on its list'],
  ] as const) {
    app.openapi(change(action, summary), async (c) =>
      c.json(await changeInbox(c.req.valid('param').id, { action }, c.get('actor'), deps), 200),
    );
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/assign',
      tags: ['inbox'],
      summary: 'Hand a message to a rep, or back to the team',
      security,
      request: { params: InboundIdParamSchema, ...jsonBody(InboxAssignSchema) },
      responses: {
        200: json(InboxEntrySchema, 'The entry as it now stands.'),
        ...commonErrors,
        ...notFound,
        ...conflict,
      },
    }),
    async (c) =>
      c.json(
        await changeInbox(
          c.req.valid('param').id,
          { action: 'assign', assignee: c.req.valid('json').assignee },
          c.get('actor'),
          deps,
        ),
        200,
      ),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/customer',
      tags: ['inbox'],
      summary: 'Place an unmatched message with a customer (and vehicle): it joins their timeline',
      security,
      request: { params: InboundIdParamSchema, ...jsonBody(InboxMatchSchema) },
      responses: {
        200: json(InboxEntrySchema, 'The entry, now the caller’s.'),
        ...commonErrors,
        ...notFound,
        ...conflict,
      },
    }),
    async (c) =>
      c.json(await matchInbound(c.req.valid('param').id, c.req.valid('json'), c.get('actor'), deps), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/reply',
      tags: ['inbox'],
      summary: 'Answer a customer on the channel they wrote on, in the same conversation',
      description:
        'Sent like any message (preferences, quiet hours, the dispatcher’s claim); the message is then done.',
      security,
      request: {
        params: InboundIdParamSchema,
        ...jsonBody(InboxReplySchema),
        headers: IdempotencyHeaderSchema,
      },
      responses: {
        202: json(SendAcceptedSchema, 'Accepted: queued, or scheduled for the end of quiet hours.'),
        ...commonErrors,
        ...notFound,
        ...conflict,
        ...tooMany,
      },
    }),
    async (c) => {
      const key = c.req.valid('header')['idempotency-key'];
      const body = c.req.valid('json');
      const { communication } = await replyToInbound(
        c.req.valid('param').id,
        { content: body.content, ...(body.subject ? { subject: body.subject } : {}) },
        c.get('actor'),
        deps,
        { ...(key ? { idempotencyKey: key } : {}), sendsPerMinute: limits.sendsPerMinute },
      );
      return c.json(accepted(communication), 202);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/attachments/{attachmentId}',
      tags: ['inbox'],
      summary: 'Download a file the customer sent (always as a download, never shown inline)',
      security,
      request: { params: AttachmentParamSchema },
      responses: {
        200: fileResponse('application/octet-stream', 'The file.'),
        ...commonErrors,
        ...notFound,
      },
    }),
    async (c) => {
      const { id, attachmentId } = c.req.valid('param');
      const file = await readAttachment(id, attachmentId, c.get('actor'), deps);
      return c.body(Buffer.from(file.content), 200, {
        'content-type': 'application/octet-stream',
        'content-disposition': disposition(file.filename),
        'x-content-type-options': 'nosniff',
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/raw',
      tags: ['inbox'],
      summary: 'The email exactly as it arrived (RFC 5322)',
      security,
      request: { params: InboundIdParamSchema },
      responses: { 200: fileResponse('message/rfc822', 'The raw message.'), ...commonErrors, ...notFound },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const raw = await readRawMessage(id, c.get('actor'), deps);
      return c.body(Buffer.from(raw), 200, {
        'content-type': 'message/rfc822',
        'content-disposition': disposition(`${id}.eml`),
        'x-content-type-options': 'nosniff',
      });
    },
  );
  return app;
}
