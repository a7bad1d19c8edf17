import { Agent, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoClient } from '@import-comms/aws';
import type { RuntimeConfig } from '../src/config.js';
import { startDynamo } from '../src/emulators/dynamodb.js';

/** The iterator base class of the store under dynalite: the one whose instances each query opens. */
function storeIterator(): { close(): Promise<void> } {
  const fromDynalite = createRequire(require.resolve('dynalite'));
  const fromStore = createRequire(fromDynalite.resolve('memory-level'));
  const { AbstractIterator } = fromStore('abstract-level') as { AbstractIterator: { prototype: object } };
  return Object.getPrototypeOf(AbstractIterator.prototype);
}

/** The emulator on a port of the system's choice, its table created, and a client of it. */
async function emulatorWithTable(tableName: string) {
  const config = {
    host: '127.0.0.1',
    ports: { dynamodb: 0 },
    region: 'ap-southeast-2',
    tableName,
  } as RuntimeConfig;
  const running = await startDynamo(config);
  const client = createDynamoClient({ endpoint: `http://127.0.0.1:${running.port}`, region: config.region });
  return { running, client };
}

describe('DynamoDB emulator', () => {
  it('closes the store iterator of every query (patches/dynalite: an open one pins a snapshot of the whole store)', async () => {
    const { running, client } = await emulatorWithTable('iterators');
    const iterator = storeIterator();
    const close = iterator.close;
    let closed = 0;
    iterator.close = function countedClose(this: { close(): Promise<void> }) {
      closed += 1;
      return close.call(this);
    };
    try {
      for (let i = 0; i < 20; i++) {
        await client.send(
          new PutItemCommand({ TableName: 'iterators', Item: { PK: { S: 'P' }, SK: { S: `S${i}` } } }),
        );
      }
      const queries = 30;
      for (let i = 0; i < queries; i++) {
        await client.send(
          new QueryCommand({
            TableName: 'iterators',
            KeyConditionExpression: 'PK = :p',
            ExpressionAttributeValues: { ':p': { S: 'P' } },
            Limit: i % 2 === 0 ? 5 : 100,
          }),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(closed).toBe(queries);
    } finally {
      iterator.close = close;
      client.destroy();
      await running.stop();
    }
  });
});

describe('kept-alive connections', () => {
  it('keeps an idle client connection past Node’s five seconds, as AWS endpoints do, so a paused client is not reset', async () => {
    const { running, client } = await emulatorWithTable('keep-alive');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    agent.on('free', (socket) => sockets.add(socket));
    const query = new QueryCommand({
      TableName: 'keep-alive',
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': { S: 'P' } },
    });
    // The SDK's own agent cannot be reached; the same request through one we hold shows what the server does.
    const ask = () =>
      new Promise<number>((resolve, reject) => {
        const request = httpRequest(
          { host: '127.0.0.1', port: running.port, method: 'POST', path: '/', agent },
          (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
          },
        );
        request.on('error', reject);
        request.setHeader('content-type', 'application/x-amz-json-1.0');
        request.setHeader('x-amz-target', 'DynamoDB_20120810.ListTables');
        request.end('{}');
      });
    try {
      expect((await client.send(query)).Items).toEqual([]);
      expect(await ask()).toBe(400); // unsigned: refused, but answered on a kept-alive connection
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(await ask()).toBe(400);
      // One socket served both: the server did not close it while the client paused.
      expect(sockets.size).toBe(1);
    } finally {
      agent.destroy();
      client.destroy();
      await running.stop();
    }
  }, 20_000);
});
