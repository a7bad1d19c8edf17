import type { Actor } from '@import-comms/core';
import type { Hono } from 'hono';

/**
 * What the app and its route modules share: the request context (the signed-in actor) and the limits. Its own
 * module, so routes depend on it and the app on the routes, never the other way round.
 */
export type ApiEnv = { Variables: { actor: Actor } };
export type ApiApp = Hono<ApiEnv>;

export interface ApiLimits {
  /** Sends (email + SMS) one user may make per minute, across every instance. */
  sendsPerMinute: number;
  /** Largest request body accepted; above it the answer is 413. */
  maxBodyBytes: number;
}

export const DEFAULT_LIMITS: ApiLimits = { sendsPerMinute: 30, maxBodyBytes: 256 * 1024 };
