import type { InboundSms, SesReceived } from '@import-comms/aws';
import {
  answeredMessageIds,
  attachmentRefusal,
  type Clock,
  type Communication,
  type CommunicationRepository,
  type CustomerRepository,
  communicationOfReplyAddress,
  type InboundKind,
  type InboundMatch,
  type InboundMessage,
  type InboundStore,
  inboundCommunication,
  inboundIdFor,
  kindOfEmail,
  latestContact,
  newInboxEntry,
  type ParsedEmail,
  readableText,
  recordSmsConsent,
  replyTextOf,
  type StoredAttachment,
  smsKeywordOf,
} from '@import-comms/core';

export interface ParsedEmailWithFiles extends ParsedEmail {
  files: { filename: string; contentType: string; size: number; content: Uint8Array }[];
}

export interface InboundDependencies {
  inbound: InboundStore;
  communications: CommunicationRepository;
  customers: CustomerRepository;
  clock: Clock;
  /** The bucket SES receiving writes raw messages to; attachments are kept beside them. */
  mail: {
    read(bucket: string, key: string): Promise<Uint8Array>;
    write(bucket: string, key: string, content: Uint8Array, contentType: string): Promise<void>;
  };
  parseEmail(raw: Uint8Array, envelopeRecipients: string[]): Promise<ParsedEmailWithFiles>;
  /** Reply addresses' domain and signing key; absent, replies are matched by headers and sender only. */
  replies?: { domain: string; secret: () => Promise<string> };
  /** `Customer Message Received` for other teams. */
  publish?: (
    communication: Communication,
    kind: Exclude<InboundKind, 'auto-reply' | 'bounce'>,
  ) => Promise<void>;
}

export type InboundOutcome = {
  inboundId: string;
  channel: 'Email' | 'SMS';
  kind: InboundKind;
  matchedBy?: InboundMatch['by'];
  duplicate: boolean;
  malformed?: boolean;
};

/** Where a message belongs, and the message of ours it answers when one was read to find that out. */
interface Placement {
  match: InboundMatch;
  answered?: Communication;
}

/** A sent message of ours → where a reply to it belongs: its customer, vehicle and conversation. */
function placementOf(answered: Communication, by: InboundMatch['by']): Placement {
  const match: InboundMatch = {
    customerId: answered.customerId,
    ...(answered.customerName ? { customerName: answered.customerName } : {}),
    ...(answered.vehicleId ? { vehicleId: answered.vehicleId } : {}),
    ...(answered.vehicleLabel ? { vehicleLabel: answered.vehicleLabel } : {}),
    repliesTo: answered.communicationId,
    threadId: answered.threadId ?? answered.communicationId,
    by,
  };
  return { match, answered };
}

const nameOf = (contact: { firstName: string; lastName: string }) =>
  `${contact.firstName} ${contact.lastName}`.trim();

/**
 * The customer whose address or number this is, when exactly one has it (two customers sharing an address is
 * a question for a rep, not a guess).
 */
async function customerByAddress(
  address: string,
  channel: 'Email' | 'SMS',
  customers: CustomerRepository,
): Promise<{ customerId: string; customerName: string } | undefined> {
  const found = await customers.searchCustomers(address, 5);
  const same = found.filter((contact) =>
    channel === 'Email'
      ? contact.email?.toLowerCase() === address.toLowerCase()
      : contact.phone?.replace(/[^\d+]/g, '') === address,
  );
  const [only] = same;
  return same.length === 1 && only ? { customerId: only.customerId, customerName: nameOf(only) } : undefined;
}

/** Reply address, then the headers naming the messages it answers, then the sender's address. */
async function matchEmail(email: ParsedEmail, deps: InboundDependencies): Promise<Placement | undefined> {
  if (deps.replies) {
    const secret = await deps.replies.secret();
    for (const recipient of email.recipients) {
      const id = communicationOfReplyAddress(recipient, secret, deps.replies.domain);
      const answered = id ? await deps.communications.get(id) : undefined;
      if (answered) return placementOf(answered, 'reply-address');
    }
  }
  for (const messageId of answeredMessageIds(email)) {
    // A message of ours (SES names it after its id), or an earlier message of the customer's in the thread.
    const ours = await deps.communications.findByProviderMessageId(messageId.split('@')[0] ?? messageId);
    const theirs = ours ? undefined : await deps.inbound.get(inboundIdFor('Email', messageId));
    const answeredId = ours?.communicationId ?? theirs?.communicationId;
    const answered = answeredId ? await deps.communications.get(answeredId) : undefined;
    if (answered) return placementOf(answered, 'in-reply-to');
  }
  if (email.from) {
    const customer = await customerByAddress(email.from.address, 'Email', deps.customers);
    if (customer) return { match: { ...customer, by: 'sender' } };
  }
  return undefined;
}

/** The message AWS says it answers, else the customer with that number and their latest text from us. */
async function matchSms(sms: InboundSms, deps: InboundDependencies): Promise<Placement | undefined> {
  if (sms.previousPublishedMessageId) {
    const ours = await deps.communications.findByProviderMessageId(sms.previousPublishedMessageId);
    const answered = ours ? await deps.communications.get(ours.communicationId) : undefined;
    if (answered?.address === sms.originationNumber) return placementOf(answered, 'phone');
  }
  const customer = await customerByAddress(sms.originationNumber, 'SMS', deps.customers);
  if (!customer) return undefined;
  const recent = await deps.communications.list({ customerId: customer.customerId, type: 'SMS', limit: 10 });
  const lastSent = recent.items.find((item) => item.direction === 'outbound' && item.sentAt);
  const answered = lastSent ? await deps.communications.get(lastSent.communicationId) : undefined;
  return answered ? placementOf(answered, 'phone') : { match: { ...customer, by: 'phone' } };
}

