import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createDynamoClient, ensureTable } from '@import-comms/aws';
import dynalite from 'dynalite';
import type { RuntimeConfig } from '../config.js';
import { endpoint } from '../config.js';
import { listen, type Running } from './listen.js';

interface ClosableIterator {
  close(): Promise<void>;
  return?: () => Promise<{ done: true; value: undefined }>;
}

/**
 * dynalite ends each Query and Scan stream by calling `iterator.return()`, which the abstract-level 3 iterators
 * under it do not have (they have `close()`): every query left its iterator open, pinning a snapshot of the
 * store, and the emulator's memory grew with every query. Give the iterators the method dynalite calls.
 */
function closeQueryIterators(): void {
  const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
  const fromStore = createRequire(fromDynalite.resolve('memory-level'));
  const { AbstractIterator } = fromStore('abstract-level') as { AbstractIterator: { prototype: object } };
  const iterator = Object.getPrototypeOf(AbstractIterator.prototype) as ClosableIterator;
  iterator.return ??= async function closeOnReturn(this: ClosableIterator) {
    await this.close();
    return { done: true, value: undefined };
  };
}

/** dynalite on disk under .data/dynamodb (or in memory), with the system's table created from its definition. */
export async function startDynamo(config: RuntimeConfig): Promise<Running> {
  const dataPath = config.dataDir ? path.join(config.dataDir, 'dynamodb') : undefined;
  if (dataPath) mkdirSync(dataPath, { recursive: true });
  closeQueryIterators();
  const server: Server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(dataPath ? { path: dataPath } : {}),
  });
  const running = await listen(server, config.host, config.ports.dynamodb, 'DynamoDB');
  const client = createDynamoClient({ endpoint: endpoint(config, 'dynamodb'), region: config.region });
  await ensureTable(client, config.tableName);
  client.destroy();
  return running;
}
