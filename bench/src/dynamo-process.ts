import { createInterface } from 'node:readline';
import { startDynamo } from '@import-comms/local';
import { benchRuntimeConfig } from './bench-api.js';
import { collectGarbage } from './heap.js';

/**
 * DynamoDB for the load benchmark, in a process of its own as DynamoDB is a service of its own in AWS: the API
 * and the simulated reps then never share its CPU. Prints `{"port":…}` once the table exists; on a `collect` line
 * collects its garbage (what loading the data left) and answers `{"collected":true}`; stops on SIGTERM.
 */
const tableName = process.argv[2];
if (!tableName) throw new Error('usage: dynamo-process <table name>');
const dynamo = await startDynamo(benchRuntimeConfig(tableName));
process.stdout.write(`${JSON.stringify({ port: dynamo.port })}\n`);
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'collect') return;
  collectGarbage();
  process.stdout.write(`${JSON.stringify({ collected: true })}\n`);
});
process.once('SIGTERM', async () => {
  await dynamo.stop();
  process.exit(0);
});