/** The rep who wrote the message answered, else the rep last in touch with the customer; else the team. */
async function responsibleRep(
  { match, answered: known }: Placement,
  deps: InboundDependencies,
): Promise<string | undefined> {
  // The message answered was read to place the reply; only a redelivery (placed before) reads it again.
  const answered = known ?? (match.repliesTo ? await deps.communications.get(match.repliesTo) : undefined);
  if (answered && !answered.createdBy.includes(':')) return answered.createdBy;
  const timeline = await deps.communications.list({ customerId: match.customerId, limit: 25 });
  return latestContact(timeline.items).rep;
}

/**
 * Stores the message first, then ties it to its customer and conversation, puts it on the timeline and in the
 * Inbox, acts on an SMS keyword and tells other teams — each step idempotent, so a redelivery completes what a
 * crash left undone and changes nothing that was done.
 */
async function deliver(
  message: InboundMessage,
  deps: InboundDependencies,
  findPlacement: () => Promise<Placement | undefined>,
): Promise<InboundOutcome> {
  const { created, message: stored } = await deps.inbound.save(message);
  const outcome: InboundOutcome = {
    inboundId: stored.inboundId,
    channel: stored.channel,
    kind: stored.kind,
    duplicate: !created,
    ...(stored.malformed ? { malformed: true } : {}),
  };
  // Automatic answers and bounces are kept but are not the customer writing: no timeline entry, no Inbox.
  if (stored.kind === 'auto-reply' || stored.kind === 'bounce') return outcome;
  const placement: Placement | undefined = stored.match
    ? { match: stored.match }
    : stored.malformed
      ? undefined
      : await findPlacement();
  if (!placement) {
    await deps.inbound.addToInbox(newInboxEntry(stored, undefined));
    return outcome;
  }
  const { match } = placement;
  const communication = inboundCommunication(stored, match, deps.clock.now());
  await deps.communications.create(communication);
  await deps.inbound.recordMatch(stored.inboundId, match, communication.communicationId);
  if (stored.kind === 'opt-out' || stored.kind === 'opt-in')
    await recordSmsConsent(deps.customers, match.customerId, stored.kind, deps.clock.now());
  outcome.matchedBy = match.by;
  const placed = { ...stored, match, communicationId: communication.communicationId };
  await deps.inbound.addToInbox(newInboxEntry(placed, await responsibleRep(placement, deps)));
  // The entry as built is the one stored (same id, same fields): no read back before telling other teams.
  await deps.publish?.(communication, stored.kind);
  return outcome;
}

/** A received email: read from the bucket SES wrote it to, parsed, its attachments kept, then delivered. */
export async function receiveEmail(
  notification: SesReceived,
  deps: InboundDependencies,
): Promise<InboundOutcome> {
  const { bucketName, objectKey } = notification.receipt.action;
  const raw = await deps.mail.read(bucketName, objectKey);
  const email = await deps.parseEmail(raw, notification.receipt.recipients);
  const inboundId = inboundIdFor('Email', email.messageId ?? notification.mail.messageId);
  const virusFound = notification.receipt.virusVerdict?.status === 'FAIL';
  const attachments: StoredAttachment[] = [];
  for (const [index, file] of email.files.entries()) {
    const attachmentId = String(index + 1);
    const refused = virusFound ? 'a virus was found in the message' : attachmentRefusal(file, index);
    const info = { attachmentId, filename: file.filename, contentType: file.contentType, size: file.size };
    if (refused) {
      attachments.push({ ...info, refused });
      continue;
    }
    const key = `attachments/${inboundId}/${attachmentId}`;
    await deps.mail.write(bucketName, key, file.content, file.contentType);
    attachments.push({ ...info, key });
  }
  const kind = email.malformed ? 'reply' : kindOfEmail(email);
  const fallbackFrom = notification.mail.commonHeaders?.from?.[0] ?? notification.mail.source;
  const message: InboundMessage = {
    inboundId,
    channel: 'Email',
    receivedAt: deps.clock.now().toISOString(),
    from: email.from?.address ?? fallbackFrom.slice(0, 320),
    ...(email.from?.name ? { fromName: email.from.name.slice(0, 200) } : {}),
    to: notification.receipt.recipients[0] ?? '',
    ...(email.subject || notification.mail.commonHeaders?.subject
      ? { subject: (email.subject || notification.mail.commonHeaders?.subject || '').slice(0, 998) }
      : {}),
    text: readableText(email.text),
    reply: email.malformed
      ? '(this message could not be read: open the raw message)'
      : replyTextOf(readableText(email.text)),
    ...(email.html ? { html: email.html } : {}),
    attachments,
    kind,
    ...(email.malformed ? { malformed: email.malformed } : {}),
    raw: { bucket: bucketName, key: objectKey },
    ...(email.messageId ? { messageId: email.messageId } : {}),
  };
  return deliver(message, deps, () => matchEmail(email, deps));
}

/** A received SMS: a keyword acted on, or the customer's words on their timeline. */
export async function receiveSms(sms: InboundSms, deps: InboundDependencies): Promise<InboundOutcome> {
  const keyword = smsKeywordOf(sms.messageBody);
  const message: InboundMessage = {
    inboundId: inboundIdFor('SMS', sms.inboundMessageId),
    channel: 'SMS',
    receivedAt: deps.clock.now().toISOString(),
    from: sms.originationNumber,
    to: sms.destinationNumber,
    text: readableText(sms.messageBody),
    reply: readableText(sms.messageBody).trim(),
    attachments: [],
    kind: keyword ?? 'reply',
  };
  return deliver(message, deps, () => matchSms(sms, deps));
}
