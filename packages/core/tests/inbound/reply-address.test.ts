import { communicationOfReplyAddress, manualCommunicationId, replyAddressFor } from '../../src/index.js';

const SECRET = 'test-secret';
const DOMAIN = 'reply.harbourline.example';

describe('reply addresses', () => {
  it('name the message they belong to, and only under the same secret and domain', () => {
    const id = manualCommunicationId();
    const address = replyAddressFor(id, SECRET, DOMAIN) ?? '';
    expect(address).toMatch(/^reply\+[a-z2-7]{42}@reply\.harbourline\.example$/);
    expect(address.split('@')[0]?.length).toBeLessThanOrEqual(64);
    expect(communicationOfReplyAddress(address, SECRET, DOMAIN)).toBe(id);
    expect(communicationOfReplyAddress(address.toUpperCase(), SECRET, DOMAIN)).toBe(id);
    expect(communicationOfReplyAddress(address, 'another-secret', DOMAIN)).toBeUndefined();
    expect(communicationOfReplyAddress(address, SECRET, 'reply.elsewhere.example')).toBeUndefined();
  });

  it('refuse a token changed anywhere, and addresses that are not reply addresses', () => {
    const id = manualCommunicationId();
    const address = replyAddressFor(id, SECRET, DOMAIN) ?? '';
    const token = address.slice('reply+'.length, address.indexOf('@'));
    // Every position, every other letter: 42 × 31 tokens (the last character's two padding bits count too).
    const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
    const accepted: string[] = [];
    for (let at = 0; at < token.length; at++) {
      for (const char of alphabet) {
        if (token[at] === char) continue;
        const forged = `reply+${token.slice(0, at)}${char}${token.slice(at + 1)}@${DOMAIN}`;
        if (communicationOfReplyAddress(forged, SECRET, DOMAIN) !== undefined) accepted.push(forged);
      }
    }
    expect(accepted).toEqual([]);
    for (const other of [
      'aiko@example.com',
      `reply@${DOMAIN}`,
      `reply+@${DOMAIN}`,
      `reply+${'a'.repeat(500)}@${DOMAIN}`,
      `reply+${token}1@${DOMAIN}`,
    ])
      expect(communicationOfReplyAddress(other, SECRET, DOMAIN)).toBeUndefined();
  });

  it('are not made for ids that cannot carry one', () => {
    expect(replyAddressFor('CU-2001', SECRET, DOMAIN)).toBeUndefined();
  });
});
