import fc from 'fast-check';
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
    fc.assert(
      fc.property(
        fc.nat({ max: token.length - 1 }),
        fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz234567'),
        (at, char) => {
          fc.pre(token[at] !== char);
          const forged = `reply+${token.slice(0, at)}${char}${token.slice(at + 1)}@${DOMAIN}`;
          return communicationOfReplyAddress(forged, SECRET, DOMAIN) === undefined;
        },
      ),
    );
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
