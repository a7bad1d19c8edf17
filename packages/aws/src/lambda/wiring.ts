import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { type DispatchDependencies, systemClock } from '@import-comms/core';
import { createDocumentClient, createDynamoClient } from '../dynamodb/client.js';
import { DynamoCommunicationRepository } from '../dynamodb/communication-repository.js';
import { DynamoCustomerRepository } from '../dynamodb/customer-repository.js';
import { DynamoPaymentReminders } from '../dynamodb/payment-reminders.js';
import { DynamoRateLimiter } from '../dynamodb/rate-limiter.js';
import { DynamoTemplateRepository } from '../dynamodb/template-repository.js';
import { EventBridgeStatusPublisher } from '../eventbridge/status-publisher.js';

/**
 * The repositories every function uses, on one DynamoDB client. Endpoints come from the SDK's own configuration
 * (`AWS_ENDPOINT_URL_DYNAMODB` locally), so nothing here knows where it runs.
 */
export function createRepositories(tableName: string, options: { bufferedCounts?: boolean } = {}) {
  const documents = createDocumentClient(createDynamoClient());
  return {
    communications: new DynamoCommunicationRepository(documents, tableName, undefined, options),
    customers: new DynamoCustomerRepository(documents, tableName),
    templates: new DynamoTemplateRepository(documents, tableName),
    paymentReminders: new DynamoPaymentReminders(documents, tableName),
    rateLimiter: new DynamoRateLimiter(documents, tableName),
  };
}

/** Publishes `Communication Status Changed` when a bus is configured; none otherwise. */
export function statusPublisherFor(eventBusName: string | undefined): {
  statusPublisher?: EventBridgeStatusPublisher;
} {
  return eventBusName
    ? { statusPublisher: new EventBridgeStatusPublisher(new EventBridgeClient({}), eventBusName) }
    : {};
}

/** How long a dispatcher's claim holds: well above one provider call, short enough to recover a crash quickly. */
export const CLAIM_LEASE_SECONDS = 60;

/** What both dispatchers need besides their sender, and the end-of-batch write of their counters. */
export function createDispatchDependencies(
  tableName: string,
  eventBusName: string | undefined,
  claimLeaseSeconds: number = CLAIM_LEASE_SECONDS,
): { deps: DispatchDependencies; flushCounts: () => Promise<void> } {
  const { communications, customers } = createRepositories(tableName, { bufferedCounts: true });
  return {
    deps: {
      communications,
      customers,
      clock: systemClock,
      claimLeaseSeconds,
      ...statusPublisherFor(eventBusName),
    },
    flushCounts: () => communications.flushCounts(),
  };
}
