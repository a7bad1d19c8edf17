import { bodyLimit } from 'hono/body-limit';
import type { ApiDependencies } from './app/dependencies.js';
import { type ApiApp, type ApiLimits, DEFAULT_LIMITS } from './http/context.js';
import { type ErrorLogger, errorResponse, mapError } from './http/errors.js';
import type { VerifyToken } from './http/identity.js';
import { OPERATION_IDS, operationKey } from './http/operation-ids.js';
import { revalidatedReads } from './http/revalidation.js';
import { createRouter } from './http/router.js';
import { communicationRoutes } from './routes/communications.js';
import { customerRoutes, vehicleRoutes } from './routes/customers.js';
import { inboxRoutes } from './routes/inbox.js';
import { metaRoutes } from './routes/meta.js';
import { searchRoutes } from './routes/search.js';
import { settingsRoutes } from './routes/settings.js';
import { taskRoutes } from './routes/tasks.js';
import { reviewRoutes, templateRoutes, triggerRoutes } from './routes/templates.js';

export { type ApiApp, type ApiEnv, type ApiLimits, DEFAULT_LIMITS } from './http/context.js';

/** Everything the API serves lives under this path, on AWS (behind CloudFront) and locally alike. */
export const API_BASE = '/api';

/** Gives every route its name from the one table; a route without one is a mistake the tests report. */
function nameOperations(app: ApiApp): void {
  for (const definition of app.openAPIRegistry.definitions) {
    if (definition.type !== 'route') continue;
    const operationId = OPERATION_IDS[operationKey(definition.route.method, definition.route.path)];
    if (operationId && !definition.route.operationId) definition.route.operationId = operationId;
  }
}

export interface ApiOptions {
  deps: ApiDependencies;
  verifyToken: VerifyToken;
  logger: ErrorLogger;
  limits?: Partial<ApiLimits>;
}

const PUBLIC_PATHS = new Set([`${API_BASE}/health`, `${API_BASE}/openapi.json`]);

/**
 * The HTTP API: one Hono app, served by API Gateway + Lambda in AWS and by the local runtime on node:http.
 * Requests and responses are described by zod schemas, which validate input and generate the OpenAPI
 * document; every route needs a verified bearer token, and each use case checks the caller's role.
 */
export function createApi(options: ApiOptions): ApiApp {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const app = createRouter().basePath(API_BASE);

  app.onError((error, c) => mapError(error, c, options.logger));
  app.notFound((c) =>
    errorResponse(c, 404, [{ message: `no route ${c.req.method} ${c.req.path}`, code: 'not_found' }]),
  );
  const limitBody = bodyLimit({
    maxSize: limits.maxBodyBytes,
    onError: (c) =>
      errorResponse(c, 413, [
        { message: `the body is larger than ${limits.maxBodyBytes} bytes`, code: 'too_large' },
      ]),
  });
  // Reads take no body, and looking for one would build the whole web Request of every read for nothing.
  app.use('*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : limitBody(c, next),
  );
  app.use('*', async (c, next) => {
    if (PUBLIC_PATHS.has(c.req.path) || c.req.method === 'OPTIONS') return next();
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      c.header('WWW-Authenticate', 'Bearer');
      return errorResponse(c, 401, [
        { message: 'sign in: a bearer token is required', code: 'unauthorized' },
      ]);
    }
    c.set('actor', await options.verifyToken(match[1]));
    return next();
  });
  app.use('*', revalidatedReads());

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'Cognito access or ID token; locally from POST /auth/local/token.',
  });
  // Each group under its own path: no group's parameter (`/communications/{id}`) can take another's word.
  const { deps } = options;
  app.route('/', metaRoutes(deps));
  app.route('/templates', templateRoutes(deps));
  app.route('/reviews', reviewRoutes(deps));
  app.route('/triggers', triggerRoutes());
  app.route('/communications', communicationRoutes(deps, limits));
  app.route('/customers', customerRoutes(deps));
  app.route('/vehicles', vehicleRoutes(deps));
  app.route('/search', searchRoutes(deps));
  app.route('/tasks', taskRoutes(deps));
  app.route('/inbox', inboxRoutes(deps, limits));
  app.route('/settings', settingsRoutes(deps));
  nameOperations(app);
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'import-comms API',
      version: '1.0.0',
      description:
        'Customer communications of the vehicle-import business: the log, history per customer and vehicle, ' +
        'sends, calls and meetings, templates with review, preferences and dashboard figures.',
      // Not open source (package.json: UNLICENSED); SPDX's form for a licence of one's own.
      // (`identifier` is OpenAPI 3.1's; the generator's types know only 3.0's licence fields.)
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' } as { name: string },
    },
    // The API shares the UI's origin (CloudFront in AWS, the app server locally): paths are relative to it.
    servers: [{ url: '/', description: 'The origin the web UI is served from' }],
  });
  return app;
}
