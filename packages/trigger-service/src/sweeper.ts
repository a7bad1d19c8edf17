import { releaseDue } from './app/release-due.js';
import { createSweeperContainer } from './sweeper-container.js';

const { deps, logger, flushCounts } = createSweeperContainer();

/** Runs on a schedule (EventBridge Scheduler in AWS, a timer locally): releases deferred messages that are due. */
export const handler = async (): Promise<{ released: number }> => {
  const result = await releaseDue(deps);
  await flushCounts();
  if (result.released > 0) logger.info('released due communications', result);
  return result;
};
