import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';

const MAIN = path.resolve(__dirname, '../../dist/main.js');

export const PORT_VARIABLES = [
  'IMPORT_COMMS_DYNAMODB_PORT',
  'IMPORT_COMMS_SQS_PORT',
  'IMPORT_COMMS_SNS_PORT',
  'IMPORT_COMMS_SES_PORT',
  'IMPORT_COMMS_EVENTBRIDGE_PORT',
  'IMPORT_COMMS_APP_PORT',
] as const;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function freePorts(): Promise<Record<(typeof PORT_VARIABLES)[number], string>> {
  const entries = [];
  for (const name of PORT_VARIABLES) entries.push([name, String(await freePort())] as const);
  return Object.fromEntries(entries) as Record<(typeof PORT_VARIABLES)[number], string>;
}

export interface RuntimeProcess {
  child: ChildProcess;
  output: () => string;
  endpoint: (variable: (typeof PORT_VARIABLES)[number]) => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  /** Resolves with the exit code when the process ends by itself. */
  exited: Promise<number | null>;
}

/** Runs `npm start`'s entry point (the built runtime, in memory unless `args` say otherwise) until it is ready. */
export async function startRuntimeProcess(
  ports: Record<(typeof PORT_VARIABLES)[number], string>,
  options: { waitFor?: RegExp; extraEnv?: Record<string, string>; args?: string[] } = {},
): Promise<RuntimeProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
  const child = spawn(process.execPath, [MAIN, ...(options.args ?? ['--in-memory'])], {
    // Tests count what they make: no demo history unless a test asks for it.
    env: { ...process.env, IMPORT_COMMS_DEMO_HISTORY: 'false', ...ports, ...options.extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code, signal) => {
      if (signal) output += `\n[killed by ${signal}]`;
      resolve(code);
    }),
  );
  const waitFor = options.waitFor ?? /Press Ctrl-C to stop/;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`runtime did not start in time:\n${output}`)), 30_000);
    const check = () => {
      if (waitFor.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', () => {
      clearTimeout(timer);
      if (waitFor.test(output)) resolve();
      else reject(new Error(`runtime exited early:\n${output}`));
    });
  });
  return {
    child,
    output: () => output,
    endpoint: (variable) => `http://127.0.0.1:${ports[variable]}`,
    exited,
    stop: async (signal = 'SIGINT') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Polls `probe` until it gives a value (or true); fails with what was awaited, and `details` when given. */
export async function until<T>(
  probe: () => Promise<T | undefined | false>,
  what: string,
  timeoutMs = 60_000,
  details?: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${details ? `:\n${details()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Publishes PutEvents entries in requests of ten (EventBridge's limit); any refused entry fails the test. */
export async function publishEntries(
  bus: { send(command: PutEventsCommand): Promise<{ FailedEntryCount?: number }> },
  entries: PutEventsRequestEntry[],
): Promise<void> {
  for (let start = 0; start < entries.length; start += 10) {
    const response = await bus.send(new PutEventsCommand({ Entries: entries.slice(start, start + 10) }));
    if (response.FailedEntryCount)
      throw new Error(`${response.FailedEntryCount} event(s) refused by the bus`);
  }
}
