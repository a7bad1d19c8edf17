/**
 * The security headers of every response people's browsers get: one definition, applied by the local app server
 * and by CloudFront's response-headers policy in AWS. Scripts come only from the app's own files (no inline
 * script); inline styles are allowed because the rendered emails the UI shows (sandboxed, in srcdoc frames that
 * inherit this policy) carry them. Nothing may frame the app. The UI talks to its own origin and to the sign-in's
 * (the OpenID provider's discovery, keys and token endpoint: Cognito's in AWS, the runtime's locally).
 */
export const SECURITY_HEADERS = {
  contentSecurityPolicy: (signInOrigins: readonly string[]) =>
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      ["connect-src 'self'", ...signInOrigins].join(' '),
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  frameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
  /** Sent only over TLS (browsers ignore it otherwise): two years, subdomains included. */
  strictTransportSecurity: { maxAgeSeconds: 63_072_000, includeSubdomains: true },
} as const;

/** The headers as name → value, for a server that sets them itself; HSTS only when served over TLS. */
export function securityHeaders(options: {
  tls: boolean;
  signInOrigins: readonly string[];
}): Record<string, string> {
  const { strictTransportSecurity: hsts } = SECURITY_HEADERS;
  return {
    'content-security-policy': SECURITY_HEADERS.contentSecurityPolicy(options.signInOrigins),
    'x-frame-options': SECURITY_HEADERS.frameOptions,
    'x-content-type-options': 'nosniff',
    'referrer-policy': SECURITY_HEADERS.referrerPolicy,
    ...(options.tls
      ? {
          'strict-transport-security': `max-age=${hsts.maxAgeSeconds}${hsts.includeSubdomains ? '; includeSubDomains' : ''}`,
        }
      : {}),
  };
}
