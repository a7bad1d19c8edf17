import { createContainer } from './container.js';
import { createHandler } from './create-handler.js';

/** The Lambda entry point: the container is built once per Lambda container, at module scope. */
export const handler = createHandler(createContainer());
