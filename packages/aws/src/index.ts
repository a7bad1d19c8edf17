export * from './cognito/rep-directory.js';
export * from './dynamodb/client.js';
export * from './dynamodb/communication-repository.js';
export * from './dynamodb/customer-repository.js';
export * from './dynamodb/inbound-store.js';
export * from './dynamodb/payment-reminders.js';
export * from './dynamodb/rate-limiter.js';
export {
  type ReindexSummary,
  reindexSearch,
  SEARCH_INDEX_VERSION,
  searchIndexIsCurrent,
} from './dynamodb/search/reindex.js';
export * from './dynamodb/send-rate-limiter.js';
export * from './dynamodb/silence-watch-store.js';
export * from './dynamodb/status-counts.js';
export * from './dynamodb/table-definition.js';
export * from './dynamodb/task-repository.js';
export * from './dynamodb/template-repository.js';
export * from './errors.js';
export * from './eventbridge/inbound-publisher.js';
export * from './eventbridge/status-publisher.js';
export * from './inbound/notifications.js';
export * from './lambda/business-metrics.js';
export * from './lambda/dispatch-record.js';
export * from './lambda/dispatcher-environment.js';
export * from './lambda/environment.js';
export * from './lambda/sqs-batch.js';
export * from './lambda/wiring.js';
export * from './logging/logger.js';
export * from './logging/pii.js';
export * from './provider-errors.js';
export * from './s3/mail-bucket.js';
export * from './secrets/reply-secret.js';
export * from './ses/send-quota.js';
export * from './ses/ses-email-sender.js';
export * from './sns/sns-sms-sender.js';
export * from './sqs/dead-letter.js';
export * from './sqs/queue-monitor.js';
export * from './sqs/sqs-dispatch-queue.js';
export * from './topology/security-headers.js';
export * from './topology/sign-in.js';
export * from './topology/topology.js';
