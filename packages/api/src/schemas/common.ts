import * as z from './zod.js';

/** A schema's description in the OpenAPI document, as a check (it stays with the schema wherever it is used). */
export const described = (description: string) => z.meta({ description });

/** Every error answer has this shape; `path` names the field for input errors. */
export const ErrorsSchema = z
  .object({
    errors: z
      .array(
        z.object({
          path: z.optional(z.string().check(z.meta({ example: 'customerId' }))),
          message: z.string().check(z.meta({ example: 'Required' })),
          code: z.optional(z.string().check(z.meta({ example: 'opted-out' }))),
        }),
      )
      .check(z.minLength(1)),
  })
  .register(z.globalRegistry, { id: 'Errors' });

export const idSchema = (example: string) =>
  z
    .string()
    .check(
      z.minLength(1),
      z.maxLength(64),
      z.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'letters, digits, dots, dashes, colons or underscores'),
      z.meta({ example }),
    );

export const PageQuerySchema = z.object({
  limit: z._default(
    z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100), z.meta({ example: 25 })),
    25,
  ),
  cursor: z.optional(
    z.string().check(z.maxLength(2048), z.meta({ description: 'Opaque; from the previous page.' })),
  ),
});

export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();

const errorResponse = (description: string) => ({
  content: { 'application/json': { schema: ErrorsSchema } },
  description,
});

/** The error answers every authenticated route may give. */
export const commonErrors = {
  400: errorResponse('The request is invalid: every field issue is listed.'),
  401: errorResponse('No valid bearer token.'),
  403: errorResponse('The signed-in user lacks the role.'),
  413: errorResponse('The body is larger than the limit.'),
  500: errorResponse('Unexpected failure (logged).'),
} as const;

export const notFound = { 404: errorResponse('No such record.') } as const;
export const conflict = { 409: errorResponse('The record is not in a state that allows it.') } as const;
export const tooMany = { 429: errorResponse('Too many sends: wait for Retry-After seconds.') } as const;

export const json = <T extends z.ZodMiniType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const jsonBody = <T extends z.ZodMiniType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

export const security = [{ bearer: [] }];
