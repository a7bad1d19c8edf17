import { createHash } from 'node:crypto';
import type { Channel } from '../channels.js';
import { type Communication, previewOf } from '../communications/communication.js';
import type { EmailKind } from './inbound-email.js';

/** What an inbound message is: a customer's words, something automatic, or an SMS keyword acted on. */
export type InboundKind = EmailKind | 'opt-out' | 'opt-in' | 'help';

/** How a message was tied to its customer (and conversation): the order in which they are tried. */
export type MatchedBy = 'reply-address' | 'in-reply-to' | 'sender' | 'phone' | 'rep';

export interface InboundMatch {
  customerId: string;
  customerName?: string;
  vehicleId?: string;
  vehicleLabel?: string;
  /** The message this one answers, and the first message of its conversation. */
  repliesTo?: string;
  threadId?: string;
  by: MatchedBy;
}

export interface StoredAttachment {
  attachmentId: string;
  filename: string;
  contentType: string;
  size: number;
  /** Where the file is kept; absent when it was refused (see `refused`). */
  key?: string;
  refused?: string;
}

/** An email or SMS from outside, as received: kept whole (the raw email in the bucket) before anything else. */
export interface InboundMessage {
  inboundId: string;
  channel: Channel;
  receivedAt: string;
  /** The sender's address or number, and the address or number it was sent to. */
  from: string;
  fromName?: string;
  to: string;
  subject?: string;
  /** Everything it says as text (capped), and what the customer wrote this time (quotes and signature cut). */
  text: string;
  reply: string;
  /** Its HTML with scripts, styles and remote content removed, shown sandboxed. */
  html?: string;
  attachments: StoredAttachment[];
  kind: InboundKind;
  /** Why the message could not be read whole; a rep looks at the raw message. */
  malformed?: string;
  /** Where the raw message is (the bucket SES receiving wrote it to). */
  raw?: { bucket: string; key: string };
  messageId?: string;
  match?: InboundMatch;
  /** Its entry on the customer's timeline, once it has a customer. */
  communicationId?: string;
}

/**
 * One id per message however often it arrives: an email by its Message-ID (the same mail delivered twice is one
 * message), else by the provider's id; an SMS by the provider's id. 32 hex digits, like every communication id.
 */
export function inboundIdFor(channel: Channel, key: string): string {
  return createHash('sha256')
    .update(`${channel}\u0000${key.trim().toLowerCase()}`)
    .digest('hex')
    .slice(0, 32);
}

/** Limits on what is kept of an email: larger parts are cut (the raw message keeps everything). */
export const INBOUND_LIMITS = {
  textCharacters: 50_000,
  htmlCharacters: 150_000,
  attachmentBytes: 10 * 1024 * 1024,
  attachments: 10,
} as const;

/** Files reps may open: documents and images. Executables, archives and scripts are refused, not stored. */
const ALLOWED_ATTACHMENT_TYPES = [
  /^image\/(png|jpeg|gif|webp|heic|heif)$/,
  /^application\/pdf$/,
  /^text\/(plain|csv)$/,
  /^application\/(msword|vnd\.openxmlformats-officedocument\.(wordprocessingml\.document|spreadsheetml\.sheet)|vnd\.ms-excel)$/,
];

