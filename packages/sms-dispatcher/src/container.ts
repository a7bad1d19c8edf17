import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SNSClient } from '@aws-sdk/client-sns';
import {
  createDocumentClient,
  createDynamoClient,
  createLogger,
  DynamoCommunicationRepository,
  DynamoCustomerRepository,
  EventBridgeStatusPublisher,
  SnsSmsSender,
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
  const sender = new SnsSmsSender(new SNSClient({}), {
    senderId: config.SMS_SENDER_ID,
    maxPriceUsd: config.SMS_MAX_PRICE_USD,
  });
  return { deps, sender, logger: createLogger({ serviceName: 'sms-dispatcher' }) };
}
