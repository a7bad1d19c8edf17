import {
  type Actor,
  type Channel,
  ChannelRefusedError,
  type CommunicationSummary,
  ConflictError,
  communicationOf,
  DEFAULT_PREFERENCES,
  InvalidInputError,
  type MessageCategory,
  manualEventDetail,
  NotFoundError,
  type OutboundPlan,
  planOutbound,
  RateLimitedError,
  recipientNames,
  requireRole,
  toSummary,
} from '@import-comms/core';
import type { ApiDependencies } from './dependencies.js';
import { assertSameRequest, requestedCommunicationId, requestFingerprint } from './idempotency.js';
import { loadRecords } from './records.js';

export interface SendRequest {
  channel: Channel;
  customerId: string;
  vehicleId?: string;
  /** Templated: the template's active version in the customer's language. */
  templateId?: string;
  variables?: Record<string, unknown>;
  /** Free-form: what the rep wrote. */
  category?: MessageCategory;
  subject?: string;
  content?: string;
}

export interface SendOutcome {
  communication: CommunicationSummary;
  /** False when an earlier request with the same idempotency key had already created it. */
  created: boolean;
}

/**
 * A rep's send: the same rules as automated messages (preferences, quiet hours, suppression, active templates
 * only) and the same queue and dispatcher. Refused with the reason when the customer's preferences forbid it.
 */
export async function sendMessage(
  request: SendRequest,
  actor: Actor,
  deps: ApiDependencies,
  options: {
    idempotencyKey?: string;
    sendsPerMinute: number;
    resentFrom?: string;
    /** A reply in a conversation: the message answered, its thread, the customer's Message-ID. */
    thread?: { repliesTo: string; threadId: string; answersMessageId?: string };
  },
): Promise<SendOutcome> {
  requireRole(actor, 'agent', 'sending a message');
  const { idempotencyKey } = options;
  // Counted across every instance before anything is written, read at the same time as what the send needs: a
  // rep's runaway script cannot flood customers, and a send waits for one round trip instead of three.
  const [limit, loaded, named] = await Promise.allSettled([
    deps.rateLimiter.consume(`send:${actor.id}`, options.sendsPerMinute, 60, deps.clock.now()),
    loadRecords(deps.customers, request.customerId, request.vehicleId),
    request.templateId ? deps.templates.get(request.templateId) : Promise.resolve(undefined),
  ]);
  const allowed = settled(limit);
  if (!allowed.allowed) {
    throw new RateLimitedError(
      `at most ${options.sendsPerMinute} sends a minute: try again in ${allowed.retryAfterSeconds} s`,
      allowed.retryAfterSeconds,
    );
  }
  const records = settled(loaded);
  const template = settled(named);
  const { channel } = request;
  const { contact, vehicle } = records;
  if (request.templateId && !template)
    throw new NotFoundError(`template ${request.templateId} does not exist`);
  if (template && template.type !== channel) {
    throw new InvalidInputError([
      { path: 'templateId', message: `template ${template.templateId} is an ${template.type} template` },
    ]);
  }
  const category = template?.category ?? request.category ?? 'transactional';
  const preferences = records.preferences?.preferences ?? DEFAULT_PREFERENCES;
  const now = deps.clock.now();
  const recipient = { contact, ...(vehicle ? { vehicle } : {}) };
  const detail = template
    ? manualEventDetail(template.triggerEvent, recipient, request.variables)
    : undefined;
  const plan = await planOutbound(
    {
      channel,
      category,
      ...recipient,
      preferences,
      source:
        template && detail
          ? { template, detail }
          : {
              freeForm: {
                ...(request.subject ? { subject: request.subject } : {}),
                content: request.content ?? '',
              },
            },
      now,
    },
    deps.templateService,
  );
  if (plan.outcome === 'not-sent') throw refusal(plan, channel, template?.templateId);

  const fingerprint = idempotencyKey ? requestFingerprint(request) : undefined;
  const message = communicationOf(
    {
      communicationId: requestedCommunicationId(actor.id, `send-${channel}`, idempotencyKey),
      customerId: contact.customerId,
      ...(vehicle ? { vehicleId: vehicle.vehicleId } : {}),
      ...recipientNames(contact, vehicle),
      channel,
      category,
      ...(template ? { templateId: template.templateId } : {}),
      ...(detail ? { renderDetail: detail } : {}),
      ...(options.resentFrom ? { resentFrom: options.resentFrom } : {}),
      createdBy: actor.id,
    },
    plan,
    now,
  );
  const threaded = options.thread ? { ...message, ...options.thread } : message;
  const communication = fingerprint ? { ...threaded, requestFingerprint: fingerprint } : threaded;
  const result = await deps.communications.create(communication);
  if (!result.created && fingerprint && idempotencyKey)
    assertSameRequest(result.existing, fingerprint, idempotencyKey);
  const stored = result.created ? toSummary(communication) : result.existing;
  // A retried request re-enqueues a message still Pending: the dispatcher's claim makes that harmless.
  if (stored.status === 'Pending') {
    const failed = await deps.queue.enqueue([{ communicationId: stored.communicationId, channel }]);
    if (failed.length > 0) throw new Error(`could not enqueue ${stored.communicationId}`);
  }
  return { communication: stored, created: result.created };
}

/** A settled read's value, or its error thrown. */
function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/** Why a rep's send is refused, as the API answers it: the customer's rules, no active version, or bad variables. */
function refusal(
  plan: Extract<OutboundPlan, { outcome: 'not-sent' }>,
  channel: Channel,
  templateId: string | undefined,
): Error {
  if (plan.reason === 'template-inactive')
    return new ConflictError(`template ${templateId ?? ''} has no active version to send`);
  if (plan.reason === 'template-error')
    return new InvalidInputError(
      (plan.issues ?? []).map((issue) => ({ path: 'variables', message: issue.message })),
    );
  return new ChannelRefusedError(plan.reason, plan.detail ?? `${channel} is not allowed for this customer`);
}