/** Whether an attachment is stored, or why it is refused (named on the message for the rep). */
export function attachmentRefusal(
  attachment: { contentType: string; size: number },
  index: number,
): string | undefined {
  if (index >= INBOUND_LIMITS.attachments) return `more than ${INBOUND_LIMITS.attachments} attachments`;
  if (attachment.size > INBOUND_LIMITS.attachmentBytes)
    return `larger than ${INBOUND_LIMITS.attachmentBytes / 1024 / 1024} MB`;
  const type = attachment.contentType.toLowerCase().split(';')[0]?.trim() ?? '';
  if (!ALLOWED_ATTACHMENT_TYPES.some((allowed) => allowed.test(type)))
    return `type ${type || 'unknown'} is not accepted`;
  return undefined;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROLS_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * A customer's words as text: control characters other than line breaks and tabs removed. What customers send
 * is never refused (it is their message), but a NUL or a bell is nothing a rep can read.
 */
export function readableText(text: string): string {
  return text.replace(CONTROLS_BUT_LINES, '');
}

export function capText(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** The states of a message in the Inbox: new, seen, dealt with. */
export const INBOX_STATES = ['unread', 'read', 'done'] as const;
export type InboxState = (typeof INBOX_STATES)[number];

export interface InboxChange {
  action: 'received' | 'read' | 'unread' | 'done' | 'reopened' | 'assigned' | 'matched';
  by: string;
  at: string;
  /** For assigned: to whom (absent: to the team); for matched: the customer. */
  to?: string;
}

/** A message waiting for a rep: the responsible rep's, the team's (no assignee), or unmatched (no customer). */
export interface InboxEntry {
  inboundId: string;
  channel: Channel;
  kind: InboundKind;
  receivedAt: string;
  from: string;
  fromName?: string;
  subject?: string;
  preview: string;
  customerId?: string;
  customerName?: string;
  vehicleId?: string;
  communicationId?: string;
  assignee?: string;
  state: InboxState;
  /** Increments with every change; saved against the version read. */
  version: number;
  history: InboxChange[];
}

export const INBOUND_ACTOR = 'system:inbound';

export function newInboxEntry(message: InboundMessage, assignee: string | undefined): InboxEntry {
  const { match } = message;
  return {
    inboundId: message.inboundId,
    channel: message.channel,
    kind: message.kind,
    receivedAt: message.receivedAt,
    from: message.from,
    ...(message.fromName ? { fromName: message.fromName } : {}),
    ...(message.subject ? { subject: message.subject } : {}),
    // Longer than a timeline's: the Inbox shows the preview on its own line.
    preview: previewOf(message.reply, 200),
    ...(match ? { customerId: match.customerId } : {}),
    ...(match?.customerName ? { customerName: match.customerName } : {}),
    ...(match?.vehicleId ? { vehicleId: match.vehicleId } : {}),
    ...(message.communicationId ? { communicationId: message.communicationId } : {}),
    ...(assignee ? { assignee } : {}),
    state: 'unread',
    version: 1,
    history: [
      {
        action: 'received',
        by: INBOUND_ACTOR,
        at: message.receivedAt,
        ...(assignee ? { to: assignee } : {}),
      },
    ],
  };
}

export type InboxAction =
  | { action: 'read' | 'unread' | 'done' | 'reopen' }
  | { action: 'assign'; assignee: string | null };

/** A rep's change to an entry; the same change twice leaves it as it is (undefined: nothing to save). */
export function changeInboxEntry(
  entry: InboxEntry,
  change: InboxAction,
  by: string,
  now: Date,
): InboxEntry | undefined {
  const at = now.toISOString();
  const next = (patch: Partial<InboxEntry>, record: InboxChange): InboxEntry => ({
    ...entry,
    ...patch,
    version: entry.version + 1,
    history: [...entry.history, record],
  });
  switch (change.action) {
    case 'read':
      return entry.state === 'unread' ? next({ state: 'read' }, { action: 'read', by, at }) : undefined;
    case 'unread':
      return entry.state === 'read' ? next({ state: 'unread' }, { action: 'unread', by, at }) : undefined;
    case 'done':
      return entry.state !== 'done' ? next({ state: 'done' }, { action: 'done', by, at }) : undefined;
    case 'reopen':
      return entry.state === 'done' ? next({ state: 'read' }, { action: 'reopened', by, at }) : undefined;
    case 'assign': {
      const assignee = change.assignee ?? undefined;
      if (assignee === entry.assignee) return undefined;
      const { assignee: _previous, ...rest } = entry;
      return {
        ...(assignee ? { ...rest, assignee } : rest),
        version: entry.version + 1,
        history: [...entry.history, { action: 'assigned', by, at, ...(assignee ? { to: assignee } : {}) }],
      };
    }
  }
}

/** The sender of a customer's message, as the timeline's "By" shows it. */
export function customerActor(channel: Channel): string {
  return channel === 'Email' ? 'customer:email' : 'customer:sms';
}

/** A matched message's entry on the customer's (and vehicle's) timeline: what the customer wrote this time. */
export function inboundCommunication(message: InboundMessage, match: InboundMatch, now: Date): Communication {
  const at = now.toISOString();
  return {
    communicationId: message.inboundId,
    customerId: match.customerId,
    ...(match.vehicleId ? { vehicleId: match.vehicleId } : {}),
    ...(match.customerName ? { customerName: match.customerName } : {}),
    ...(match.vehicleLabel ? { vehicleLabel: match.vehicleLabel } : {}),
    type: message.channel,
    direction: 'inbound',
    address: message.from,
    ...(message.subject ? { subject: message.subject } : {}),
    content: message.reply,
    ...(match.repliesTo ? { repliesTo: match.repliesTo } : {}),
    ...(match.threadId ? { threadId: match.threadId } : {}),
    inbound: {
      inboundId: message.inboundId,
      from: message.from,
      attachments: message.attachments.filter((attachment) => attachment.key).length,
    },
    status: 'Logged',
    statusHistory: [{ status: 'Logged', at }],
    createdAt: message.receivedAt,
    createdBy: customerActor(message.channel),
    updatedAt: at,
  };
}
