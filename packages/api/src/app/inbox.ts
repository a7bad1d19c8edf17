import {
  type Actor,
  ConflictError,
  changeInboxEntry,
  type InboundMessage,
  type InboxAction,
  type InboxEntry,
  type InboxView,
  InvalidInputError,
  inboundCommunication,
  NotFoundError,
  type Page,
  recipientNames,
  recordSmsConsent,
  requireRole,
} from '@import-comms/core';
import type { ApiDependencies } from './dependencies.js';
import { loadRecords } from './records.js';
import { type SendOutcome, sendMessage } from './send-message.js';

const COUNT_CAP = 99;

export interface InboxPage extends Page<InboxEntry> {
  counts: { mine: number; team: number; unmatched: number };
}

function inboxOf(deps: ApiDependencies) {
  if (!deps.inbound) throw new NotFoundError('this deployment receives no messages');
  return deps.inbound;
}

/** One of the Inbox's lists, newest first, with what waits in each for the badge. */
export async function listInbox(
  request: { view: 'mine' | 'team' | 'unmatched'; limit: number; cursor?: string },
  actor: Actor,
  deps: ApiDependencies,
): Promise<InboxPage> {
  requireRole(actor, 'agent', 'reading the inbox');
  const inbound = inboxOf(deps);
  const views: Record<typeof request.view, InboxView> = {
    mine: { assignee: actor.id },
    team: { team: true },
    unmatched: { unmatched: true },
  };
  const [page, mine, team, unmatched] = await Promise.all([
    inbound.listInbox(views[request.view], request.limit, request.cursor),
    inbound.countUnread(views.mine, COUNT_CAP),
    inbound.countUnread(views.team, COUNT_CAP),
    inbound.countUnread(views.unmatched, COUNT_CAP),
  ]);
  return { ...page, counts: { mine, team, unmatched } };
}

async function entryOf(inboundId: string, deps: ApiDependencies): Promise<InboxEntry> {
  const entry = await inboxOf(deps).getInboxEntry(inboundId);
  if (!entry) throw new NotFoundError(`inbox has no message ${inboundId}`);
  return entry;
}

async function save(entry: InboxEntry, deps: ApiDependencies): Promise<InboxEntry> {
  const saved = await inboxOf(deps).saveInboxEntry(entry);
  if (!saved.saved) throw new ConflictError('someone changed this message meanwhile: look again');
  return entry;
}

/** Read, unread, done, reopened or handed to a rep (or back to the team); the same change twice is no change. */
export async function changeInbox(
  inboundId: string,
  change: InboxAction,
  actor: Actor,
  deps: ApiDependencies,
): Promise<InboxEntry> {
  requireRole(actor, 'agent', 'working the inbox');
  if (change.action === 'assign' && change.assignee) {
    // A message handed to someone who is not on the team would wait on a list no one reads.
    const team = await deps.reps.list();
    const assignee = change.assignee;
    if (team.length > 0 && !team.some((rep) => rep.id === assignee && rep.active))
      throw new InvalidInputError([{ path: 'assignee', message: `${assignee} is not an active rep` }]);
  }
  const entry = await entryOf(inboundId, deps);
  const next = changeInboxEntry(entry, change, actor.id, deps.clock.now());
  return next ? save(next, deps) : entry;
}

/** A received message alone (its files and raw form need no Inbox entry). */
async function receivedMessage(
  inboundId: string,
  actor: Actor,
  deps: ApiDependencies,
): Promise<InboundMessage> {
  requireRole(actor, 'agent', 'reading customer messages');
  const message = await inboxOf(deps).get(inboundId);
  if (!message) throw new NotFoundError(`no message ${inboundId} was received`);
  return message;
}

/** The whole message as received: text, sanitised HTML, attachments and how it was matched. */
export async function getInbound(
  inboundId: string,
  actor: Actor,
  deps: ApiDependencies,
): Promise<{ entry?: InboxEntry; message: InboundMessage }> {
  requireRole(actor, 'agent', 'reading customer messages');
  const inbound = inboxOf(deps);
  const [message, entry] = await Promise.all([inbound.get(inboundId), inbound.getInboxEntry(inboundId)]);
  if (!message) throw new NotFoundError(`no message ${inboundId} was received`);
  return { ...(entry ? { entry } : {}), message };
}

/**
 * Ties an unmatched message to a customer (and vehicle): it goes on their timeline, and on the list of the rep
 * who placed it.
 */
