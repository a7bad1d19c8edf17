import { SQSClient } from '@aws-sdk/client-sqs';
import { createLogger, createRepositories, deadLetteringFor, SqsDispatchQueue } from '@import-comms/aws';
import { LiquidTemplateEngine, systemClock, TemplateService } from '@import-comms/core';
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
  const deps: TriggerDependencies = {
    communications,
    customers,
    templates,
    templateService: new TemplateService(templates, engine, systemClock, customers),
    queue: new SqsDispatchQueue(sqs, { Email: config.EMAIL_QUEUE_URL, SMS: config.SMS_QUEUE_URL }),
    clock: systemClock,
    paymentReminders,
    company: {
      name: config.COMPANY_NAME,
      phone: config.COMPANY_PHONE,
      email: config.COMPANY_EMAIL,
      website: config.COMPANY_WEBSITE,
      portalUrl: config.CUSTOMER_PORTAL_URL,
    },
  };
  return {
    deps,
    deadLetter: deadLetteringFor('trigger', config.TRIGGER_DLQ_URL, sqs),
    flushCounts: () => communications.flushCounts(),
    logger: createLogger({ serviceName: 'trigger-service' }),
  };
}
