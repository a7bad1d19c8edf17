import { DEFAULT_PREFERENCES } from '@import-comms/core';
import { preferencesSchema } from '../src/schemas/customers.js';

describe('preferencesSchema', () => {
  it('accepts the defaults', () => {
    expect(preferencesSchema.parse(DEFAULT_PREFERENCES)).toEqual(DEFAULT_PREFERENCES);
  });

  it('rejects malformed quiet hours and duplicate channels with field paths', () => {
    const result = preferencesSchema.safeParse({
      ...DEFAULT_PREFERENCES,
      channels: ['Email', 'Email'],
      quietHours: { start: '9pm', end: '25:00', channels: [] },
    });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual([
      'channels',
      'quietHours.channels',
      'quietHours.end',
      'quietHours.start',
    ]);
  });

  it('refuses a channel opted out of twice, an unknown field and a start equal to the end', () => {
    const twice = preferencesSchema.safeParse({ ...DEFAULT_PREFERENCES, optedOutChannels: ['SMS', 'SMS'] });
    expect(twice.error?.issues).toEqual([
      expect.objectContaining({ path: ['optedOutChannels'], message: 'each channel at most once' }),
    ]);
    expect(preferencesSchema.safeParse({ ...DEFAULT_PREFERENCES, vip: true }).success).toBe(false);
    const still = preferencesSchema.safeParse({
      ...DEFAULT_PREFERENCES,
      quietHours: { start: '21:00', end: '21:00', channels: ['SMS'] },
    });
    expect(still.error?.issues).toEqual([
      expect.objectContaining({ path: ['quietHours', 'end'], message: 'start and end must differ' }),
    ]);
  });
});
