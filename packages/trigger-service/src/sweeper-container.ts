import { SQSClient } from '@aws-sdk/client-sqs';
import {
  createLogger,
  createRepositories,
  nonEmptyString,
  parseEnvironment,
  SqsDispatchQueue,
} from '@import-comms/aws';
import { systemClock } from '@import-comms/core';
import * as z from 'zod/mini';
import type { SweepDependencies } from './app/release-due.js';

const schema = z.object({
  TABLE_NAME: nonEmptyString,
  EMAIL_QUEUE_URL: nonEmptyString,
  SMS_QUEUE_URL: nonEmptyString,
});

/**
 * The sweeper's own wiring: it reads the schedule index and writes the dispatch queues, and runs the silence
 * watch over the table (no templates, no company, no DLQ). Built once per Lambda container.
 */
export function createSweeperContainer(env: NodeJS.ProcessEnv = process.env) {
  const config = parseEnvironment(schema, 'sweeper', env);
  const { communications, customers, tasks, silence } = createRepositories(config.TABLE_NAME, {
    bufferedCounts: true,
  });
  const deps: SweepDependencies = {
    communications,
    customers,
    tasks,
    silence,
    queue: new SqsDispatchQueue(new SQSClient({}), {
      Email: config.EMAIL_QUEUE_URL,
      SMS: config.SMS_QUEUE_URL,
    }),
    clock: systemClock,
  };
  return {
    deps,
    flushCounts: () => communications.flushCounts(),
    logger: createLogger({ serviceName: 'sweeper' }),
  };
}
