import { startDynalite } from './support/dynalite.js';

/** One in-memory dynalite for the whole run; each test file creates its own uniquely named table. */
export default async function globalSetup(): Promise<void> {
  const dynamo = await startDynalite();
  process.env.TEST_DYNAMODB_ENDPOINT = dynamo.endpoint;
  (globalThis as { stopDynalite?: () => Promise<void> }).stopDynalite = dynamo.stop;
}