export async function matchInbound(
  inboundId: string,
  request: { customerId: string; vehicleId?: string },
  actor: Actor,
  deps: ApiDependencies,
): Promise<InboxEntry> {
  requireRole(actor, 'agent', 'placing a message');
  const inbound = inboxOf(deps);
  const entry = await entryOf(inboundId, deps);
  if (entry.customerId) throw new ConflictError(`message ${inboundId} is already ${entry.customerId}'s`);
  const message = await inbound.get(inboundId);
  if (!message) throw new NotFoundError(`no message ${inboundId} was received`);
  const { contact, vehicle } = await loadRecords(deps.customers, request.customerId, request.vehicleId);
  const names = recipientNames(contact, vehicle);
  const match = {
    customerId: contact.customerId,
    ...(vehicle ? { vehicleId: vehicle.vehicleId } : {}),
    ...names,
    by: 'rep' as const,
  };
  const now = deps.clock.now();
  const communication = inboundCommunication(message, match, now);
  await deps.communications.create(communication);
  await inbound.recordMatch(inboundId, match, communication.communicationId);
  // A STOP or START from a number no customer had is their consent once placed with them.
  if (message.kind === 'opt-out' || message.kind === 'opt-in')
    await recordSmsConsent(deps.customers, contact.customerId, message.kind, now);
  const at = now.toISOString();
  return save(
    {
      ...entry,
      customerId: contact.customerId,
      ...(names.customerName ? { customerName: names.customerName } : {}),
      ...(vehicle ? { vehicleId: vehicle.vehicleId } : {}),
      communicationId: communication.communicationId,
      assignee: actor.id,
      version: entry.version + 1,
      history: [...entry.history, { action: 'matched', by: actor.id, at, to: contact.customerId }],
    },
    deps,
  );
}

/** A file of the message, read from where it was kept. */
export async function readAttachment(
  inboundId: string,
  attachmentId: string,
  actor: Actor,
  deps: ApiDependencies,
): Promise<{ content: Uint8Array; contentType: string; filename: string }> {
  const message = await receivedMessage(inboundId, actor, deps);
  const attachment = message.attachments.find((candidate) => candidate.attachmentId === attachmentId);
  if (!attachment?.key || !message.raw || !deps.mail)
    throw new NotFoundError(`message ${inboundId} has no stored attachment ${attachmentId}`);
  return {
    content: await deps.mail.read(message.raw.bucket, attachment.key),
    contentType: attachment.contentType,
    filename: attachment.filename,
  };
}

/** The message exactly as it arrived (for one that could not be read, or to check a header). */
export async function readRawMessage(
  inboundId: string,
  actor: Actor,
  deps: ApiDependencies,
): Promise<Uint8Array> {
  const message = await receivedMessage(inboundId, actor, deps);
  if (!message.raw || !deps.mail) throw new NotFoundError(`message ${inboundId} has no raw form`);
  return deps.mail.read(message.raw.bucket, message.raw.key);
}

/**
 * A rep's answer on the channel the customer wrote on, through the normal send (preferences, quiet hours,
 * claims), in the same conversation; the message is then done in the Inbox.
 */
export async function replyToInbound(
  inboundId: string,
  request: { subject?: string; content: string },
  actor: Actor,
  deps: ApiDependencies,
  options: { idempotencyKey?: string; sendsPerMinute: number },
): Promise<SendOutcome> {
  requireRole(actor, 'agent', 'replying to a customer');
  const { message, entry } = await getInbound(inboundId, actor, deps);
  const communication = message.communicationId
    ? await deps.communications.get(message.communicationId)
    : undefined;
  if (!communication)
    throw new ConflictError('place the message with a customer before replying (it is unmatched)');
  const subject =
    message.channel === 'Email'
      ? (request.subject ??
        (/^re:/i.test(message.subject ?? '') ? message.subject : `Re: ${message.subject ?? ''}`.trim()))
      : undefined;
  const outcome = await sendMessage(
    {
      channel: message.channel,
      customerId: communication.customerId,
      ...(communication.vehicleId ? { vehicleId: communication.vehicleId } : {}),
      category: 'transactional',
      ...(subject ? { subject: subject.slice(0, 200) } : {}),
      content: request.content,
    },
    actor,
    deps,
    {
      ...options,
      thread: {
        repliesTo: communication.communicationId,
        threadId: communication.threadId ?? communication.communicationId,
        ...(message.messageId ? { answersMessageId: message.messageId } : {}),
      },
    },
  );
  if (entry && entry.state !== 'done') {
    const done = changeInboxEntry(entry, { action: 'done' }, actor.id, deps.clock.now());
    if (done) await inboxOf(deps).saveInboxEntry(done);
  }
  return outcome;
}
