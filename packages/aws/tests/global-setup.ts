// Global setup runs outside Jest's module mapping, so it imports nothing of the project's own.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

/** Starts dynalite in memory on a free loopback port; tables become ACTIVE at once. */
async function startDynalite(): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const server: Server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** One in-memory dynalite for the whole run; each test file creates its own uniquely named table. */
export default async function globalSetup(): Promise<void> {
  const dynamo = await startDynalite();
  process.env.TEST_DYNAMODB_ENDPOINT = dynamo.endpoint;
  (globalThis as { stopDynalite?: () => Promise<void> }).stopDynalite = dynamo.stop;
}
