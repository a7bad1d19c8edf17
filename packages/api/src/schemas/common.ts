import { z } from '@hono/zod-openapi';

/** Every error answer has this shape; `path` names the field for input errors. */
export const ErrorsSchema = z
  .object({
    errors: z
      .array(
        z.object({
          path: z.string().optional().openapi({ example: 'customerId' }),
          message: z.string().openapi({ example: 'Required' }),
          code: z.string().optional().openapi({ example: 'opted-out' }),
        }),
      )
      .min(1),
  })
  .openapi('Errors');

export const idSchema = (name: string, example: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'letters, digits, dots, dashes, colons or underscores')
    .openapi({ param: { name, in: 'path' }, example });

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25).openapi({ example: 25 }),
  cursor: z.string().max(2048).optional().openapi({ description: 'Opaque; from the previous page.' }),
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

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } }, required: true },
});

export const security = [{ bearer: [] }];
