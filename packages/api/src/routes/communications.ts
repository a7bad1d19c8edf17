import {
  type Channel,
  type CommunicationQuery,
  type CommunicationSummary,
  InvalidInputError,
  NotFoundError,
  requireRole,
} from '@import-comms/core';
import type { Context } from 'hono';
import type { ApiDependencies } from '../app/dependencies.js';
import { logInteraction } from '../app/log-interaction.js';
import { resendMessage } from '../app/resend-message.js';
import {
  cancelMessage,
  MAX_RESCHEDULE_DAYS,
  rescheduleMessage,
  sendScheduledNow,
} from '../app/scheduled-messages.js';
import { sendMessage } from '../app/send-message.js';
import type { ApiEnv, ApiLimits } from '../http/context.js';
import { type ApiRouter, createRoute, createRouter } from '../http/router.js';
import { commonErrors, conflict, json, jsonBody, notFound, security, tooMany } from '../schemas/common.js';
import {
  CommunicationFiltersSchema,
  CommunicationIdParamSchema,
  CommunicationPageSchema,
  CommunicationSchema,
  CommunicationSummarySchema,
  IdempotencyHeaderSchema,
  LogInteractionSchema,
  RescheduleSchema,
  ResendSchema,
  SendAcceptedSchema,
  SendEmailSchema,
  SendSmsSchema,
} from '../schemas/communications.js';

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A day as a bound means the whole day (UTC): from its first to its last millisecond. A range that ends before
 * it begins — `from` after `to`, or after now when `to` is left to mean now — is refused, naming `from`.
 */
export function toQuery(filters: Record<string, unknown> & { limit: number }, now: Date): CommunicationQuery {
  const { from, to, ...rest } = filters as CommunicationQuery & { from?: string; to?: string };
  const lower = from ? (DAY_ONLY.test(from) ? `${from}T00:00:00.000Z` : from) : undefined;
  const upper = to ? (DAY_ONLY.test(to) ? `${to}T23:59:59.999Z` : to) : undefined;
  if (lower && Date.parse(lower) > (upper ? Date.parse(upper) : now.getTime())) {
    throw new InvalidInputError([
      {
        path: 'from',
        message: upper
          ? `from (${from}) is after to (${to}): the range is empty`
          : `from (${from}) is in the future: give a from up to now, or a to after it`,
      },
    ]);
  }
  return { ...rest, ...(lower ? { from: lower } : {}), ...(upper ? { to: upper } : {}) };
}

/** What a send answers: the message's id, status and channel, and when it goes out if it waits. */
export function accepted(communication: CommunicationSummary) {
  return {
    communicationId: communication.communicationId,
    status: communication.status,
    channel: communication.type as Channel,
    ...(communication.scheduledFor ? { scheduledFor: communication.scheduledFor } : {}),
  };
}

