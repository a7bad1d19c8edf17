import type { Logger } from '@import-comms/aws';
import { releaseDue, type SweepDependencies } from './app/release-due.js';
import { watchSilence } from './app/watch-silence.js';

/** What the sweeper runs on: built from the environment in AWS, from test doubles in tests. */
export interface SweeperDependencies {
  deps: SweepDependencies;
  flushCounts: () => Promise<void>;
  logger: Logger;
}

/**
 * Runs on a schedule (EventBridge Scheduler in AWS, a timer locally): releases deferred messages that are due,
 * then runs the silence watch. The release comes first and does not wait on the watch's outcome.
 */
export function createSweeper({ deps, flushCounts, logger }: SweeperDependencies) {
  return async (): Promise<{ released: number; opened: number; closed: number }> => {
    const result = await releaseDue(deps);
    await flushCounts();
    if (result.released > 0) logger.info('released due communications', result);
    const silence = await watchSilence(deps);
    if (silence.opened > 0 || silence.closed > 0) logger.info('silence watch', silence);
    return { ...result, ...silence };
  };
}
