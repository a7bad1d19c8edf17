import { bodyLimit } from 'hono/body-limit';
import type { ApiDependencies } from './app/dependencies.js';
import { type ApiApp, type ApiLimits, DEFAULT_LIMITS } from './http/context.js';
import { type ErrorLogger, errorResponse, mapError } from './http/errors.js';
import type { VerifyToken } from './http/identity.js';
import type { DocumentHead } from './http/openapi-document.js';
import { OPERATION_IDS, operationKey } from './http/operation-ids.js';
import { revalidatedReads } from './http/revalidation.js';
import { ApiRouter } from './http/router.js';
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

/** An operation's name (`operationId`) from the one table; a route without one is a mistake the tests report. */
const operationIdOf = (method: string, path: string) => OPERATION_IDS[operationKey(method, path)];

export interface ApiOptions {
  deps: ApiDependencies;
  verifyToken: VerifyToken;
  logger: ErrorLogger;
  limits?: Partial<ApiLimits>;
}

const DOCUMENT_HEAD: DocumentHead = {
  info: {
    title: 'import-comms API',
    version: '1.0.0',
    description:
      'Customer communications of the vehicle-import business: the log, history per customer and vehicle, ' +
      'sends, calls and meetings, templates with review, preferences and dashboard figures.',
    // Not open source (package.json: UNLICENSED); SPDX's form for a licence of one's own.
    license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
  },
  // The API shares the UI's origin (CloudFront in AWS, the app server locally): paths are relative to it.
  servers: [{ url: '/', description: 'The origin the web UI is served from' }],
  securitySchemes: {
    bearer: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: 'Cognito access or ID token; locally from POST /auth/local/token.',
    },
  },
};

const PUBLIC_PATHS = new Set([`${API_BASE}/health`, `${API_BASE}/openapi.json`]);

/**
 * The HTTP API: one Hono app, served by API Gateway + Lambda in AWS and by the local runtime on node:http.
 * Requests and responses are described by zod schemas, which validate input and generate the OpenAPI
 * document; every route needs a verified bearer token, and each use case checks the caller's role.
 */
export function createApi(options: ApiOptions): ApiApp {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const router = new ApiRouter(API_BASE);
  const app = router.hono;

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

  // Each group under its own path: no group's parameter (`/communications/{id}`) can take another's word.
  const { deps } = options;
  router.route('/', metaRoutes(deps));
  router.route('/templates', templateRoutes(deps));
  router.route('/reviews', reviewRoutes(deps));
  router.route('/triggers', triggerRoutes());
  router.route('/communications', communicationRoutes(deps, limits));
  router.route('/customers', customerRoutes(deps));
  router.route('/vehicles', vehicleRoutes(deps));
  router.route('/search', searchRoutes(deps));
  router.route('/tasks', taskRoutes(deps));
  router.route('/inbox', inboxRoutes(deps, limits));
  router.route('/settings', settingsRoutes(deps));
  // The document is written from the routes as served, when first asked for: its converter loads only then.
  let document: Promise<unknown> | undefined;
  app.get('/openapi.json', async (c) => {
    document ??= import('./http/openapi-document.js').then(({ openApiDocument }) =>
      openApiDocument(router.routes, DOCUMENT_HEAD, operationIdOf),
    );
    return c.json(await document);
  });
  return app;
}
