import { createLogger, createRepositories, deadLetteringFor, statusPublisherFor } from '@import-comms/aws';
import { systemClock } from '@import-comms/core';
import type { LogDependencies } from './app/record-callback.js';
import { readConfig } from './config.js';

/** Built once per Lambda container (module scope), reused by every invocation. */
export function createContainer(env: NodeJS.ProcessEnv = process.env) {
  const config = readConfig(env);
  const { communications, customers } = createRepositories(config.TABLE_NAME, { bufferedCounts: true });
  const deps: LogDependencies = {
    communications,
    customers,
    clock: systemClock,
    ...statusPublisherFor(config.EVENT_BUS_NAME),
  };
  return {
    deps,
    flushCounts: () => communications.flushCounts(),
    deadLetter: deadLetteringFor('callback', config.CALLBACK_DLQ_URL),
    logger: createLogger({ serviceName: 'log-service' }),
  };
}
