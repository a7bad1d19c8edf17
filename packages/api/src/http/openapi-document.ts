import { globalRegistry, registry, toJSONSchema } from 'zod/mini';
import type { $ZodObject, $ZodType } from 'zod/v4/core';
import type { RouteSpec } from './router.js';

/** What a document says of itself: title, version, servers, security schemes. */
export interface DocumentHead {
  info: Record<string, unknown>;
  servers?: Record<string, unknown>[];
  securitySchemes?: Record<string, Record<string, unknown>>;
}

type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

const COMPONENT = '#/components/schemas/';

/** zod's JSON Schema of one standalone schema carries these; a component or an inline schema in OpenAPI does not. */
const withoutDialect = ({ $schema: _, $id: __, ...schema }: JsonSchema): JsonSchema => schema;

/** A media type as part of a key: zod escapes `/` in the references it writes. */
const keyPart = (media: string) => media.replace(/\W/g, '_');

/** A route's own schema goes by a key of this form while converting; only named schemas stay references. */
const ROUTE_KEY = /^route-\d+-/;

/** Puts route-keyed references back inline: a route's schema used inside another's is not a component. */
function inlineRouteReferences(value: unknown, inline: Map<string, JsonSchema>): unknown {
  if (Array.isArray(value)) return value.map((item) => inlineRouteReferences(item, inline));
  if (value === null || typeof value !== 'object') return value;
  const ref = (value as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith(COMPONENT) && ROUTE_KEY.test(ref.slice(COMPONENT.length)))
    return inlineRouteReferences(inline.get(ref.slice(COMPONENT.length)) ?? {}, inline);
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, inlineRouteReferences(item, inline)]),
  );
}

/**
 * JSON Schemas of every schema a set of routes uses, read as `io` (a request's input, a response's output), in one
 * pass of zod's registry conversion: schemas named in the global registry (`id`) become components, referenced
 * wherever they appear; the routes' own schemas come back inline under the keys given.
 */
function convert(schemas: Map<string, $ZodType>, io: Io) {
  const pass = registry<{ id: string }>();
  // Every named schema takes part under its name, so a reference to it is to a component of its own. (`_idmap` is
  // the registry's index by id, typed in zod's declarations; the ones no route reaches are dropped afterwards.)
  for (const [id, schema] of globalRegistry._idmap) pass.add(schema, { id });
  const keyOf = new Map<$ZodType, string>();
  for (const [key, schema] of schemas) {
    if (globalRegistry.get(schema)?.id || keyOf.has(schema)) continue;
    keyOf.set(schema, key);
    pass.add(schema, { id: key });
  }
  const { schemas: converted } = toJSONSchema(pass, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
    metadata: globalRegistry,
    uri: (id) => `${COMPONENT}${id}`,
  });
  const inline = new Map<string, JsonSchema>();
  const components: Record<string, JsonSchema> = {};
  for (const [key, schema] of Object.entries(converted)) {
    if (ROUTE_KEY.test(key)) inline.set(key, withoutDialect(schema as JsonSchema));
    else components[key] = withoutDialect(schema as JsonSchema);
  }
  /** The schema under `key`: a reference when it is named, unless `expanded` (parameters list its fields). */
  const resolve = (key: string, expanded = false): JsonSchema => {
    const schema = schemas.get(key) as $ZodType;
    const id = globalRegistry.get(schema)?.id;
    if (id) return expanded ? (components[id] ?? {}) : { $ref: `${COMPONENT}${id}` };
    return inlineRouteReferences(inline.get(keyOf.get(schema) ?? key) ?? {}, inline) as JsonSchema;
  };
  return {
    resolve,
    components: inlineRouteReferences(components, inline) as Record<string, JsonSchema>,
  };
}

