import { createHash, randomUUID } from 'node:crypto';
import type { Channel, CommunicationType, MessageCategory } from '../channels.js';
import { assertTransition, type CommunicationStatus } from './status.js';

export type Direction = 'outbound' | 'inbound';

/** Why a message was not sent; stable codes shown to reps and counted on the dashboard. */
export const NOT_SENT_REASONS = [
  'opted-out',
  'channel-disabled',
  'no-address',
  'not-preferred-channel',
  'quiet-hours-expired',
  'stale-event',
  'template-inactive',
  'template-error',
  'address-suppressed',
] as const;
export type NotSentReason = (typeof NOT_SENT_REASONS)[number];

export interface StatusEntry {
  status: CommunicationStatus;
  at: string;
  reason?: string;
  /** The rep who made this change (cancelled, rescheduled, sent now); absent for the system's own. */
  by?: string;
}

/** Why a message waits: the customer's quiet hours, a reminder's time before a due date, or a rep's choice. */
export const SCHEDULE_REASONS = ['quiet-hours', 'payment-reminder', 'rescheduled'] as const;
export type ScheduleReason = (typeof SCHEDULE_REASONS)[number];

/** The business event that caused an automated message. */
export interface TriggerRef {
  eventId: string;
  source: string;
  detailType: string;
  triggerId: string;
}

/** How a call ended, as reps log it (CRM timelines use the same few). */
export const CALL_OUTCOMES = ['connected', 'left-voicemail', 'no-answer', 'wrong-number'] as const;
/** What became of a meeting. */
export const MEETING_OUTCOMES = ['held', 'no-show', 'rescheduled', 'cancelled'] as const;

/** Details of a call or meeting a rep logged. */
export interface Interaction {
  durationMinutes?: number;
  /** One of CALL_OUTCOMES or MEETING_OUTCOMES (free text on calls logged before they were fixed). */
  outcome?: string;
  participants?: string[];
  followUpDate?: string;
}

export interface Communication {
  communicationId: string;
  customerId: string;
  vehicleId?: string;
  /** The customer's name and the vehicle's description when it was written, for lists (ADR 0021). */
  customerName?: string;
  vehicleLabel?: string;
  type: CommunicationType;
  direction: Direction;
  category?: MessageCategory;
  /** Email address or E.164 phone number the message went to (or came from). */
  address?: string;
  subject?: string;
  /** Plain text: the SMS body, the email's text alternative, or the notes of a call or meeting. */
  content: string;
  contentHtml?: string;
  templateId?: string;
  templateVersion?: number;
  trigger?: TriggerRef;
  /**
   * What the template was rendered with (the event's detail, or a rep's variables), so a resend — on this
   * channel or the other — renders the same message again. Stored with the content, never listed.
   */
  renderDetail?: Record<string, unknown>;
  /** The failed message this one sends again, and the messages that sent this one again. */
  resentFrom?: string;
  resentAs?: string[];
  /** The message this one answers (a customer's reply, or a rep's answer to it), and its conversation's first. */
  repliesTo?: string;
  threadId?: string;
  /** A message the customer sent us: where it came from, and the received message it is (its full text). */
  inbound?: { inboundId: string; from: string; attachments: number };
  /** For a rep's email answering a customer's: the Message-ID of the customer's email, for In-Reply-To. */
  answersMessageId?: string;
  status: CommunicationStatus;
  statusReason?: string;
  statusHistory: StatusEntry[];
  providerMessageId?: string;
  /** When a Scheduled message becomes due, and why it waits. */
  scheduledFor?: string;
  scheduledReason?: ScheduleReason;
  interaction?: Interaction;
  /** For SMS: how the text is encoded and how many segments (each billed as one message) it takes. */
  sms?: { encoding: 'GSM-7' | 'UCS-2'; segments: number };
  /** What the provider charged, when it says (SNS delivery receipts), in USD. */
  priceUsd?: number;
  sentAt?: string;
  deliveredAt?: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  /** Digest of the request that created it under an Idempotency-Key: a retry must carry the same request. */
  requestFingerprint?: string;
}

/** A communication without its (possibly large) content: what timelines and status updates work with. */
export type CommunicationSummary = Omit<Communication, 'content' | 'contentHtml' | 'renderDetail'> & {
  /** The start of the plain-text content, for lists. */
  preview: string;
};

export const PREVIEW_LENGTH = 160;

