import { answeredMessageIds, kindOfEmail, replyTextOf } from '../../src/index.js';

describe('what a customer wrote this time', () => {
  it('cuts the quoted history and the signature', () => {
    const text = [
      'Thanks, Tuesday works.',
      'Can you send the invoice again?',
      '',
      '-- ',
      'Aiko Tanaka',
      '',
      'On Mon, 30 Nov 2026 at 10:00, Harbourline Vehicle Imports <care@harbourline.example> wrote:',
      '> Your vehicle has shipped.',
    ].join('\r\n');
    expect(replyTextOf(text)).toBe('Thanks, Tuesday works.\nCan you send the invoice again?');
  });

  it('cuts Outlook’s original-message block and a phone’s sign-off', () => {
    expect(
      replyTextOf('Got it\n\nSent from my iPhone\n\n-----Original Message-----\nFrom: Harbourline\nold'),
    ).toBe('Got it');
  });

  it('keeps the whole text when nothing would be left', () => {
    expect(replyTextOf('> only a quote')).toBe('> only a quote');
  });
});

describe('automatic answers and bounces', () => {
  const email = (
    headers: Record<string, string>,
    subject = 'Re: your vehicle',
    from = 'aiko@example.com',
  ) => ({
    headers,
    subject,
    from: { address: from },
  });

  it('recognises RFC 3834, the X-Autoreply family, Precedence and out-of-office subjects', () => {
    expect(kindOfEmail(email({ 'auto-submitted': 'auto-replied' }))).toBe('auto-reply');
    expect(kindOfEmail(email({ 'auto-submitted': 'no' }))).toBe('reply');
    expect(kindOfEmail(email({ 'x-autoreply': 'yes' }))).toBe('auto-reply');
    expect(kindOfEmail(email({ precedence: 'bulk' }))).toBe('auto-reply');
    expect(kindOfEmail(email({}, 'Out of Office: back Monday'))).toBe('auto-reply');
    expect(kindOfEmail(email({}, 'Automatic reply: Your vehicle'))).toBe('auto-reply');
    expect(kindOfEmail(email({}, 'Re: out of office hours delivery?'))).toBe('reply');
  });

  it('recognises delivery status notifications and mailer daemons', () => {
    expect(
      kindOfEmail(email({ 'content-type': 'multipart/report; report-type=delivery-status; boundary="x"' })),
    ).toBe('bounce');
    expect(kindOfEmail(email({}, 'Undelivered Mail', 'MAILER-DAEMON@mx.example.com'))).toBe('bounce');
  });
});

describe('the messages an email answers', () => {
  it('are In-Reply-To first, then References from the latest back, each once', () => {
    expect(
      answeredMessageIds({
        inReplyTo: '<b@email.amazonses.com>',
        references: ['a@email.amazonses.com', 'b@email.amazonses.com'],
      }),
    ).toEqual(['b@email.amazonses.com', 'a@email.amazonses.com']);
  });
});
