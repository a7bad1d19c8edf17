import { releaseDue } from './app/release-due.js';
import { createContainer } from './container.js';

const { deps, logger, flushCounts } = createContainer();

/** Runs on a schedule (EventBridge Scheduler in AWS, a timer locally): releases deferred messages that are due. */
export const handler = async (): Promise<{ released: number }> => {
  const result = await releaseDue({
    communications: deps.communications,
    queue: deps.queue,
    clock: deps.clock,
  });
  await flushCounts();
  if (result.released > 0) logger.info('released due communications', result);
  return result;
};
