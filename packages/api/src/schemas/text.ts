import { z } from '@hono/zod-openapi';
import {
  NO_CONTROL_CHARACTERS,
  NO_CONTROL_CHARACTERS_BUT_LINES,
  TEXT_MESSAGES,
  wellFormed,
} from '@import-comms/events';

/**
 * The event contracts' text rules (`singleLine`, `multiLine` in @import-comms/events) as request schemas: the same
 * patterns and messages, built with the zod the OpenAPI document is generated from.
 */
const text = (maxLength: number, pattern: RegExp, message: string, trim: boolean) =>
  (trim ? z.string().trim() : z.string())
    .min(1)
    .max(maxLength)
    .regex(pattern, message)
    .refine(wellFormed, TEXT_MESSAGES.wellFormed);

/** One line of text (a name, a subject): no line breaks, tabs or other control characters. */
export const singleLine = (maxLength: number, options: { trim?: boolean } = {}) =>
  text(maxLength, NO_CONTROL_CHARACTERS, TEXT_MESSAGES.singleLine, options.trim ?? false);

/** Free text over several lines (notes, bodies): line breaks and tabs, but no other control characters. */
export const multiLine = (maxLength: number, options: { trim?: boolean } = {}) =>
  text(maxLength, NO_CONTROL_CHARACTERS_BUT_LINES, TEXT_MESSAGES.multiLine, options.trim ?? false);
