import type { Channel } from '../channels.js';
import { recipientNames } from '../customers/projections.js';
import type {
  Clock,
  CommunicationRepository,
  CustomerRepository,
  DispatchQueue,
  TemplateRepository,
} from '../ports.js';
import { DEFAULT_PREFERENCES } from '../preferences/preferences.js';
import { counterpartTemplate } from '../templates/counterpart.js';
import type { TemplateRenderer } from '../templates/template-renderer.js';
import { automatedCommunicationId, type Communication } from './communication.js';
import { communicationOf, planOutbound } from './outbound-plan.js';

export interface ChannelFallbackDependencies {
  communications: CommunicationRepository;
  customers: CustomerRepository;
  templates: TemplateRepository;
  renderer: Pick<TemplateRenderer, 'renderActive'>;
  queue: DispatchQueue;
  clock: Clock;
}

/** Who an automatic fallback is recorded as created by. */
export const CHANNEL_FALLBACK_ACTOR = 'system:channel-fallback';

/** The one fallback message of a message: a retried callback finds it instead of sending again. */
export function fallbackCommunicationId(communicationId: string): string {
  return `fallback-${communicationId}`;
}

export type FallbackOutcome =
  | { outcome: 'sent' | 'scheduled' | 'not-sent' | 'already'; communicationId: string }
  | { outcome: 'none'; reason: string };

/**
 * A message from a template with `channelFallback` that could not reach the customer (an email that
 * hard-bounced, an SMS that failed) goes out once on the other channel: the template the same trigger selects
 * there, rendered from the same detail, under the customer's preferences like any message, linked to the first.
 * Idempotent: the fallback's id is derived from the message's, so a redelivered callback sends nothing twice.
 */
export async function sendOnOtherChannel(
  original: Communication,
  deps: ChannelFallbackDependencies,
): Promise<FallbackOutcome> {
  if (original.type !== 'Email' && original.type !== 'SMS')
    return { outcome: 'none', reason: 'not a message' };
  if (original.resentFrom) return { outcome: 'none', reason: 'a fallback itself' };
  if (!original.templateId) return { outcome: 'none', reason: 'written by a rep' };
  const template = await deps.templates.get(original.templateId);
  if (!template?.channelFallback) return { outcome: 'none', reason: 'the template has no fallback' };
  const channel: Channel = original.type === 'Email' ? 'SMS' : 'Email';
  const detail = original.renderDetail ?? {};
  const counterpart = template.triggerEvent
    ? counterpartTemplate(
        template,
        channel,
        await deps.templates.listByTrigger(template.triggerEvent),
        detail,
      )
    : undefined;
  if (!counterpart) return { outcome: 'none', reason: `no active ${channel} template for the same trigger` };
  // The same event may have reached the customer on that channel already (they take both): once is enough.
  if (original.trigger) {
    const sibling = await deps.communications.get(
      automatedCommunicationId(original.trigger.eventId, counterpart.templateId, channel),
    );
    if (sibling && sibling.status !== 'NotSent' && sibling.status !== 'Cancelled')
      return { outcome: 'none', reason: `the same event went by ${channel} already` };
  }

  const { contact, vehicle, preferences } = await deps.customers.getRecipient(
    original.customerId,
    original.vehicleId,
  );
  if (!contact) return { outcome: 'none', reason: 'the customer is unknown' };
  const now = deps.clock.now();
  const plan = await planOutbound(
    {
      channel,
      category: counterpart.category,
      contact,
      ...(vehicle ? { vehicle } : {}),
      preferences: preferences?.preferences ?? DEFAULT_PREFERENCES,
      source: { template: counterpart, detail },
      now,
    },
    deps.renderer,
  );
  const fallback = communicationOf(
    {
      communicationId: fallbackCommunicationId(original.communicationId),
      customerId: contact.customerId,
      ...(vehicle ? { vehicleId: vehicle.vehicleId } : {}),
      ...recipientNames(contact, vehicle),
      channel,
      category: counterpart.category,
      templateId: counterpart.templateId,
      ...(original.trigger ? { trigger: original.trigger } : {}),
      renderDetail: detail,
      resentFrom: original.communicationId,
      createdBy: CHANNEL_FALLBACK_ACTOR,
    },
    plan,
    now,
  );
  const result = await deps.communications.create(fallback);
  await deps.communications.recordResend(original.communicationId, fallback.communicationId);
  const status = result.created ? fallback.status : result.existing.status;
  // A redelivered callback re-enqueues a fallback still Pending: the dispatcher's claim makes that harmless.
  if (status === 'Pending') {
    const failed = await deps.queue.enqueue([{ communicationId: fallback.communicationId, channel }]);
    if (failed.length > 0) throw new Error(`could not enqueue ${fallback.communicationId}`);
  }
  if (!result.created) return { outcome: 'already', communicationId: fallback.communicationId };
  const outcome = status === 'Scheduled' ? 'scheduled' : status === 'NotSent' ? 'not-sent' : 'sent';
  return { outcome, communicationId: fallback.communicationId };
}
