import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  'IMPORT_COMMS_OIDC_PORT',
  'IMPORT_COMMS_SMTP_PORT',
] as const;

export type PortVariable = (typeof PORT_VARIABLES)[number];
export type PortSettings = Record<PortVariable, string>;

/** Every port left to the system: the runtime binds port 0 for each and reports the ports it holds. */
export const ANY_FREE_PORTS = Object.fromEntries(PORT_VARIABLES.map((name) => [name, '0'])) as PortSettings;

export interface RuntimeProcess {
  child: ChildProcess;
  output: () => string;
  /** The ports the runtime holds (from its ports file), as the variables that set them: for other processes. */
  ports: PortSettings;
  endpoint: (variable: PortVariable) => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  /** Resolves with the exit code when the process ends by itself. */
  exited: Promise<number | null>;
}

/**
 * Runs `npm start`'s entry point (the built runtime, in memory unless `args` say otherwise) until it is ready.
 * Ports are the system's choice unless given (`--services-only` is given the ports of its emulators): the
 * runtime binds them and writes them to its ports file, which is read here — nothing probes for a free port.
 */
export async function startRuntimeProcess(
  options: {
    ports?: PortSettings;
    waitFor?: RegExp;
    extraEnv?: Record<string, string>;
    args?: string[];
  } = {},
): Promise<RuntimeProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
  const asked = options.ports ?? ANY_FREE_PORTS;
  const portsDir = mkdtempSync(path.join(tmpdir(), 'import-comms-ports-'));
  const portsFile = path.join(portsDir, 'ports.json');
  const child = spawn(process.execPath, [MAIN, ...(options.args ?? ['--in-memory'])], {
    // Tests count what they make: no demo history unless a test asks for it.
    env: {
      ...process.env,
      IMPORT_COMMS_DEMO_HISTORY: 'false',
      ...asked,
      IMPORT_COMMS_PORTS_FILE: portsFile,
      ...options.extraEnv,
    },
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
      rmSync(portsDir, { recursive: true, force: true });
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
  const ports = existsSync(portsFile) ? portSettingsOf(portsFile) : asked;
  return {
    child,
    output: () => output,
    ports,
    endpoint: (variable) => `http://127.0.0.1:${ports[variable]}`,
    exited,
    stop: async (signal = 'SIGINT') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/**
 * The runtime's ports file (`{ service: { url, port, env } }`, see src/ports-file.ts), as the variables that
 * would set those ports. Read as JSON here: the suites of other workspaces include this file on its own.
 */
function portSettingsOf(file: string): PortSettings {
  const services = Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, BoundService>);
  const ports = Object.fromEntries(services.map((service) => [service.env, String(service.port)]));
  for (const name of PORT_VARIABLES) {
    if (!Number(ports[name])) throw new Error(`the runtime's ports file names no port for ${name}`);
  }
  return ports as PortSettings;
}

interface BoundService {
  url: string;
  port: number;
  env: string;
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
