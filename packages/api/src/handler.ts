import { handle } from 'hono/aws-lambda';
import { createApiFromEnvironment } from './container.js';

/** API Gateway HTTP API (payload v2) → the same Hono app the local runtime serves. */
export const handler = handle(createApiFromEnvironment());
