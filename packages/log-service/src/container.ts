import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  createDocumentClient,
  createDynamoClient,
  createLogger,
  DynamoCommunicationRepository,
  DynamoCustomerRepository,
  EventBridgeStatusPublisher,
} from '@import-comms/aws';
import type { LogDependencies } from './app/record-callback.js';
import { readConfig } from './config.js';

/** Built once per Lambda container (module scope), reused by every invocation. */
export function createContainer(env: NodeJS.ProcessEnv = process.env) {
  const config = readConfig(env);
  const documents = createDocumentClient(createDynamoClient());
  const deps: LogDependencies = {
    communications: new DynamoCommunicationRepository(documents, config.TABLE_NAME),
    customers: new DynamoCustomerRepository(documents, config.TABLE_NAME),
    ...(config.EVENT_BUS_NAME
      ? { statusPublisher: new EventBridgeStatusPublisher(new EventBridgeClient({}), config.EVENT_BUS_NAME) }
      : {}),
  };
  return { deps, logger: createLogger({ serviceName: 'log-service' }) };
}
