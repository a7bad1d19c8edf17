export * from './api.js';
export * from './app/dependencies.js';
export * from './container.js';
export * from './http/identity.js';
