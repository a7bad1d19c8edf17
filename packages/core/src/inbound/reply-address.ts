import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Reply addresses that name the message they answer: `reply+<token>@<reply domain>`, where the token is the
 * communication's id and a MAC of it under the reply secret. A customer's mail program keeps the address, so a
 * reply threads to its message even when the headers are lost; nobody can forge one for another message.
 * Base32 (lower case): mail systems may change the case of a local part, and 42 characters fit its 64.
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const MAC_BYTES = 10;
const ID_BYTES = 16;

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer | undefined {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of text) {
    const index = ALPHABET.indexOf(char);
    if (index === -1) return undefined;
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  // Only the canonical spelling: the last character's unused bits must be zero, so no two tokens name one id.
  if ((value & ((1 << bits) - 1)) !== 0) return undefined;
  return Buffer.from(out);
}

function mac(id: Buffer, secret: string): Buffer {
  return createHmac('sha256', secret).update(id).digest().subarray(0, MAC_BYTES);
}

/** Communication ids are 32 hex digits (random or a digest); anything else has no reply address. */
const COMMUNICATION_ID = /^[0-9a-f]{32}$/;

export function replyTokenFor(communicationId: string, secret: string): string | undefined {
  if (!COMMUNICATION_ID.test(communicationId)) return undefined;
  const id = Buffer.from(communicationId, 'hex');
  return base32(Buffer.concat([id, mac(id, secret)]));
}

/** The address a message's replies go to, or undefined for an id that cannot carry one. */
export function replyAddressFor(communicationId: string, secret: string, domain: string): string | undefined {
  const token = replyTokenFor(communicationId, secret);
  return token ? `reply+${token}@${domain}` : undefined;
}

/**
 * The communication a reply address names, when its MAC is right under `secret` and its domain is `domain`;
 * undefined for any other address (a customer's own, a forged or damaged token).
 */
export function communicationOfReplyAddress(
  address: string,
  secret: string,
  domain: string,
): string | undefined {
  const match = /^reply\+([a-z2-7]+)@(.+)$/i.exec(address.trim());
  if (!match?.[1] || match[2]?.toLowerCase() !== domain.toLowerCase()) return undefined;
  const bytes = fromBase32(match[1].toLowerCase());
  if (!bytes || bytes.length !== ID_BYTES + MAC_BYTES) return undefined;
  const id = bytes.subarray(0, ID_BYTES);
  const expected = mac(id, secret);
  if (!timingSafeEqual(expected, bytes.subarray(ID_BYTES))) return undefined;
  return id.toString('hex');
}
