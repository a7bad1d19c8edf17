import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { validator } from 'hono/validator';
import { type output, safeParse } from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import type { ApiEnv } from './context.js';
import { errorResponse, validationErrors } from './errors.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A body or a response: its schema by media type, as OpenAPI writes it. */
export interface MediaContent {
  content: Record<string, { schema: $ZodType }>;
}

/**
 * One operation as the OpenAPI document describes it and the router serves it: the path in OpenAPI's form
 * (`/{id}`), what a request carries (each part an object schema), and every answer it may give.
 */
export interface RouteSpec {
  method: Method;
  path: string;
  tags?: string[];
  summary?: string;
  description?: string;
  operationId?: string;
  security?: Record<string, string[]>[];
  request?: {
    params?: $ZodType;
    query?: $ZodType;
    headers?: $ZodType;
    body?: MediaContent & { required?: boolean; description?: string };
  };
  responses: Record<number, { description: string } & Partial<MediaContent>>;
}

/** Names the spec as written, so its schemas type what the handler reads. */
export const createRoute = <const R extends RouteSpec>(route: R): R => route;

type Part<R extends RouteSpec, K extends keyof NonNullable<R['request']>> =
  R['request'] extends Record<K, infer S> ? (S extends $ZodType ? output<S> : never) : never;
type Body<R extends RouteSpec> = R['request'] extends {
  body: { content: { 'application/json': { schema: infer S } } };
}
  ? S extends $ZodType
    ? output<S>
    : never
  : never;

/** What `c.req.valid(…)` answers in a route's handler: each part of the request its spec names, parsed. */
export type RouteInput<R extends RouteSpec> = {
  out: {
    param: Part<R, 'params'>;
    query: Part<R, 'query'>;
    header: Part<R, 'headers'>;
    json: Body<R>;
  };
};

export type RouteHandler<R extends RouteSpec> = (
  c: Context<ApiEnv, string, RouteInput<R>>,
) => Response | Promise<Response>;

type Target = 'param' | 'query' | 'header' | 'json';

/** A request part that breaks its schema is a 400 naming every field; a valid one reaches the handler parsed. */
const validate = (target: Target, schema: $ZodType) =>
  validator(target, (value, c) => {
    const result = safeParse(schema, value);
    return result.success ? result.data : errorResponse(c, 400, validationErrors(result.error, target));
  });

const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/** A body that must be JSON and is declared as something else is refused as such, not read as an empty object. */
const requireJson: MiddlewareHandler<ApiEnv> = async (c, next) =>
  JSON_MEDIA_TYPE.test(c.req.header('content-type') ?? '')
    ? next()
    : errorResponse(c, 415, [
        {
          message: 'the body must be JSON: send it with Content-Type: application/json',
          code: 'unsupported_media_type',
        },
      ]);

/** `/{id}/send` (OpenAPI) → `/:id/send` (Hono). */
const honoPath = (path: string) => path.replace(/\{([^}]+)\}/g, ':$1');

const joinPaths = (prefix: string, path: string) => {
  const joined = `${prefix.replace(/\/$/, '')}${path === '/' ? '' : path}`;
  return joined === '' ? '/' : joined;
};

/**
 * A group of routes: serves each with Hono, validating its request against the spec's schemas, and keeps the
 * specs, so the OpenAPI document is written from exactly what is served. Groups mount under a path, as Hono's.
 */
export class ApiRouter {
  readonly hono: Hono<ApiEnv>;
  readonly routes: RouteSpec[] = [];

  constructor(private readonly basePath = '') {
    this.hono = basePath ? new Hono<ApiEnv>().basePath(basePath) : new Hono<ApiEnv>();
  }

  openapi<const R extends RouteSpec>(route: R, handler: RouteHandler<R>): this {
    const { params, query, headers, body } = route.request ?? {};
    const validators = [
      ...(params ? [validate('param', params)] : []),
      ...(query ? [validate('query', query)] : []),
      ...(headers ? [validate('header', headers)] : []),
      ...(body?.content['application/json']
        ? [...(body.required ? [requireJson] : []), validate('json', body.content['application/json'].schema)]
        : []),
    ];
    // Hono's typing follows each validator it is given; the spec's own typing (RouteInput) stands for them here.
    this.hono.on(
      route.method.toUpperCase(),
      honoPath(route.path),
      ...(validators as []),
      handler as unknown as (c: Context<ApiEnv>) => Response | Promise<Response>,
    );
    this.routes.push({ ...route, path: joinPaths(this.basePath, route.path) });
    return this;
  }

  /** Mounts a group under `prefix`: its routes are served and described there. */
  route(prefix: string, group: ApiRouter): this {
    this.hono.route(prefix, group.hono);
    for (const route of group.routes)
      this.routes.push({ ...route, path: joinPaths(joinPaths(this.basePath, prefix), route.path) });
    return this;
  }
}

export function createRouter(): ApiRouter {
  return new ApiRouter();
}
