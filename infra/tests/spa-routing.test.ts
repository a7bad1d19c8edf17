import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';

/** The CloudFront Function's own code, run as CloudFront runs it: `handler(event)` on a viewer request. */
const source = readFileSync(path.resolve(__dirname, '../edge/spa-routing.js'), 'utf8');
const handler = runInNewContext(`${source}; handler`) as (event: unknown) => { uri: string };

const viewerRequest = (uri: string) =>
  handler({
    version: '1.0',
    context: { eventType: 'viewer-request' },
    request: { method: 'GET', uri, querystring: {}, headers: {} },
  }).uri;

describe('the UI routing function', () => {
  it.each([
    ['/', '/index.html'],
    ['/log', '/index.html'],
    ['/customers/CU-2001', '/index.html'],
    ['/customers/CU-2001/', '/index.html'],
    ['/auth/callback', '/index.html'],
    ['/templates/status-update-email', '/index.html'],
  ])('answers the screen %s with the app (%s)', (uri, expected) => {
    expect(viewerRequest(uri)).toBe(expected);
  });

  it.each([
    ['/index.html'],
    ['/config.json'],
    ['/assets/index-1a2b3c.js'],
    ['/assets/editor-page-DblNbCJt.js.map'],
    ['/favicon.ico'],
  ])('passes the file %s through, so a missing one is a real 404', (uri) => {
    expect(viewerRequest(uri)).toBe(uri);
  });

  it('keeps to the functions runtime: no modules, no Node globals', () => {
    expect(source).not.toMatch(/\b(require|import|export|process|Buffer)\b/);
  });
});
