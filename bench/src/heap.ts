import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** V8's full collection, exposed without a command-line flag (`npm run bench` runs plain `node`). */
function exposedGc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const gc = exposedGc();

/**
 * Collects all garbage of this process's heap now, so a measured run does not pay for what an earlier phase left.
 * Loading 20,000 communications took the heap to 536 MB before its first full collection (a 441 ms pause) and left
 * it growing to 700 MB through the measured runs after, with 8–10 ms scavenges every 70 ms; collected before each
 * run it holds 37 MB. In the same experiment the log's first page alone at 20 reps had a p99 of 494–597 ms through
 * the API in six runs without collecting, and 153 and 197 ms in two runs with. Twice: the first pass frees what
 * finalizers hold.
 */
export function collectGarbage(): void {
  gc();
  gc();
}
