import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/**
 * DynamoDB in a process of its own (bench/src/dynamo-process.ts); answers its port, how to have it collect its
 * garbage (one call at a time) and how to stop it.
 */
export async function startDynamoProcess(
  tableName: string,
): Promise<{ port: number; collectGarbage: () => Promise<void>; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [new URL('./dynamo-process.js', import.meta.url).pathname, tableName],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  const { port } = JSON.parse(line) as { port: number };
  return {
    port,
    collectGarbage: async () => {
      const answered = once(lines, 'line');
      child.stdin.write('collect\n');
      await answered;
    },
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}
