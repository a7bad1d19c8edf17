import { SNSClient } from '@aws-sdk/client-sns';
import { createLogger, createRepositories, SnsSmsSender, statusPublisherFor } from '@import-comms/aws';
import { type DispatchDependencies, systemClock } from '@import-comms/core';
import { readConfig } from './config.js';

/** Built once per Lambda container (module scope), reused by every invocation. */
export function createContainer(env: NodeJS.ProcessEnv = process.env) {
  const config = readConfig(env);
  const { communications, customers } = createRepositories(config.TABLE_NAME);
  const deps: DispatchDependencies = {
    communications,
    customers,
    clock: systemClock,
    claimLeaseSeconds: 60,
    ...statusPublisherFor(config.EVENT_BUS_NAME),
  };
  const sender = new SnsSmsSender(new SNSClient({}), {
    senderId: config.SMS_SENDER_ID,
    maxPriceUsd: config.SMS_MAX_PRICE_USD,
  });
  return { deps, sender, logger: createLogger({ serviceName: 'sms-dispatcher' }) };
}
