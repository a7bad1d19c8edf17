import {
  NO_CONTROL_CHARACTERS,
  NO_CONTROL_CHARACTERS_BUT_LINES,
  TEXT_MESSAGES,
  wellFormed,
} from '@import-comms/events';
import * as z from './zod.js';

interface TextOptions {
  trim?: boolean;
  /** Fewer characters than this are refused; 1 unless given. */
  minLength?: number;
}

/**
 * The event contracts' text rules (`singleLine`, `multiLine` in @import-comms/events) as request schemas: the same
 * patterns and messages, with the request's own length bounds and trimming.
 */
const text = (maxLength: number, pattern: RegExp, message: string, options: TextOptions) =>
  z
    .string()
    .check(
      ...(options.trim ? [z.trim()] : []),
      z.minLength(options.minLength ?? 1),
      z.maxLength(maxLength),
      z.regex(pattern, message),
      z.refine(wellFormed, TEXT_MESSAGES.wellFormed),
    );

/** One line of text (a name, a subject): no line breaks, tabs or other control characters. */
export const singleLine = (maxLength: number, options: TextOptions = {}) =>
  text(maxLength, NO_CONTROL_CHARACTERS, TEXT_MESSAGES.singleLine, options);

/** Free text over several lines (notes, bodies): line breaks and tabs, but no other control characters. */
export const multiLine = (maxLength: number, options: TextOptions = {}) =>
  text(maxLength, NO_CONTROL_CHARACTERS_BUT_LINES, TEXT_MESSAGES.multiLine, options);
