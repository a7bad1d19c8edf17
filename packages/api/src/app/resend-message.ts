import {
  type Actor,
  type Channel,
  type Communication,
  ConflictError,
  counterpartTemplate,
  NotFoundError,
  requireRole,
  SMS_CHARACTER_LIMIT,
  type Template,
} from '@import-comms/core';
import type { ApiDependencies } from './dependencies.js';
import { type SendOutcome, type SendRequest, sendMessage } from './send-message.js';

/** What went wrong in a way a rep can put right: fix the address and retry, or try the other channel. */
export const RESENDABLE_STATUSES = ['Failed', 'Bounced', 'NotSent'] as const;

/** An SMS sent instead of an email says where the rest is, in at most this many characters of the subject. */
const SUBJECT_FROM_SMS_LENGTH = 60;

/**
 * Sends a message that did not reach the customer again, as a new message linked to the first: on its own
 * channel ("Retry", after the address was fixed) or the other ("Send by SMS instead", and the reverse). A
 * templated message is rendered again from the same detail — on the other channel with the template the same
 * event selects there; a rep's own words are reused. Everything else is a send: the customer's preferences,
 * quiet hours, the rate limit and the Idempotency-Key apply as they do in Compose.
 */
export async function resendMessage(
  originalId: string,
  channel: Channel | undefined,
  actor: Actor,
  deps: ApiDependencies,
  options: { idempotencyKey?: string; sendsPerMinute: number },
): Promise<SendOutcome> {
  requireRole(actor, 'agent', 'sending a message');
  const original = await deps.communications.get(originalId);
  if (!original) throw new NotFoundError(`communication ${originalId} does not exist`);
  if (original.direction !== 'outbound' || (original.type !== 'Email' && original.type !== 'SMS'))
    throw new ConflictError(`communication ${originalId} is a ${original.type}, not a message we sent`);
  if (!(RESENDABLE_STATUSES as readonly string[]).includes(original.status))
    throw new ConflictError(
      `communication ${originalId} is ${original.status}: only ${RESENDABLE_STATUSES.join(', ')} messages are sent again`,
    );
  const target = channel ?? original.type;
  const request = await resendRequest(original, target, deps);
  const outcome = await sendMessage(request, actor, deps, { ...options, resentFrom: originalId });
  await deps.communications.recordResend(originalId, outcome.communication.communicationId);
  return outcome;
}

async function resendRequest(
  original: Communication,
  channel: Channel,
  deps: ApiDependencies,
): Promise<SendRequest> {
  const about = {
    channel,
    customerId: original.customerId,
    ...(original.vehicleId ? { vehicleId: original.vehicleId } : {}),
  };
  if (original.templateId) {
    const template = await templateFor(original, channel, deps);
    return {
      ...about,
      templateId: template.templateId,
      ...(original.renderDetail ? { variables: original.renderDetail } : {}),
    };
  }
  const category = original.category ?? 'transactional';
  if (channel === original.type)
    return {
      ...about,
      category,
      ...(original.subject ? { subject: original.subject } : {}),
      content: original.content,
    };
  if (channel === 'SMS') {
    if (original.content.length > SMS_CHARACTER_LIMIT)
      throw new ConflictError(
        `the email is ${original.content.length} characters, too long for an SMS (${SMS_CHARACTER_LIMIT}): write a shorter one in Compose`,
      );
    return { ...about, category, content: original.content };
  }
  const firstLine = original.content.split('\n')[0]?.trim() ?? '';
  return {
    ...about,
    category,
    subject:
      firstLine.length > SUBJECT_FROM_SMS_LENGTH
        ? `${firstLine.slice(0, SUBJECT_FROM_SMS_LENGTH - 1)}…`
        : firstLine || 'Our message to you',
    content: original.content,
  };
}

/**
 * The template to send again with: the same one on its own channel; on the other, the active template of that
 * channel the same trigger selects for the same detail (for payments, the same days from the due date).
 */
async function templateFor(
  original: Communication,
  channel: Channel,
  deps: ApiDependencies,
): Promise<Template> {
  const templateId = original.templateId ?? '';
  const template = await deps.templates.get(templateId);
  if (!template) throw new NotFoundError(`template ${templateId} does not exist any more`);
  const sameTrigger = template.triggerEvent ? await deps.templates.listByTrigger(template.triggerEvent) : [];
  const counterpart = counterpartTemplate(template, channel, sameTrigger, original.renderDetail ?? {});
  if (!counterpart)
    throw new ConflictError(
      `there is no active ${channel} template for ${template.triggerEvent ?? 'this message'} like ${templateId}: write one in Compose`,
    );
  return counterpart;
}