/** The components `root` refers to, directly or through other components: a named schema no route uses is left out. */
function referencedFrom(root: unknown, components: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.startsWith(COMPONENT)) {
      const id = ref.slice(COMPONENT.length);
      if (!used.has(id)) {
        used.add(id);
        visit(components[id]);
      }
    }
    Object.values(value).forEach(visit);
  };
  visit(root);
  // By name, so the document reads the same whatever order the schema modules happen to load in.
  return Object.fromEntries(
    Object.entries(components)
      .filter(([id]) => used.has(id))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** Each field of an object schema as an OpenAPI parameter: its own schema, whether it must be given, its words. */
function parameters(
  place: 'path' | 'query' | 'header',
  schema: $ZodType,
  key: string,
  resolve: (key: string, expanded?: boolean) => JsonSchema,
) {
  const object = resolve(key, true) as { properties?: Record<string, JsonSchema>; required?: string[] };
  const shape = (schema as $ZodObject)._zod.def.shape ?? {};
  return Object.keys(shape).map((name) => {
    const field = object.properties?.[name] ?? {};
    const { description, example } = field as { description?: string; example?: unknown };
    return {
      name,
      in: place,
      required: place === 'path' || (object.required ?? []).includes(name),
      ...(description ? { description } : {}),
      ...(example !== undefined ? { example } : {}),
      schema: field,
    };
  });
}

/** The OpenAPI 3.1 document of the routes as served (`ApiRouter.routes`), with the operations' names given. */
export function openApiDocument(
  routes: readonly RouteSpec[],
  head: DocumentHead,
  operationIdOf: (method: string, path: string) => string | undefined,
) {
  const inputs = new Map<string, $ZodType>();
  const outputs = new Map<string, $ZodType>();
  routes.forEach((route, index) => {
    const { params, query, headers, body } = route.request ?? {};
    if (params) inputs.set(`route-${index}-path`, params);
    if (query) inputs.set(`route-${index}-query`, query);
    if (headers) inputs.set(`route-${index}-header`, headers);
    for (const [media, { schema }] of Object.entries(body?.content ?? {}))
      inputs.set(`route-${index}-body-${keyPart(media)}`, schema);
    for (const [status, response] of Object.entries(route.responses))
      for (const [media, { schema }] of Object.entries(response.content ?? {}))
        outputs.set(`route-${index}-${status}-${keyPart(media)}`, schema);
  });
  const input = convert(inputs, 'input');
  const output = convert(outputs, 'output');

  const paths: Record<string, Record<string, unknown>> = {};
  routes.forEach((route, index) => {
    const { params, query, headers, body } = route.request ?? {};
    const operation = {
      ...(route.tags ? { tags: route.tags } : {}),
      ...(route.summary ? { summary: route.summary } : {}),
      ...(route.description ? { description: route.description } : {}),
      operationId: route.operationId ?? operationIdOf(route.method, route.path),
      ...(route.security ? { security: route.security } : {}),
      parameters: [
        ...(params ? parameters('path', params, `route-${index}-path`, input.resolve) : []),
        ...(query ? parameters('query', query, `route-${index}-query`, input.resolve) : []),
        ...(headers ? parameters('header', headers, `route-${index}-header`, input.resolve) : []),
      ],
      ...(body
        ? {
            requestBody: {
              ...(body.description ? { description: body.description } : {}),
              required: body.required ?? false,
              content: Object.fromEntries(
                Object.keys(body.content).map((media) => [
                  media,
                  { schema: input.resolve(`route-${index}-body-${keyPart(media)}`) },
                ]),
              ),
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, response]) => [
          status,
          {
            description: response.description,
            ...(response.content
              ? {
                  content: Object.fromEntries(
                    Object.keys(response.content).map((media) => [
                      media,
                      { schema: output.resolve(`route-${index}-${status}-${keyPart(media)}`) },
                    ]),
                  ),
                }
              : {}),
          },
        ]),
      ),
    };
    paths[route.path] = { ...paths[route.path], [route.method]: operation };
  });
  return {
    openapi: '3.1.0',
    info: head.info,
    ...(head.servers ? { servers: head.servers } : {}),
    components: {
      schemas: referencedFrom(paths, { ...input.components, ...output.components }),
      ...(head.securitySchemes ? { securitySchemes: head.securitySchemes } : {}),
    },
    paths,
  };
}
