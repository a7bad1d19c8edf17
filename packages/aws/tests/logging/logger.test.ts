import { createLogger, maskPii, maskText } from '../../src/index.js';

describe('maskText', () => {
  it.each([
    ['an email address', 'sent to aiko.tanaka@example.com today', 'sent to a***@example.com today'],
    ['an E.164 number', 'SMS to +61412345678 failed', 'SMS to ***78 failed'],
    ['several of them', 'a@b.co and +14155550123', 'a***@b.co and ***23'],
  ])('masks %s inside text', (_label, input, expected) => {
    expect(maskText(input)).toBe(expected);
  });

  it('leaves timestamps, amounts and ids alone', () => {
    const text = 'at 2026-11-25T01:00:00+11:00 paid 18450.50 for VH-1001 (event 1234567890)';

    expect(maskText(text)).toBe(text);
  });
});

describe('maskPii', () => {
  it('hides sensitive fields whole when no pattern matched', () => {
    expect(maskPii('address', '12 Harbour St, Melbourne')).toBe('***');
    expect(maskPii('to', ['aiko@example.com'])).toEqual(['a***@example.com']);
    expect(maskPii('customerId', 'CU-1')).toBe('CU-1');
  });
});

describe('createLogger', () => {
  it('writes JSON lines with personal data masked, in nested fields and error messages', () => {
    // Prepare
    const lines: string[] = [];
    const capture = (chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    };
    // Powertools writes INFO to stdout and ERROR to stderr, as Lambda expects.
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
    const logger = createLogger({ serviceName: 'email-dispatcher', logLevel: 'INFO' });

    // Act
    logger.info('sending', {
      communicationId: 'c1',
      recipient: { email: 'aiko@example.com', phone: '+61412345678' },
    });
    logger.error('provider rejected', new Error('Address aiko@example.com is on the suppression list'));
    stdout.mockRestore();
    stderr.mockRestore();

    // Assess
    const output = lines.join('');
    expect(output).not.toContain('aiko@example.com');
    expect(output).not.toContain('+61412345678');
    const [info, error] = lines.map((line) => JSON.parse(line));
    expect(info).toMatchObject({
      level: 'INFO',
      service: 'email-dispatcher',
      message: 'sending',
      communicationId: 'c1',
      recipient: { email: 'a***@example.com', phone: '***78' },
    });
    expect(error.error.message).toBe('Address a***@example.com is on the suppression list');
  });
});
