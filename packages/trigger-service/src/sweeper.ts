import { createSweeper } from './create-sweeper.js';
import { createSweeperContainer } from './sweeper-container.js';

/** The scheduled entry point: the container is built once per Lambda container, at module scope. */
export const handler = createSweeper(createSweeperContainer());
