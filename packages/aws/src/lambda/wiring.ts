import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { type Channel, type DispatchDependencies, systemClock } from '@import-comms/core';
import { createDocumentClient, createDynamoClient } from '../dynamodb/client.js';
import { DynamoCommunicationRepository } from '../dynamodb/communication-repository.js';
import { DynamoCustomerRepository } from '../dynamodb/customer-repository.js';
import { DynamoInboundStore } from '../dynamodb/inbound-store.js';
import { DynamoPaymentReminders } from '../dynamodb/payment-reminders.js';
import { DynamoRateLimiter } from '../dynamodb/rate-limiter.js';
import { DynamoSendRateLimiter } from '../dynamodb/send-rate-limiter.js';
import { DynamoSilenceWatchStore } from '../dynamodb/silence-watch-store.js';
import { DynamoTaskRepository } from '../dynamodb/task-repository.js';
import { DynamoTemplateRepository } from '../dynamodb/template-repository.js';
import { EventBridgeStatusPublisher } from '../eventbridge/status-publisher.js';

/**
 * The repositories every function uses, on one DynamoDB client. Endpoints come from the SDK's own configuration
 * (`AWS_ENDPOINT_URL_DYNAMODB` locally), so nothing here knows where it runs.
 */
export function createRepositories(tableName: string, options: { bufferedCounts?: boolean } = {}) {
  const documents = createDocumentClient(createDynamoClient());
  return {
    /** The client they share, for adapters built beside them (the sending schedule). */
    documents,
    communications: new DynamoCommunicationRepository(documents, tableName, undefined, options),
    customers: new DynamoCustomerRepository(documents, tableName),
    templates: new DynamoTemplateRepository(documents, tableName),
    tasks: new DynamoTaskRepository(documents, tableName),
    silence: new DynamoSilenceWatchStore(documents, tableName),
    paymentReminders: new DynamoPaymentReminders(documents, tableName),
    rateLimiter: new DynamoRateLimiter(documents, tableName),
    inbound: new DynamoInboundStore(documents, tableName),
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

/**
 * The furthest turn within the sending rate a dispatcher waits for: well inside the function's 30 s timeout,
 * and above what a full set of concurrent batches needs at the lowest quota AWS gives (1 email a second).
 */
export const SEND_RATE_HORIZON_SECONDS = 10;

/**
 * The share of the provider's rate the schedule hands out: turns spaced exactly at the quota collide with it
 * whenever network or a busy process bunches two sends together, and each collision is a throttled call.
 */
export const SEND_RATE_HEADROOM = 0.9;

/** What both dispatchers need besides their sender, and the end-of-batch write of their counters. */
export function createDispatchDependencies(
  tableName: string,
  eventBusName: string | undefined,
  options: { claimLeaseSeconds?: number; sendRate?: (channel: Channel) => Promise<number> } = {},
): { deps: DispatchDependencies; flushCounts: () => Promise<void> } {
  const { documents, communications, customers } = createRepositories(tableName, { bufferedCounts: true });
  const rateFor = options.sendRate;
  return {
    deps: {
      communications,
      customers,
      clock: systemClock,
      claimLeaseSeconds: options.claimLeaseSeconds ?? CLAIM_LEASE_SECONDS,
      ...statusPublisherFor(eventBusName),
      ...(rateFor
        ? {
            sendRate: new DynamoSendRateLimiter(documents, tableName, {
              rateFor: async (channel) => (await rateFor(channel)) * SEND_RATE_HEADROOM,
              horizonSeconds: SEND_RATE_HORIZON_SECONDS,
              clock: systemClock,
            }),
          }
        : {}),
    },
    flushCounts: () => communications.flushCounts(),
  };
}
