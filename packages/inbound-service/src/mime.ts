import { CONTROL_CHARACTER, capText, INBOUND_LIMITS, messageIdsIn } from '@import-comms/core';
import { type AddressObject, simpleParser } from 'mailparser';
import sanitizeHtml from 'sanitize-html';
import type { ParsedEmailWithFiles } from './app/receive.js';

const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : [])
    .flatMap((object) => object.value)
    .map((address) => address.address?.toLowerCase())
    .filter((address): address is string => Boolean(address));

/**
 * HTML a rep may look at: text, links and layout kept; scripts, styles, forms, frames and remote images
 * removed (a remote image tells the sender the mail was opened). Shown in a sandboxed frame besides.
 */
export function sanitiseEmailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== 'img'),
    allowedAttributes: { a: ['href', 'title'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
    allowedSchemes: ['https', 'http', 'mailto', 'tel'],
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }) },
  });
}

const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, 'g');

/** A subject is one line: folded headers and stray control characters become spaces. */
const withoutControlCharacters = (text: string) => text.replace(CONTROL_CHARACTERS, ' ');

/**
 * Reads a raw email (RFC 5322 / MIME) with mailparser. A message it cannot read whole is returned with
 * `malformed` set and whatever could be read, never thrown: a rep looks at it instead of a queue retrying it.
 */
export async function parseEmail(
  raw: Uint8Array,
  envelopeRecipients: string[],
): Promise<ParsedEmailWithFiles> {
  try {
    const mail = await simpleParser(Buffer.from(raw), {
      skipImageLinks: true,
      maxHtmlLengthToParse: 2_000_000,
    });
    const headers: Record<string, string> = {};
    for (const line of mail.headerLines) {
      const value = line.line.slice(line.line.indexOf(':') + 1).trim();
      headers[line.key] = headers[line.key] ? `${headers[line.key]}, ${value}` : value;
    }
    // The parser reads anything; bytes with no header at all are not mail (a broken relay, a wrong upload).
    const malformed =
      mail.headers.size === 0 ? 'it has no mail headers (not an RFC 5322 message)' : undefined;
    const html = typeof mail.html === 'string' ? mail.html : undefined;
    const text = mail.text ?? (html ? sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }) : '');
    const from = mail.from?.value[0];
    const references = Array.isArray(mail.references)
      ? mail.references
      : messageIdsIn(mail.references ?? undefined);
    const files = mail.attachments.map((attachment) => ({
      filename: (attachment.filename ?? 'attachment').slice(0, 200),
      contentType: attachment.contentType,
      size: attachment.size,
      content: attachment.content,
    }));
    return {
      ...(mail.messageId ? { messageId: mail.messageId.replace(/^<|>$/g, '') } : {}),
      ...(from?.address
        ? { from: { address: from.address.toLowerCase(), ...(from.name ? { name: from.name } : {}) } }
        : {}),
      recipients: [
        ...new Set([
          ...addresses(mail.to),
          ...addresses(mail.cc),
          ...envelopeRecipients.map((r) => r.toLowerCase()),
        ]),
      ],
      subject: withoutControlCharacters(mail.subject ?? '').slice(0, 998),
      text: capText(text, INBOUND_LIMITS.textCharacters),
      ...(html ? { html: capText(sanitiseEmailHtml(html), INBOUND_LIMITS.htmlCharacters) } : {}),
      ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
      references: references.map((id) => id.replace(/^<|>$/g, '')),
      headers,
      attachments: files.map(({ content: _content, ...info }) => info),
      files,
      ...(malformed ? { malformed } : {}),
    };
  } catch (error) {
    return {
      recipients: envelopeRecipients.map((recipient) => recipient.toLowerCase()),
      subject: '',
      text: '',
      references: [],
      headers: {},
      attachments: [],
      files: [],
      malformed: `the message could not be read: ${(error as Error).message}`.slice(0, 500),
    };
  }
}
