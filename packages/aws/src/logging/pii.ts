/**
 * Masks personal data in log output: customers' email addresses and phone numbers must never reach the logs
 * in clear, whether logged under a telling key (`email`, `to`) or buried in a message or an error.
 */
const SENSITIVE_KEYS =
  /^(e-?mail|emailAddress|phone|phoneNumber|mobile|address|to|from|destination|recipient)s?$/i;
const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;
/** E.164, the form the system stores numbers in; other digit runs (timestamps, amounts) are left alone. */
const PHONE = /\+[1-9]\d{4,12}(\d{2})\b/g;

export function maskEmail(value: string): string {
  return value.replace(EMAIL, (_match, first: string, domain: string) => `${first}***@${domain}`);
}

export function maskPhone(value: string): string {
  return value.replace(PHONE, (_match, lastTwo: string) => `***${lastTwo}`);
}

/** Masks email addresses and phone numbers anywhere in a string. */
export function maskText(value: string): string {
  return maskPhone(maskEmail(value));
}

/** A JSON replacer (`JSON.stringify(value, maskPii)`) that masks sensitive fields and any PII inside strings. */
export function maskPii(key: string, value: unknown): unknown {
  if (typeof value === 'string') {
    return SENSITIVE_KEYS.test(key) ? maskSensitiveValue(value) : maskText(value);
  }
  if (Array.isArray(value) && SENSITIVE_KEYS.test(key)) {
    return value.map((item) => (typeof item === 'string' ? maskSensitiveValue(item) : item));
  }
  return value;
}

function maskSensitiveValue(value: string): string {
  const masked = maskText(value);
  // A sensitive field whose value matched no pattern (a street address, a malformed number) is hidden whole.
  return masked === value ? '***' : masked;
}
