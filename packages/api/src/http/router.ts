import { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiApp, ApiEnv } from './context.js';
import { errorResponse, validationErrors } from './errors.js';

/**
 * A router for one group of routes, mounted by path in the app. Each validates its requests the same way: a
 * request that breaks its schema is a 400 naming every field (sub-apps do not inherit the app's hook).
 */
export function createRouter(): ApiApp {
  return new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return errorResponse(c, 400, validationErrors(result.error, result.target));
      return undefined;
    },
  });
}
