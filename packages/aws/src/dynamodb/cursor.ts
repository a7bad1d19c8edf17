import { InvalidCursorError } from '@import-comms/core';
import * as z from 'zod/mini';

/**
 * Opaque pagination cursors: base64url JSON validated on the way back in, so a tampered or stale cursor
 * is a clear client error, never a crash or a query on the wrong partition.
 */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeCursor<Schema extends z.ZodMiniType>(cursor: string, schema: Schema): z.output<Schema> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (error) {
    throw new InvalidCursorError('cursor is not one this API returned', { cause: error });
  }
  const result = schema.safeParse(parsed);
  if (!result.success)
    throw new InvalidCursorError('cursor is not one this API returned', { cause: result.error });
  return result.data;
}

/** A DynamoDB LastEvaluatedKey of this table: string attributes only. */
export const lastEvaluatedKeySchema = z.record(z.string(), z.string());
