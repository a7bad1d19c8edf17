import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';

/** The providers whose throttling the fault runs simulate (the emulators never throttle). */
const PROVIDERS = new Set(['SESv2', 'SNS']);

interface Middleware {
  add(
    middleware: (next: (args: unknown) => Promise<unknown>) => (args: unknown) => Promise<unknown>,
    options: { step: 'deserialize'; name: string },
  ): void;
}

interface ProviderClient {
  config?: { serviceId?: string };
  middlewareStack: Middleware;
}

/** A deterministic source of [0, 1) numbers, so a fault run can be repeated call for call. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Provider throttling for the fault runs (`IMPORT_COMMS_FAULT_THROTTLE_RATE`): that share of SES and SNS calls
 * answers 429 ThrottlingException. The error is raised where a response would be read, inside the SDK's retry
 * loop, so the SDK retries it as it would a real throttle and the dispatcher sees it only when the SDK gives up.
 */
export function installProviderThrottling(rate: number, seed = 1): { summary(): string } {
  const random = mulberry32(seed);
  const counts = { calls: 0, throttled: 0 };
  const instrumented = new WeakSet<object>();
  const throttle = (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
    counts.calls += 1;
    if (random() >= rate) return next(args);
    counts.throttled += 1;
    throw Object.assign(new Error('Rate exceeded (injected by the fault run)'), {
      name: 'ThrottlingException',
      $fault: 'client',
      $metadata: { httpStatusCode: 429, attempts: 1, totalRetryDelay: 0 },
    });
  };
  for (const Client of [SESv2Client, SNSClient]) {
    const original = Client.prototype.send as (...args: unknown[]) => Promise<unknown>;
    Client.prototype.send = function throttledSend(this: ProviderClient, ...args: unknown[]) {
      if (!instrumented.has(this) && PROVIDERS.has(this.config?.serviceId ?? '')) {
        instrumented.add(this);
        this.middlewareStack.add(throttle, { step: 'deserialize', name: 'injectProviderThrottling' });
      }
      return original.apply(this, args);
    } as typeof Client.prototype.send;
  }
  return {
    summary: () => `fault injection: ${counts.throttled} of ${counts.calls} provider calls throttled`,
  };
}
