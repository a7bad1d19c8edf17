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
 * The body is read once, hashed and served from memory. (Hono's `etag` hashed a clone of the body's stream,
 * which made every answer leave as a stream: under twenty reps that was an eighth of the API's CPU.)
 */
export function revalidatedReads(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    await next();
    if (c.req.method !== 'GET' || c.res.status !== 200) return;
    const answer = c.res;
    const body = new Uint8Array(await answer.arrayBuffer());
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
