export * from './dynamodb/client.js';
export * from './dynamodb/communication-repository.js';
export * from './dynamodb/customer-repository.js';
export * from './dynamodb/table-definition.js';
export * from './dynamodb/template-repository.js';
export * from './errors.js';
export * from './logging/logger.js';
export * from './logging/pii.js';