/** `/communications`: the log, one communication, logging an interaction, and sends. */
export function communicationRoutes(deps: ApiDependencies, limits: ApiLimits): ApiRouter {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['communications'],
      summary: 'Search the communication log, newest first',
      security,
      request: { query: CommunicationFiltersSchema },
      responses: { 200: json(CommunicationPageSchema, 'A page of communications.'), ...commonErrors },
    }),
    async (c) => {
      requireRole(c.get('actor'), 'agent', 'reading the log');
      return c.json(await deps.communications.list(toQuery(c.req.valid('query'), deps.clock.now())), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['communications'],
      summary: 'One communication with its content and status history',
      security,
      request: { params: CommunicationIdParamSchema },
      responses: { 200: json(CommunicationSchema, 'The communication.'), ...commonErrors, ...notFound },
    }),
    async (c) => {
      requireRole(c.get('actor'), 'agent', 'reading the log');
      const { id } = c.req.valid('param');
      const communication = await deps.communications.get(id);
      if (!communication) throw new NotFoundError(`communication ${id} does not exist`);
      return c.json(communication, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['communications'],
      summary: 'Log a call, meeting or inbound message',
      security,
      request: { ...jsonBody(LogInteractionSchema), headers: IdempotencyHeaderSchema },
      responses: {
        201: json(CommunicationSchema, 'Logged.'),
        200: json(CommunicationSchema, 'Already logged under this Idempotency-Key.'),
        ...commonErrors,
        ...notFound,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const { notes, ...rest } = body;
      const result = await logInteraction({ ...rest, notes }, c.get('actor'), deps, key);
      return result.created ? c.json(result.communication, 201) : c.json(result.communication, 200);
    },
  );

  const scheduledAction = (path: 'cancel' | 'send-now', summary: string, description: string) =>
    createRoute({
      method: 'post',
      path: `/{id}/${path}`,
      tags: ['communications'],
      summary,
      description,
      security,
      request: { params: CommunicationIdParamSchema },
      responses: {
        200: json(CommunicationSummarySchema, 'Done: the message as it now stands.'),
        ...commonErrors,
        ...notFound,
        ...conflict,
      },
    });

  app.openapi(
    scheduledAction(
      'cancel',
      'Cancel a message that has not gone out',
      'Scheduled or Pending only; a message a dispatcher has claimed is refused with 409. Recorded with who did it.',
    ),
    async (c) => c.json(await cancelMessage(c.req.valid('param').id, c.get('actor'), deps), 200),
  );
  app.openapi(
    scheduledAction(
      'send-now',
      'Send a Scheduled message at once',
      "The customer's channel preferences are checked again (quiet hours are the rep's call); refused with 409 when they forbid it.",
    ),
    async (c) => c.json(await sendScheduledNow(c.req.valid('param').id, c.get('actor'), deps), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/reschedule',
      tags: ['communications'],
      summary: 'Move a Scheduled message to another time',
      description: `A time in the future, within ${MAX_RESCHEDULE_DAYS} days. Recorded with who did it.`,
      security,
      request: { params: CommunicationIdParamSchema, ...jsonBody(RescheduleSchema) },
      responses: {
        200: json(CommunicationSummarySchema, 'Rescheduled: the message as it now stands.'),
        ...commonErrors,
        ...notFound,
        ...conflict,
      },
    }),
    async (c) => {
      const { scheduledFor } = c.req.valid('json');
      const { id } = c.req.valid('param');
      return c.json(await rescheduleMessage(id, new Date(scheduledFor), c.get('actor'), deps), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/resend',
      tags: ['communications'],
      summary: 'Send a Failed, Bounced or NotSent message again, on its channel or the other',
      description:
        'A new message linked to the first (`resentFrom`, `resentAs`). A templated message is rendered again from ' +
        'the same detail (on the other channel with the template the same trigger selects there); a free-form one ' +
        'reuses its words. Preferences, quiet hours, the rate limit and the Idempotency-Key apply as for any send.',
      security,
      request: {
        params: CommunicationIdParamSchema,
        ...jsonBody(ResendSchema),
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
      const { channel } = c.req.valid('json');
      const key = c.req.valid('header')['idempotency-key'];
      const { communication } = await resendMessage(c.req.valid('param').id, channel, c.get('actor'), deps, {
        ...(key ? { idempotencyKey: key } : {}),
        sendsPerMinute: limits.sendsPerMinute,
      });
      return c.json(accepted(communication), 202);
    },
  );

  const sendRoute = (channel: Channel) =>
    createRoute({
      method: 'post',
      path: channel === 'Email' ? '/send-email' : '/send-sms',
      tags: ['communications'],
      summary:
        channel === 'Email'
          ? 'Send an email now: templated (active version) or free-form'
          : 'Send an SMS now: templated (active version) or free-form',
      description:
        'Preferences apply as for automated messages: a channel the customer opted out of is refused with 409 and ' +
        'the reason; during quiet hours the message is scheduled for when they end.',
      security,
      request: {
        ...jsonBody(channel === 'Email' ? SendEmailSchema : SendSmsSchema),
        headers: IdempotencyHeaderSchema,
      },
      responses: {
        202: json(SendAcceptedSchema, 'Accepted: queued, or scheduled for the end of quiet hours.'),
        ...commonErrors,
        ...notFound,
        ...conflict,
        ...tooMany,
      },
    });

  const send =
    (channel: Channel) => async (c: Context<ApiEnv>, body: Record<string, unknown>, key?: string) => {
      const { communication } = await sendMessage(
        { channel, ...(body as { customerId: string }) },
        c.get('actor'),
        deps,
        { ...(key ? { idempotencyKey: key } : {}), sendsPerMinute: limits.sendsPerMinute },
      );
      return c.json(accepted(communication), 202);
    };

  const sendEmail = send('Email');
  const sendSms = send('SMS');
  app.openapi(sendRoute('Email'), (c) =>
    sendEmail(c, c.req.valid('json'), c.req.valid('header')['idempotency-key']),
  );
  app.openapi(sendRoute('SMS'), (c) =>
    sendSms(c, c.req.valid('json'), c.req.valid('header')['idempotency-key']),
  );
  return app;
}
