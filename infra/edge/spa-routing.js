// CloudFront Function (cloudfront-js-2.0), viewer request, on the UI's behaviour only (never on /api/*):
// a screen of the single-page app (a path whose last segment has no file extension, e.g. /customers/CU-2001)
// is answered with /index.html, where the UI's router takes it. Files (/assets/app-1a2b.js, /config.json) pass
// untouched, so a missing file is a real 404 and the API's errors reach the UI as the API sent them.
// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls the function named `handler`
function handler(event) {
  const request = event.request;
  const last = request.uri.split('/').pop();
  if (!last.includes('.')) {
    request.uri = '/index.html';
  }
  return request;
}
