import type { Channel, MessageCategory } from '../channels.js';
import type { CustomerContact, VehicleProjection } from '../customers/projections.js';
import type { ChannelDelivery } from '../preferences/channel-decision.js';
import { decideChannels } from '../preferences/channel-decision.js';
import type { Preferences } from '../preferences/preferences.js';
import type { TemplateIssue } from '../templates/liquid-engine.js';
import { smsInfo } from '../templates/sms.js';
import type { Template } from '../templates/template.js';
import type { TemplateService } from '../templates/template-service.js';
import {
  type Communication,
  type NewOutboundMessage,
  type NotSentReason,
  newNotSentMessage,
  newOutboundMessage,
  type ScheduleReason,
} from './communication.js';
import { plainTextToHtml } from './free-form.js';

/** What a message says, as it is stored: rendered from a template, or written by a rep. */
export interface MessageBody {
  subject?: string;
  content: string;
  contentHtml?: string;
  sms?: { encoding: 'GSM-7' | 'UCS-2'; segments: number };
}

/** Where a message's words come from. */
export type MessageSource =
  | { template: Template; detail: Record<string, unknown> }
  | { freeForm: { subject?: string; content: string } };

export interface OutboundRequest {
  channel: Channel;
  category: MessageCategory;
  contact: CustomerContact;
  vehicle?: VehicleProjection;
  preferences: Preferences;
  source: MessageSource;
  now: Date;
}

/** To send (now or once quiet hours end), or not, with the reason a rep reads on the log. */
export type OutboundPlan =
  | { outcome: 'send'; delivery: ChannelDelivery; body: MessageBody; templateVersion?: number }
  | { outcome: 'not-sent'; reason: NotSentReason; detail?: string; issues?: TemplateIssue[] };

/**
 * The outbound steps every message takes, automated or sent by a rep: the customer's preferences decide the
 * channel (opt-outs, quiet hours, addresses), then the template's active version in their language is rendered
 * (or the rep's words are turned into a body). Reads nothing but the template versions, through the service.
 */
export async function planOutbound(
  request: OutboundRequest,
  templates: Pick<TemplateService, 'renderActive'>,
): Promise<OutboundPlan> {
  const { channel, category, contact, vehicle, preferences, source, now } = request;
  const decision = decideChannels({ category, candidates: [channel], contact, preferences, now });
  const skipped = decision.skipped[0];
  const delivery = decision.deliveries[0];
  if (skipped || !delivery)
    return { outcome: 'not-sent', reason: skipped?.reason ?? 'channel-disabled', detail: skipped?.detail };

  if ('freeForm' in source)
    return { outcome: 'send', delivery, body: freeFormBody(channel, source.freeForm) };

  const rendered = await templates.renderActive(source.template, {
    detail: source.detail,
    contact,
    ...(vehicle ? { vehicle } : {}),
    language: preferences.language ?? contact.language,
  });
  if (!rendered.ok && rendered.reason === 'template-inactive')
    return { outcome: 'not-sent', reason: 'template-inactive' };
  if (!rendered.ok) {
    const detail = rendered.issues.map((issue) => issue.message).join('; ');
    return { outcome: 'not-sent', reason: 'template-error', detail, issues: rendered.issues };
  }
  const body: MessageBody =
    'email' in rendered
      ? { subject: rendered.email.subject, content: rendered.email.text, contentHtml: rendered.email.html }
      : {
          content: rendered.sms.text,
          sms: { encoding: rendered.sms.encoding, segments: rendered.sms.segments },
        };
  return { outcome: 'send', delivery, body, templateVersion: rendered.version.version };
}

function freeFormBody(channel: Channel, words: { subject?: string; content: string }): MessageBody {
  if (channel === 'Email')
    return {
      subject: words.subject ?? '',
      content: words.content,
      contentHtml: plainTextToHtml(words.content),
    };
  const info = smsInfo(words.content);
  return { content: words.content, sms: { encoding: info.encoding, segments: info.segments } };
}

/** What identifies a message whatever its plan: who, about what, from which template or trigger, by whom. */
export type MessageHeading = Omit<
  NewOutboundMessage,
  'address' | 'subject' | 'content' | 'contentHtml' | 'sms' | 'templateVersion' | 'scheduledFor'
>;

/**
 * The communication a plan stores: a message due at the later of the plan's time and `notBefore` (a reminder's
 * time), or a NotSent record carrying its reason.
 */
export function communicationOf(
  heading: MessageHeading,
  plan: OutboundPlan,
  now: Date,
  notBefore?: Date,
): Communication {
  if (plan.outcome === 'not-sent')
    return newNotSentMessage(
      { ...heading, ...(plan.detail ? { content: plan.detail } : {}) },
      plan.reason,
      now,
    );
  const quietUntil = plan.delivery.sendAt.getTime();
  const sendAt = Math.max(quietUntil, notBefore?.getTime() ?? 0);
  const scheduledReason: ScheduleReason = sendAt > quietUntil ? 'payment-reminder' : 'quiet-hours';
  return newOutboundMessage(
    {
      ...heading,
      address: plan.delivery.address,
      ...plan.body,
      ...(plan.templateVersion !== undefined ? { templateVersion: plan.templateVersion } : {}),
      ...(sendAt > now.getTime() ? { scheduledFor: new Date(sendAt), scheduledReason } : {}),
    },
    now,
  );
}
