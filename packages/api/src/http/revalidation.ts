import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { ApiEnv } from './context.js';

/** What a 304 keeps of the 200 it stands for (RFC 9110 §15.4.5). */
const KEPT_ON_NOT_MODIFIED = new Set([
  'cache-control',
  'content-location',
  'date',
  'etag',
  'expires',
  'vary',
]);

/** If-None-Match against a tag, by weak comparison (RFC 9110 §13.1.2): `*`, or any listed tag alike. */
function ifNoneMatchHolds(ifNoneMatch: string | undefined, tag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = tag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((listed) => listed.trim().replace(/^W\//, '') === opaque);
}

/**
 * Reads carry a weak ETag and are revalidated every time: a UI polling for changes gets 304 and no body when
 * nothing changed (docs/adr/0023-live-updates.md); per user, never from a shared cache.
 *
 * A read's JSON is kept as the text it is written as, hashed, and left in the answer as that text: Node's adapter
 * writes a text body straight to the socket. (Hono's `etag` hashed a clone of the body's stream, and reading any
 * answer's body back builds a full web Response with a stream — under twenty reps an eighth, then a fortieth, of
 * the API's CPU.) An answer not written as JSON is read back once.
 */
export function revalidatedReads(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    let written: { text: string; answer: Response } | undefined;
    // What `json` does (Hono's own: the text, with JSON's content type unless one is given), keeping the text.
    const respond = c.body as (text: string, arg?: unknown, headers?: Record<string, string>) => Response;
    const json = (object: unknown, arg?: unknown, headers?: Record<string, string>) => {
      const text = JSON.stringify(object);
      const answer = respond(text, arg, { 'Content-Type': 'application/json', ...headers });
      written = { text, answer };
      return answer;
    };
    c.json = json as unknown as typeof c.json;
    await next();
    if (c.res.status !== 200) return;
    const answer = c.res;
    // The text, when the answer is the very one `json` made (not a later one, nor one Hono rebuilt).
    const body = written?.answer === answer ? written.text : new Uint8Array(await answer.arrayBuffer());
    const tag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
    const headers = new Headers(answer.headers);
    headers.set('Cache-Control', 'private, no-cache');
    headers.set('Vary', 'Authorization');
    headers.set('ETag', tag);
    const notModified = ifNoneMatchHolds(c.req.header('if-none-match'), tag);
    if (notModified) {
      const dropped: string[] = [];
      headers.forEach((_, name) => {
        if (!KEPT_ON_NOT_MODIFIED.has(name)) dropped.push(name);
      });
      for (const name of dropped) headers.delete(name);
    }
    // Replaced, not merged: merging would read the new answer's body as a stream again.
    c.res = undefined;
    c.res = notModified
      ? new Response(null, { status: 304, headers })
      : new Response(body, { status: 200, headers });
  };
}
