import { resolveLocale } from '../../src/index.js';

describe('resolveLocale', () => {
  it.each([
    ['the exact locale', ['en', 'zh-Hans'], 'zh-Hans', 'zh-Hans'],
    ['the base language of a regional variant', ['en', 'zh'], 'zh-Hans-CN', 'zh'],
    ['case-insensitively', ['en', 'zh-Hans'], 'ZH-hans', 'zh-Hans'],
    ['the default when the language is not offered', ['en', 'zh'], 'fr-CA', 'en'],
    ['the default when the customer has no language', ['en', 'zh'], undefined, 'en'],
  ])('picks %s', (_label, available, language, expected) => {
    expect(resolveLocale(available, language, 'en')).toBe(expected);
  });
});
