import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createDispatchDependencies, createLogger, SesEmailSender } from '@import-comms/aws';
import { readConfig } from './config.js';

/** Built once per Lambda container (module scope), reused by every invocation. */
export function createContainer(env: NodeJS.ProcessEnv = process.env) {
  const config = readConfig(env);
  const { deps, flushCounts } = createDispatchDependencies(
    config.TABLE_NAME,
    config.EVENT_BUS_NAME,
    config.CLAIM_LEASE_SECONDS,
  );
  const sender = new SesEmailSender(new SESv2Client({}), {
    fromAddress: config.SES_FROM_ADDRESS,
    configurationSetName: config.SES_CONFIGURATION_SET,
    ...(config.SES_REPLY_TO_ADDRESS ? { replyToAddress: config.SES_REPLY_TO_ADDRESS } : {}),
  });
  const preferencesUrl = `${config.CUSTOMER_PORTAL_URL.replace(/\/+$/, '')}/preferences`;
  return {
    deps,
    flushCounts,
    sender,
    preferencesUrl,
    logger: createLogger({ serviceName: 'email-dispatcher' }),
  };
}
