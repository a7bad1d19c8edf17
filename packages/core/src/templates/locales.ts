/**
 * The locale to render in: the customer's language if the template has it active, then its base language
 * (`zh-Hans-CN` → `zh-Hans` → `zh`), then the template's default language.
 */
export function resolveLocale(
  available: readonly string[],
  language: string | undefined,
  defaultLocale: string,
): string {
  const lowered = new Map(available.map((locale) => [locale.toLowerCase(), locale]));
  const parts = (language ?? '').split('-').filter(Boolean);
  for (let length = parts.length; length > 0; length--) {
    const match = lowered.get(parts.slice(0, length).join('-').toLowerCase());
    if (match) return match;
  }
  return defaultLocale;
}
