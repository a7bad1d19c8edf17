import {
  type Actor,
  type Channel,
  ChannelRefusedError,
  type CommunicationSummary,
  ConflictError,
  DEFAULT_PREFERENCES,
  decideChannels,
  InvalidInputError,
  type MessageCategory,
  manualEventDetail,
  NotFoundError,
  newOutboundMessage,
  plainTextToHtml,
  requireRole,
  smsInfo,
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
  idempotencyKey?: string,
): Promise<SendOutcome> {
  requireRole(actor, 'agent', 'sending a message');
  const { channel } = request;
  const { contact, vehicle } = await loadRecords(deps.customers, request.customerId, request.vehicleId);
  const template = request.templateId ? await deps.templates.get(request.templateId) : undefined;
  if (request.templateId && !template)
    throw new NotFoundError(`template ${request.templateId} does not exist`);
  if (template && template.type !== channel) {
    throw new InvalidInputError([
      { path: 'templateId', message: `template ${template.templateId} is an ${template.type} template` },
    ]);
  }
  const category = template?.category ?? request.category ?? 'transactional';
  const preferences =
    (await deps.customers.getPreferences(contact.customerId))?.preferences ?? DEFAULT_PREFERENCES;
  const now = deps.clock.now();
  const decision = decideChannels({ category, candidates: [channel], contact, preferences, now });
  const skipped = decision.skipped[0];
  const delivery = decision.deliveries[0];
  if (skipped || !delivery) {
    throw new ChannelRefusedError(
      skipped?.reason ?? 'channel-disabled',
      skipped?.detail ?? `${channel} is not allowed for this customer`,
    );
  }

  let body: {
    subject?: string;
    content: string;
    contentHtml?: string;
    sms?: { encoding: 'GSM-7' | 'UCS-2'; segments: number };
  };
  let templateVersion: number | undefined;
  if (template) {
    const rendered = await deps.templateService.renderActive(template, {
      detail: manualEventDetail(
        template.triggerEvent,
        { contact, ...(vehicle ? { vehicle } : {}) },
        request.variables,
      ),
      contact,
      ...(vehicle ? { vehicle } : {}),
      language: preferences.language ?? contact.language,
    });
    if (!rendered.ok && rendered.reason === 'template-inactive')
      throw new ConflictError(`template ${template.templateId} has no active version to send`);
    if (!rendered.ok) {
      throw new InvalidInputError(
        rendered.issues.map((issue) => ({ path: 'variables', message: issue.message })),
      );
    }
    templateVersion = rendered.version.version;
    body =
      'email' in rendered
        ? { subject: rendered.email.subject, content: rendered.email.text, contentHtml: rendered.email.html }
        : {
            content: rendered.sms.text,
            sms: { encoding: rendered.sms.encoding, segments: rendered.sms.segments },
          };
  } else {
    const content = request.content ?? '';
    if (channel === 'Email') {
      body = { subject: request.subject ?? '', content, contentHtml: plainTextToHtml(content) };
    } else {
      const info = smsInfo(content);
      body = { content, sms: { encoding: info.encoding, segments: info.segments } };
    }
  }

  const fingerprint = idempotencyKey ? requestFingerprint(request) : undefined;
  const message = newOutboundMessage(
    {
      communicationId: requestedCommunicationId(actor.id, `send-${channel}`, idempotencyKey),
      customerId: contact.customerId,
      ...(vehicle ? { vehicleId: vehicle.vehicleId } : {}),
      channel,
      category,
      address: delivery.address,
      ...body,
      ...(template ? { templateId: template.templateId, templateVersion } : {}),
      ...(delivery.deferred ? { scheduledFor: delivery.sendAt } : {}),
      createdBy: actor.id,
    },
    now,
  );
  const communication = fingerprint ? { ...message, requestFingerprint: fingerprint } : message;
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
