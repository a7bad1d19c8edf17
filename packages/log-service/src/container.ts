import { SQSClient } from '@aws-sdk/client-sqs';
import {
  cloudWatchMetrics,
  companyProfileOf,
  createLogger,
  createRepositories,
  deadLetteringFor,
  SqsDispatchQueue,
  statusPublisherFor,
} from '@import-comms/aws';
import { systemClock, TemplateRenderer } from '@import-comms/core';
import { loadTemplateEngine } from '@import-comms/core/load-engine';
import type { LogDependencies } from './app/record-callback.js';
import { readConfig } from './config.js';

/** Built once per Lambda container (module scope), reused by every invocation. */
export function createContainer(env: NodeJS.ProcessEnv = process.env) {
  const config = readConfig(env);
  const { communications, customers, templates } = createRepositories(config.TABLE_NAME, {
    bufferedCounts: true,
  });
  const sqs = new SQSClient({});
  const deps: LogDependencies = {
    communications,
    customers,
    clock: systemClock,
    ...statusPublisherFor(config.EVENT_BUS_NAME),
    // A template's channel fallback renders and queues like the trigger-service does.
    fallback: {
      communications,
      customers,
      templates,
      renderer: new TemplateRenderer({
        templates,
        // Only a failed send with a fallback renders: the engine loads then, not at every cold start.
        engine: loadTemplateEngine,
        company: companyProfileOf(config),
      }),
      queue: new SqsDispatchQueue(sqs, { Email: config.EMAIL_QUEUE_URL, SMS: config.SMS_QUEUE_URL }),
      clock: systemClock,
    },
  };
  return {
    deps,
    flushCounts: () => communications.flushCounts(),
    deadLetter: deadLetteringFor('callback', config.CALLBACK_DLQ_URL, sqs),
    logger: createLogger({ serviceName: 'log-service' }),
    metrics: cloudWatchMetrics('log-service'),
  };
}
