import fc from 'fast-check';
import { SegmentedMessage } from 'sms-segments-calculator';
import { smsInfo } from '../../src/index.js';

describe('smsInfo', () => {
  it('counts a short plain message as one GSM-7 segment', () => {
    expect(smsInfo('Your Land Cruiser has shipped')).toEqual({
      encoding: 'GSM-7',
      segments: 1,
      charactersLeft: 160 - 29,
      nonGsmCharacters: [],
      warnings: [],
    });
  });

  it('counts GSM-7 extension characters such as € twice', () => {
    expect(smsInfo('€10').charactersLeft).toBe(160 - 4);
  });

  it('switches to UCS-2 for Chinese text and names the characters that force it', () => {
    const info = smsInfo('您的车辆已清关');

    expect(info).toMatchObject({ encoding: 'UCS-2', segments: 1, charactersLeft: 70 - 7 });
    expect(info.nonGsmCharacters).toContain('清');
  });

  it('splits long messages into 153-character segments', () => {
    const info = smsInfo('a'.repeat(161));

    expect(info).toEqual({
      encoding: 'GSM-7',
      segments: 2,
      charactersLeft: 306 - 161,
      nonGsmCharacters: [],
      warnings: [],
    });
  });

  it('warns about the curly quote that turns a cheap message into UCS-2', () => {
    expect(smsInfo('It’s ready')).toMatchObject({
      encoding: 'UCS-2',
      nonGsmCharacters: ['’'],
      warnings: ['’ forces UCS-2 (70 characters a segment): plain quotes and dashes keep GSM-7 (160)'],
    });
  });

  it('warns above 3 segments', () => {
    expect(smsInfo('a'.repeat(153 * 3 + 1)).warnings).toEqual([
      '4 segments: each is billed as one SMS and some phones show them out of order',
    ]);
    expect(smsInfo('a'.repeat(153 * 3)).warnings).toEqual([]);
  });
});

describe('smsInfo against an independent segment calculator', () => {
  // A character from every class that decides encoding and size: GSM basic, GSM extension (two septets),
  // characters that force UCS-2, and astral ones (surrogate pairs, never split).
  const alphabet = [
    'a',
    'Z',
    '0',
    ' ',
    '\n',
    '\r',
    '@',
    'é',
    'Ø',
    '€',
    '^',
    '{',
    '|',
    '’',
    '–',
    '清',
    'ж',
    '😀',
    '🚗',
  ];

  it('gives the same encoding, segments, characters left and non-GSM characters for any mix', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 700 }), (characters) => {
        const text = characters.join('');
        const reference = new SegmentedMessage(text);
        const info = smsInfo(text);
        const bits = reference.encodingName === 'GSM-7' ? 7 : 16;
        const capacity =
          reference.segmentsCount === 1
            ? bits === 7
              ? 160
              : 70
            : reference.segmentsCount * (bits === 7 ? 153 : 67);

        expect(info.encoding).toBe(reference.encodingName);
        expect(info.segments).toBe(Math.max(1, reference.segmentsCount));
        expect(info.charactersLeft).toBe(Math.max(0, capacity - Math.ceil(reference.messageSize / bits)));
        expect(info.nonGsmCharacters).toEqual([...new Set(reference.getNonGsmCharacters())]);
      }),
      { numRuns: 150 },
    );
  });

  it('counts a 200,000-character message (a preview of a runaway template) in one pass', () => {
    const long = 'a€清'.repeat(66_667);

    const info = smsInfo(long);

    expect(info.encoding).toBe('UCS-2');
    expect(info.segments).toBe(Math.ceil(long.length / 67));
  });
});
