import { PermanentDeliveryError, ThrottledDeliveryError, TransientDeliveryError } from '@import-comms/core';

interface SdkError {
  name?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

const THROTTLING = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'LimitExceededException',
  'ThrottledException',
  'RequestThrottled',
]);

/** Provider errors as the domain sees them: transient ones are retried, permanent ones recorded. */
export function classifyProviderError(
  error: unknown,
  provider: string,
): PermanentDeliveryError | TransientDeliveryError | ThrottledDeliveryError {
  const sdk = (error ?? {}) as SdkError;
  const name = sdk.name ?? 'Error';
  const reason = `${provider} ${name}: ${sdk.message ?? String(error)}`;
  const status = sdk.$metadata?.httpStatusCode;
  // Still throttled after the SDK's own retries: put off for a while, not failed.
  if (THROTTLING.has(name) || status === 429) return new ThrottledDeliveryError(reason, 1, { cause: error });
  const transient =
    THROTTLING.has(name) ||
    sdk.$fault === 'server' ||
    (status !== undefined && status >= 500) ||
    sdk.$retryable !== undefined ||
    ['TimeoutError', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'].some(
      (code) => name.includes(code) || reason.includes(code),
    );
  return transient
    ? new TransientDeliveryError(reason, { cause: error })
    : new PermanentDeliveryError(reason, { cause: error });
}
