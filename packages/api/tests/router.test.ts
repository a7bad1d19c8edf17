import { type DocumentHead, openApiDocument } from '../src/http/openapi-document.js';
import { ApiRouter, createRoute } from '../src/http/router.js';
import { json, jsonBody } from '../src/schemas/common.js';
import * as z from '../src/schemas/zod.js';

const HEAD: DocumentHead = { info: { title: 'test', version: '1' } };

// Names unique to this file: ids live in zod's one global registry.
const Gadget = z
  .object({ gadgetId: z.string(), size: z.optional(z.number().check(z.int())) })
  .register(z.globalRegistry, { id: 'RouterTestGadget' });
const Unused = z.object({ never: z.string() }).register(z.globalRegistry, { id: 'RouterTestUnused' });
void Unused;
const NewGadget = z
  .strictObject({
    name: z.string().check(z.trim(), z.minLength(1), z.meta({ description: 'What it is called.' })),
  })
  .register(z.globalRegistry, { id: 'RouterTestNewGadget' });
const Params = z.object({ gadgetId: z.string().check(z.regex(/^G-\d+$/, 'a gadget id such as G-1')) });

function gadgetRouter() {
  const gadgets = new ApiRouter();
  gadgets.openapi(
    createRoute({
      method: 'post',
      path: '/{gadgetId}/copies',
      summary: 'Copy a gadget',
      request: {
        params: Params,
        query: z.object({ times: z._default(z.coerce.number(), 1) }),
        ...jsonBody(NewGadget),
      },
      responses: {
        201: json(
          // A named schema extended keeps no name of its own: it is inlined, and its base stays one component.
          z.object({ copies: z.array(z.extend(Gadget, { copyOf: z.string() })), original: Gadget }),
          'Copied.',
        ),
      },
    }),
    (c) => {
      const { gadgetId } = c.req.valid('param');
      const { times } = c.req.valid('query');
      const { name } = c.req.valid('json');
      return c.json(
        { copies: Array.from({ length: times }, () => ({ gadgetId: name, copyOf: gadgetId })) },
        201,
      );
    },
  );
  const app = new ApiRouter('/api');
  app.route('/gadgets', gadgets);
  return app;
}

describe('ApiRouter', () => {
  it('serves a route with each request part parsed (trimmed, coerced, defaulted)', async () => {
    const app = gadgetRouter();
    const answer = await app.hono.request('/api/gadgets/G-7/copies?times=2', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '  lamp  ' }),
    });
    expect(answer.status).toBe(201);
    expect(await answer.json()).toEqual({
      copies: [
        { gadgetId: 'lamp', copyOf: 'G-7' },
        { gadgetId: 'lamp', copyOf: 'G-7' },
      ],
    });
  });

  it('answers 400 naming every field of every part that breaks its schema, before the handler runs', async () => {
    const answer = await gadgetRouter().hono.request('/api/gadgets/lamp/copies', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '   ', colour: 'red' }),
    });
    expect(answer.status).toBe(400);
    const { errors } = (await answer.json()) as { errors: { path?: string; message: string }[] };
    // The path is checked first: its part stops the request, as each part is validated in turn.
    expect(errors).toEqual([{ path: 'gadgetId', message: 'a gadget id such as G-1' }]);

    const body = await gadgetRouter().hono.request('/api/gadgets/G-1/copies', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '   ', colour: 'red' }),
    });
    expect(body.status).toBe(400);
    const { errors: bodyErrors } = (await body.json()) as { errors: { path?: string; message: string }[] };
    expect(bodyErrors).toHaveLength(2);
    expect(bodyErrors).toEqual(
      expect.arrayContaining([
        { path: 'name', message: expect.stringMatching(/^Too small/) },
        { message: 'Unrecognized key: "colour"' },
      ]),
    );
  });
});

describe('the OpenAPI document written from the routes', () => {
  // biome-ignore lint/suspicious/noExplicitAny: the document is JSON, read field by field
  const document = openApiDocument(gadgetRouter().routes, HEAD, () => 'copyGadget') as any;
  const operation = document.paths['/api/gadgets/{gadgetId}/copies'].post;

  it('has each route under its mounted path with its parameters, body and answers', () => {
    expect(Object.keys(document.paths)).toEqual(['/api/gadgets/{gadgetId}/copies']);
    expect(operation.operationId).toBe('copyGadget');
    expect(operation.parameters).toEqual([
      expect.objectContaining({ name: 'gadgetId', in: 'path', required: true }),
      expect.objectContaining({
        name: 'times',
        in: 'query',
        required: false,
        schema: expect.objectContaining({ default: 1 }),
      }),
    ]);
    expect(operation.requestBody).toEqual({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/RouterTestNewGadget' } } },
    });
  });

  it('makes named schemas components, referenced where used, and leaves out the ones no route uses', () => {
    expect(Object.keys(document.components.schemas)).toEqual(['RouterTestGadget', 'RouterTestNewGadget']);
    const answer = operation.responses['201'].content['application/json'].schema;
    expect(answer.properties.original).toEqual({ $ref: '#/components/schemas/RouterTestGadget' });
    expect(answer.properties.copies.items).toEqual(
      expect.objectContaining({ type: 'object', required: ['gadgetId', 'copyOf'] }),
    );
    expect(document.components.schemas.RouterTestNewGadget.properties.name.description).toBe(
      'What it is called.',
    );
  });

  it('writes no reference to anything that is not a component', () => {
    const references = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const reference of references) {
      const id = reference.slice('"$ref":"#/components/schemas/'.length, -1);
      expect(document.components.schemas[id]).toBeDefined();
    }
  });

  it('lists the fields of a named query schema as parameters, not a reference', () => {
    const Paging = z
      .object({ page: z.optional(z.coerce.number().check(z.meta({ description: 'Which page.' }))) })
      .register(z.globalRegistry, { id: 'RouterTestPaging' });
    const app = new ApiRouter();
    app.openapi(
      createRoute({
        method: 'get',
        path: '/things',
        request: { query: Paging },
        responses: { 204: { description: 'None.' } },
      }),
      (c) => c.body(null, 204),
    );
    // biome-ignore lint/suspicious/noExplicitAny: the document is JSON, read field by field
    const paged = openApiDocument(app.routes, HEAD, () => 'listThings') as any;
    expect(paged.paths['/things'].get.parameters).toEqual([
      {
        name: 'page',
        in: 'query',
        required: false,
        description: 'Which page.',
        schema: expect.objectContaining({ type: 'number' }),
      },
    ]);
  });
});
