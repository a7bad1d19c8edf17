import { PoisonMessageError } from './errors.js';

/** A queue message's JSON body; one that is not JSON can never succeed, so it is poison (DLQ at once). */
export function parseQueueJson(body: string, what: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new PoisonMessageError(`${what} is not JSON`);
  }
}
