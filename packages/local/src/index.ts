export * from './config.js';
export { CONFIGURATION_SET, sesEventsFor, smsReceiptFor } from './emulators/callbacks.js';
export { startDynamo } from './emulators/dynamodb.js';
export { LOCAL_ACCOUNT, type RoutedEvent } from './emulators/eventbridge.js';
export { PortBusyError } from './emulators/listen.js';
export { type CapturedSms, SMS_TEST_NUMBERS } from './emulators/sms.js';
export { type SqsHandler, SqsPoller } from './pollers/sqs-poller.js';
export * from './runtime.js';
export { DEMO_CUSTOMERS, seedLocalData } from './seed.js';
