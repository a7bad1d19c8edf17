import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { createDynamoClient, ensureTable } from '@import-comms/aws';
import dynalite from 'dynalite';
import type { RuntimeConfig } from '../config.js';
import { type Listening, listen } from './listen.js';

/** dynalite on disk under .data/dynamodb (or in memory), with the system's table created from its definition. */
export async function startDynamo(config: RuntimeConfig): Promise<Listening> {
  const dataPath = config.dataDir ? path.join(config.dataDir, 'dynamodb') : undefined;
  if (dataPath) mkdirSync(dataPath, { recursive: true });
  const server: Server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(dataPath ? { path: dataPath } : {}),
  });
  const running = await listen(server, config.host, config.ports.dynamodb, 'DynamoDB');
  const client = createDynamoClient({
    endpoint: `http://${config.host}:${running.port}`,
    region: config.region,
  });
  await ensureTable(client, config.tableName);
  client.destroy();
  return running;
}