/** Text on one line, cut to `length` characters with an ellipsis. */
export function previewOf(content: string, length = PREVIEW_LENGTH): string {
  const flat = content.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`;
}

export function toSummary(communication: Communication): CommunicationSummary {
  const { content, contentHtml: _html, renderDetail: _detail, ...rest } = communication;
  return { ...rest, preview: previewOf(content) };
}

/**
 * Deterministic id of an automated message: the same event, trigger and channel always give the same id,
 * so a redelivered event finds the communication it already created instead of sending twice.
 */
export function automatedCommunicationId(eventId: string, triggerId: string, channel: Channel): string {
  return createHash('sha256')
    .update(`${eventId}\u0000${triggerId}\u0000${channel}`)
    .digest('hex')
    .slice(0, 32);
}

export function manualCommunicationId(): string {
  return randomUUID().replaceAll('-', '');
}

export interface NewOutboundMessage {
  communicationId: string;
  customerId: string;
  vehicleId?: string;
  customerName?: string;
  vehicleLabel?: string;
  channel: Channel;
  category: MessageCategory;
  address: string;
  subject?: string;
  content: string;
  contentHtml?: string;
  templateId?: string;
  templateVersion?: number;
  trigger?: TriggerRef;
  renderDetail?: Record<string, unknown>;
  resentFrom?: string;
  repliesTo?: string;
  threadId?: string;
  answersMessageId?: string;
  /** Deferred until this time (quiet hours, reminders); otherwise due now. */
  scheduledFor?: Date;
  scheduledReason?: ScheduleReason;
  sms?: { encoding: 'GSM-7' | 'UCS-2'; segments: number };
  createdBy: string;
}

export function newOutboundMessage(input: NewOutboundMessage, now: Date): Communication {
  const at = now.toISOString();
  const deferred = input.scheduledFor !== undefined && input.scheduledFor.getTime() > now.getTime();
  const status: CommunicationStatus = deferred ? 'Scheduled' : 'Pending';
  const { channel, scheduledFor, scheduledReason, ...rest } = input;
  return {
    ...rest,
    type: channel,
    direction: 'outbound',
    status,
    statusHistory: [{ status, at }],
    ...(deferred ? { scheduledFor: scheduledFor?.toISOString() } : {}),
    ...(deferred && scheduledReason ? { scheduledReason } : {}),
    createdAt: at,
    updatedAt: at,
  };
}

/** A message that was decided against (opted out, no address…): logged so reps can see why. */
export function newNotSentMessage(
  input: Omit<NewOutboundMessage, 'address' | 'content'> & { address?: string; content?: string },
  reason: NotSentReason,
  now: Date,
): Communication {
  const at = now.toISOString();
  const { channel, scheduledFor: _ignored, scheduledReason: _unused, ...rest } = input;
  return {
    ...rest,
    content: input.content ?? '',
    type: channel,
    direction: 'outbound',
    status: 'NotSent',
    statusReason: reason,
    statusHistory: [{ status: 'NotSent', at, reason }],
    createdAt: at,
    updatedAt: at,
  };
}

export interface NewLoggedInteraction {
  communicationId: string;
  customerId: string;
  vehicleId?: string;
  customerName?: string;
  vehicleLabel?: string;
  type: CommunicationType;
  direction: Direction;
  address?: string;
  subject?: string;
  content: string;
  interaction?: Interaction;
  /** When it happened, if not now (a call logged after the fact). */
  occurredAt?: Date;
  createdBy: string;
}

/** A call, meeting or inbound message a rep records; final as soon as it is logged. */
export function newLoggedInteraction(input: NewLoggedInteraction, now: Date): Communication {
  const at = (input.occurredAt ?? now).toISOString();
  const { occurredAt: _occurredAt, ...rest } = input;
  return {
    ...rest,
    status: 'Logged',
    statusHistory: [{ status: 'Logged', at: now.toISOString() }],
    createdAt: at,
    updatedAt: now.toISOString(),
  };
}

export interface StatusChange {
  status: CommunicationStatus;
  at: Date;
  reason?: string;
  /** The rep who made the change, kept in the status history. */
  by?: string;
  providerMessageId?: string;
  priceUsd?: number;
}

/** Pure counterpart of the store's conditional update; throws on a backward move. */
export function applyStatusChange(communication: Communication, change: StatusChange): Communication {
  assertTransition(communication.status, change.status);
  const at = change.at.toISOString();
  return {
    ...communication,
    status: change.status,
    ...(change.reason ? { statusReason: change.reason } : {}),
    ...(change.providerMessageId ? { providerMessageId: change.providerMessageId } : {}),
    ...(change.status === 'Sent' && !communication.sentAt ? { sentAt: at } : {}),
    ...(change.status === 'Delivered' ? { deliveredAt: at } : {}),
    statusHistory: [
      ...communication.statusHistory,
      {
        status: change.status,
        at,
        ...(change.reason ? { reason: change.reason } : {}),
        ...(change.by ? { by: change.by } : {}),
      },
    ],
    updatedAt: at,
  };
}

/** A Scheduled message moved to another time by a rep (or to now, to send it at once). */
export interface Reschedule {
  scheduledFor: Date;
  at: Date;
  by: string;
  reason: string;
}
