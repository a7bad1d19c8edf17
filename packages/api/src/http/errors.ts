import {
  ChannelRefusedError,
  DomainError,
  InvalidInputError,
  RateLimitedError,
  TemplateValidationError,
} from '@import-comms/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { core } from 'zod/mini';
import { InvalidTokenError } from './identity.js';

export interface ErrorItem {
  path?: string;
  message: string;
  code?: string;
}

export interface ErrorLogger {
  error(message: string, details: Record<string, unknown>): void;
}

export function errorResponse(c: Context, status: ContentfulStatusCode, errors: ErrorItem[]) {
  return c.json({ errors }, status);
}

/** Every zod issue of a request part, with its dotted path (`preferences.quietHours.end`). */
export function validationErrors(error: core.$ZodError, target?: string): ErrorItem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const where = target === 'query' || target === 'param' || target === 'header' ? target : undefined;
    return {
      ...(path ? { path } : where ? { path: where } : {}),
      message: issue.message,
    };
  });
}

/**
 * The answer to each domain error, by its code (`DomainError.code`, stable for callers): adapters raise core's
 * errors for the caller's mistakes, so this table is the whole mapping. A code not here is an unexpected failure.
 */
const DOMAIN_ANSWERS: Record<string, { status: ContentfulStatusCode; path?: string }> = {
  invalid_cursor: { status: 400, path: 'cursor' },
  invalid_query: { status: 400 },
  invalid_quiet_hours: { status: 400 },
  forbidden: { status: 403 },
  not_found: { status: 404 },
  conflict: { status: 409 },
  idempotency_key_reused: { status: 409 },
  invalid_status_transition: { status: 409 },
};

/** Maps what a use case throws to an answer: client mistakes are 4xx with the reason, never a 500. */
export function mapError(error: unknown, c: Context, logger: ErrorLogger) {
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 413)
      return errorResponse(c, 413, [{ message: 'the body is larger than the limit', code: 'too_large' }]);
    return errorResponse(c, status as ContentfulStatusCode, [{ message: error.message || 'bad request' }]);
  }
  if (error instanceof RateLimitedError) {
    c.header('Retry-After', String(error.retryAfterSeconds));
    return errorResponse(c, 429, [{ message: error.message, code: 'rate_limited' }]);
  }
  if (error instanceof InvalidTokenError)
    return errorResponse(c, 401, [{ message: error.message, code: 'unauthorized' }]);
  if (error instanceof InvalidInputError) return errorResponse(c, 400, [...error.issues]);
  if (error instanceof TemplateValidationError) {
    return errorResponse(
      c,
      400,
      error.issues.map((issue) => ({
        path: issue.part ?? 'content',
        message: issue.line ? `line ${issue.line}, column ${issue.column}: ${issue.message}` : issue.message,
        code: 'invalid_template',
      })),
    );
  }
  if (error instanceof ChannelRefusedError)
    return errorResponse(c, 409, [{ message: error.message, code: error.reason }]);
  const answer = error instanceof DomainError ? DOMAIN_ANSWERS[error.code] : undefined;
  if (error instanceof DomainError && answer) {
    return errorResponse(c, answer.status, [
      { ...(answer.path ? { path: answer.path } : {}), message: error.message, code: error.code },
    ]);
  }
  logger.error('request failed', {
    method: c.req.method,
    path: c.req.path,
    error:
      error instanceof Error
        ? { name: error.name, message: error.message, stack: error.stack }
        : String(error),
    code: error instanceof DomainError ? error.code : undefined,
  });
  return errorResponse(c, 500, [{ message: 'unexpected failure; it has been logged', code: 'internal' }]);
}
