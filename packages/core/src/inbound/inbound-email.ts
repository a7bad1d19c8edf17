import { extractFrom } from 'planer';

/** An email as the parser read it: what matching, threading and the timeline need, nothing of MIME. */
export interface ParsedEmail {
  /** The Message-ID header without its angle brackets. */
  messageId?: string;
  from?: { address: string; name?: string };
  /** Every address it was delivered to (To, Cc and the envelope's recipients). */
  recipients: string[];
  subject: string;
  text: string;
  html?: string;
  inReplyTo?: string;
  references: string[];
  /** Header names in lower case → value, for the auto-reply rules. */
  headers: Record<string, string>;
  attachments: AttachmentInfo[];
  /** Why the MIME could not be read whole: what was read is kept and a rep is asked to look. */
  malformed?: string;
}

export interface AttachmentInfo {
  filename: string;
  contentType: string;
  size: number;
}

export type EmailKind = 'reply' | 'auto-reply' | 'bounce';

const AUTO_PRECEDENCE = new Set(['auto_reply', 'bulk', 'junk', 'list']);
const AUTO_SUBJECT =
  /^\s*(auto(matic)?[ -]?reply|auto(matic)? response|out of (the )?office|abwesenheitsnotiz|réponse automatique)\b/i;
const SYSTEM_SENDER = /^(mailer-daemon|postmaster)@/i;

/**
 * Whether an email is a customer's own words, an automatic answer (RFC 3834 `Auto-Submitted`, the
 * `X-Autoreply` family, `Precedence`, an out-of-office subject) or a bounce (a delivery status notification,
 * RFC 3464, or a mailer daemon's message). Only replies count as the customer answering.
 */
export function kindOfEmail(email: Pick<ParsedEmail, 'headers' | 'subject' | 'from'>): EmailKind {
  const header = (name: string) => email.headers[name]?.trim().toLowerCase();
  const contentType = header('content-type') ?? '';
  if (
    (contentType.startsWith('multipart/report') && contentType.includes('delivery-status')) ||
    SYSTEM_SENDER.test(email.from?.address ?? '')
  ) {
    return 'bounce';
  }
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') return 'auto-reply';
  if (['x-autoreply', 'x-autorespond', 'x-autoresponse'].some((name) => header(name) !== undefined))
    return 'auto-reply';
  if (AUTO_PRECEDENCE.has(header('precedence') ?? '')) return 'auto-reply';
  if (AUTO_SUBJECT.test(email.subject)) return 'auto-reply';
  return 'reply';
}

const SIGNATURE_START = [
  /^-- ?$/, // the standard separator (RFC 3676)
  /^_{5,}$/,
  /^(sent from my|get outlook for|sent from (mail|yahoo mail) for)\b/i,
];

/**
 * What the customer wrote this time: the quoted history below it removed (Mailgun's rules, as the `planer`
 * library implements them), then the signature. When nothing would be left, the whole text is kept.
 */
export function replyTextOf(text: string): string {
  const normalised = text.replace(/\r\n?/g, '\n');
  const unquoted = extractFrom(normalised, 'text/plain');
  const lines = unquoted.split('\n');
  const signature = lines.findIndex((line) => SIGNATURE_START.some((pattern) => pattern.test(line.trim())));
  const kept = (signature === -1 ? lines : lines.slice(0, signature)).join('\n').trim();
  return kept || normalised.trim();
}

/** `<a@b>` → `a@b`; a list of them (References) → each. */
export function messageIdsIn(header: string | undefined): string[] {
  if (!header) return [];
  const ids = [...header.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1] as string);
  return ids.length > 0 ? ids : header.split(/\s+/).filter((id) => id.includes('@'));
}

/**
 * The messages an email answers, nearest first: In-Reply-To, then References from the latest back. SES names a
 * sent message `<id@…amazonses.com>`, so the part before `@` is the provider id a sent email is found by.
 */
export function answeredMessageIds(email: Pick<ParsedEmail, 'inReplyTo' | 'references'>): string[] {
  const ids = [...messageIdsIn(email.inReplyTo), ...[...email.references].reverse()];
  return [...new Set(ids)].slice(0, 20);
}
