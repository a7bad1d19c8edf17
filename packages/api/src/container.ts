import { SQSClient } from '@aws-sdk/client-sqs';
import {
  companyProfileOf,
  createLogger,
  createRepositories,
  SqsDispatchQueue,
  SqsQueueMonitor,
  TOPOLOGY,
} from '@import-comms/aws';
import { LiquidTemplateEngine, systemClock, TemplateService } from '@import-comms/core';
import { type ApiApp, createApi } from './api.js';
import { readConfig } from './config.js';
import { createTokenVerifier, remoteKeys } from './http/identity.js';

/** The API wired to AWS (or the local emulators, through the SDK's endpoint variables); built once per container. */
export function createApiFromEnvironment(env: NodeJS.ProcessEnv = process.env): ApiApp {
  const config = readConfig(env);
  const { communications, customers, templates, tasks, silence, rateLimiter } = createRepositories(
    config.TABLE_NAME,
  );
  const company = companyProfileOf(config);
  const logger = createLogger({ serviceName: 'api' });
  const sqs = new SQSClient({});
  return createApi({
    deps: {
      communications,
      customers,
      templates,
      tasks,
      silence,
      templateService: new TemplateService({
        templates,
        engine: new LiquidTemplateEngine(),
        clock: systemClock,
        customers,
        company,
      }),
      queue: new SqsDispatchQueue(sqs, { Email: config.EMAIL_QUEUE_URL, SMS: config.SMS_QUEUE_URL }),
      queues: new SqsQueueMonitor(sqs, TOPOLOGY.queues),
      rateLimiter,
      clock: systemClock,
    },
    verifyToken: createTokenVerifier({
      issuer: config.AUTH_ISSUER,
      audience: config.AUTH_AUDIENCE,
      keys: remoteKeys(
        config.AUTH_JWKS_URL ?? `${config.AUTH_ISSUER.replace(/\/+$/, '')}/.well-known/jwks.json`,
      ),
    }),
    logger,
    limits: { sendsPerMinute: config.SENDS_PER_USER_PER_MINUTE, maxBodyBytes: config.MAX_BODY_BYTES },
  });
}
