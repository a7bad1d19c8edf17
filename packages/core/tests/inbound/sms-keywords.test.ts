import { DEFAULT_PREFERENCES, preferencesAfterKeyword, smsKeywordOf } from '../../src/index.js';

describe('SMS keywords', () => {
  it.each([
    ['STOP', 'opt-out'],
    ['stop', 'opt-out'],
    [' Stop. ', 'opt-out'],
    ['UNSUBSCRIBE', 'opt-out'],
    ['opt-out', 'opt-out'],
    ['ARRET', 'opt-out'],
    ['TD', 'opt-out'],
    ['Ｓｔｏｐ', 'opt-out'],
    ['START', 'opt-in'],
    ['unstop', 'opt-in'],
    ['help!', 'help'],
  ])('%j is %s', (body, keyword) => expect(smsKeywordOf(body)).toBe(keyword));

  it.each(['stop sending to my old address', 'Please STOP', 'starting', 'helpful', ''])(
    '%j is a message, not a keyword',
    (body) => expect(smsKeywordOf(body)).toBeUndefined(),
  );

  it('STOP opts the customer out of SMS once; START opts back in and accepts SMS again', () => {
    const stopped = preferencesAfterKeyword(DEFAULT_PREFERENCES, 'opt-out');
    expect(stopped?.optedOutChannels).toEqual(['SMS']);
    expect(stopped && preferencesAfterKeyword(stopped, 'opt-out')).toBeUndefined();
    const noSmsChannel = {
      ...DEFAULT_PREFERENCES,
      channels: ['Email' as const],
      channelOrder: ['Email' as const],
    };
    const started = preferencesAfterKeyword({ ...noSmsChannel, optedOutChannels: ['SMS'] }, 'opt-in');
    expect(started?.optedOutChannels).toBeUndefined();
    expect(started?.channels).toEqual(['Email', 'SMS']);
    expect(preferencesAfterKeyword(DEFAULT_PREFERENCES, 'opt-in')).toBeUndefined();
  });
});
