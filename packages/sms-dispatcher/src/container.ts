import { SNSClient } from '@aws-sdk/client-sns';
import { createDispatchDependencies, createLogger, SnsSmsSender } from '@import-comms/aws';
import { readConfig } from './config.js';

/** Built once per Lambda container (module scope), reused by every invocation. */
export function createContainer(env: NodeJS.ProcessEnv = process.env) {
  const config = readConfig(env);
  const { deps, flushCounts } = createDispatchDependencies(
    config.TABLE_NAME,
    config.EVENT_BUS_NAME,
    config.CLAIM_LEASE_SECONDS,
  );
  const sender = new SnsSmsSender(new SNSClient({}), {
    senderId: config.SMS_SENDER_ID,
    maxPriceUsd: config.SMS_MAX_PRICE_USD,
  });
  return { deps, flushCounts, sender, logger: createLogger({ serviceName: 'sms-dispatcher' }) };
}
