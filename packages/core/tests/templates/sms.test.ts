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
