import * as z from 'zod/mini';
import type { CommunicationStatus } from '../communications/status.js';

/** The part of an SES event (configuration set → SNS raw → SQS) the log needs. */
const sesEventSchema = z.object({
  eventType: z.string(),
  mail: z.object({
    messageId: z.string().check(z.minLength(1)),
    timestamp: z.optional(z.string()),
    destination: z.optional(z.array(z.string())),
  }),
  bounce: z.optional(
    z.object({
      bounceType: z.string(),
      bounceSubType: z.optional(z.string()),
      timestamp: z.optional(z.string()),
      bouncedRecipients: z.optional(
        z.array(z.object({ emailAddress: z.string(), diagnosticCode: z.optional(z.string()) })),
      ),
    }),
  ),
  complaint: z.optional(
    z.object({
      timestamp: z.optional(z.string()),
      complainedRecipients: z.optional(z.array(z.object({ emailAddress: z.string() }))),
    }),
  ),
  delivery: z.optional(z.object({ timestamp: z.optional(z.string()) })),
  reject: z.optional(z.object({ reason: z.optional(z.string()) })),
  failure: z.optional(z.object({ errorMessage: z.optional(z.string()) })),
});

/** An SNS SMS delivery status record. */
const smsReceiptSchema = z.object({
  notification: z.object({ messageId: z.string().check(z.minLength(1)), timestamp: z.optional(z.string()) }),
  delivery: z.object({
    destination: z.string(),
    providerResponse: z.optional(z.string()),
    priceInUSD: z.optional(z.number().check(z.nonnegative())),
  }),
  status: z.enum(['SUCCESS', 'FAILURE']),
});

/** What a provider told us about one message, in the domain's terms. */
export interface DeliveryCallback {
  providerMessageId: string;
  /** The status it moves the communication to; undefined for events that only inform (Send, DeliveryDelay). */
  status?: Exclude<CommunicationStatus, 'Logged'>;
  reason?: string;
  at: Date;
  /** Addresses that must not be written to again (hard bounce, complaint). */
  suppress: string[];
  kind: string;
  /** What the provider charged for it (SMS receipts). */
  priceUsd?: number;
}

/**
 * Parses an SES event or an SMS receipt; returns undefined for a body that is neither. `receivedAt` stands in
 * for a provider timestamp that is missing or unreadable.
 */
export function parseDeliveryCallback(body: unknown, receivedAt: Date): DeliveryCallback | undefined {
  const at = (value: string | undefined): Date => {
    const date = value ? new Date(value) : receivedAt;
    return Number.isNaN(date.getTime()) ? receivedAt : date;
  };
  const ses = sesEventSchema.safeParse(body);
  if (ses.success) {
    const event = ses.data;
    const base = {
      providerMessageId: event.mail.messageId,
      kind: `SES ${event.eventType}`,
      suppress: [] as string[],
    };
    switch (event.eventType) {
      case 'Delivery':
        return { ...base, status: 'Delivered', at: at(event.delivery?.timestamp) };
      case 'Bounce': {
        const permanent = event.bounce?.bounceType === 'Permanent';
        const recipients = event.bounce?.bouncedRecipients ?? [];
        const reason = [event.bounce?.bounceType, event.bounce?.bounceSubType, recipients[0]?.diagnosticCode]
          .filter(Boolean)
          .join(' / ');
        return permanent
          ? {
              ...base,
              status: 'Bounced',
              reason,
              at: at(event.bounce?.timestamp),
              suppress: recipients.map((r) => r.emailAddress),
            }
          : { ...base, reason, at: at(event.bounce?.timestamp) };
      }
      case 'Complaint':
        return {
          ...base,
          status: 'Complained',
          reason: 'the recipient marked the message as spam',
          at: at(event.complaint?.timestamp),
          suppress: (event.complaint?.complainedRecipients ?? []).map((r) => r.emailAddress),
        };
      case 'Reject':
        return {
          ...base,
          status: 'Failed',
          reason: `SES rejected it: ${event.reject?.reason ?? 'unknown'}`,
          at: at(event.mail.timestamp),
        };
      case 'Rendering Failure':
      case 'RenderingFailure':
        return {
          ...base,
          status: 'Failed',
          reason: `rendering failed: ${event.failure?.errorMessage ?? ''}`,
          at: at(event.mail.timestamp),
        };
      default:
        return { ...base, at: at(event.mail.timestamp) };
    }
  }
  const sms = smsReceiptSchema.safeParse(body);
  if (sms.success) {
    const receipt = sms.data;
    return {
      providerMessageId: receipt.notification.messageId,
      kind: `SMS ${receipt.status}`,
      status: receipt.status === 'SUCCESS' ? 'Delivered' : 'Failed',
      ...(receipt.status === 'FAILURE'
        ? { reason: receipt.delivery.providerResponse ?? 'delivery failed' }
        : {}),
      ...(receipt.delivery.priceInUSD !== undefined ? { priceUsd: receipt.delivery.priceInUSD } : {}),
      at: at(receipt.notification.timestamp),
      suppress: [],
    };
  }
  return undefined;
}
