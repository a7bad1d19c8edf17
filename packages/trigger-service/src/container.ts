import { SQSClient } from '@aws-sdk/client-sqs';
import {
  cloudWatchMetrics,
  companyProfileOf,
  createLogger,
  createRepositories,
  deadLetteringFor,
  SqsDispatchQueue,
} from '@import-comms/aws';
import { LiquidTemplateEngine, systemClock, TemplateRenderer } from '@import-comms/core';
import type { TriggerDependencies } from './app/handle-event.js';
import { readConfig } from './config.js';

/** Built once per Lambda container (module scope), reused by every invocation. */
export function createContainer(env: NodeJS.ProcessEnv = process.env) {
  const config = readConfig(env);
  const { communications, customers, templates, paymentReminders } = createRepositories(config.TABLE_NAME, {
    bufferedCounts: true,
  });
  const sqs = new SQSClient({});
  const engine = new LiquidTemplateEngine();
  const company = companyProfileOf(config);
  const deps: TriggerDependencies = {
    communications,
    customers,
    templates,
    renderer: new TemplateRenderer({ templates, engine, company }),
    queue: new SqsDispatchQueue(sqs, { Email: config.EMAIL_QUEUE_URL, SMS: config.SMS_QUEUE_URL }),
    clock: systemClock,
    paymentReminders,
    company,
  };
  return {
    deps,
    deadLetter: deadLetteringFor('trigger', config.TRIGGER_DLQ_URL, sqs),
    flushCounts: () => communications.flushCounts(),
    logger: createLogger({ serviceName: 'trigger-service' }),
    metrics: cloudWatchMetrics('trigger-service'),
  };
}
