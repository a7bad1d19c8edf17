import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import {
  createDocumentClient,
  createDynamoClient,
  createLogger,
  DynamoCommunicationRepository,
  DynamoCustomerRepository,
  EventBridgeStatusPublisher,
  SesEmailSender,
} from '@import-comms/aws';
import { type DispatchDependencies, systemClock } from '@import-comms/core';
import { readConfig } from './config.js';

/** Built once per Lambda container (module scope), reused by every invocation. */
export function createContainer(env: NodeJS.ProcessEnv = process.env) {
  const config = readConfig(env);
  const documents = createDocumentClient(createDynamoClient());
  const deps: DispatchDependencies = {
    communications: new DynamoCommunicationRepository(documents, config.TABLE_NAME),
    customers: new DynamoCustomerRepository(documents, config.TABLE_NAME),
    clock: systemClock,
    claimLeaseSeconds: 60,
    ...(config.EVENT_BUS_NAME
      ? { statusPublisher: new EventBridgeStatusPublisher(new EventBridgeClient({}), config.EVENT_BUS_NAME) }
      : {}),
  };
  const sender = new SesEmailSender(new SESv2Client({}), {
    fromAddress: config.SES_FROM_ADDRESS,
    configurationSetName: config.SES_CONFIGURATION_SET,
    ...(config.SES_REPLY_TO_ADDRESS ? { replyToAddress: config.SES_REPLY_TO_ADDRESS } : {}),
  });
  const preferencesUrl = `${config.CUSTOMER_PORTAL_URL.replace(/\/+$/, '')}/preferences`;
  return { deps, sender, preferencesUrl, logger: createLogger({ serviceName: 'email-dispatcher' }) };
}
