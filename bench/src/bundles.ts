import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FUNCTION_BUILD_OPTIONS, FUNCTION_BUILD_PLUGINS } from '@import-comms/infra/function-bundle';
import { build } from 'esbuild';
import { type BenchmarkResult, ratioResult } from './report.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The functions the CDK app deploys, with the environment their configuration needs to load. */
const FUNCTIONS: { name: string; entry: string }[] = [
  { name: 'trigger-service', entry: 'packages/trigger-service/src/handler.ts' },
  { name: 'sweeper', entry: 'packages/trigger-service/src/sweeper.ts' },
  { name: 'email-dispatcher', entry: 'packages/email-dispatcher/src/handler.ts' },
  { name: 'sms-dispatcher', entry: 'packages/sms-dispatcher/src/handler.ts' },
  { name: 'log-service', entry: 'packages/log-service/src/handler.ts' },
  { name: 'sms-receipts', entry: 'packages/log-service/src/sms-receipts.ts' },
  { name: 'api', entry: 'packages/api/src/handler.ts' },
];

const ENVIRONMENT = {
  AWS_REGION: 'ap-southeast-2',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  TABLE_NAME: 'bench',
  EVENT_BUS_NAME: 'bench',
  EMAIL_QUEUE_URL: 'https://sqs.ap-southeast-2.amazonaws.com/123456789012/email',
  SMS_QUEUE_URL: 'https://sqs.ap-southeast-2.amazonaws.com/123456789012/sms',
  TRIGGER_DLQ_URL: 'https://sqs.ap-southeast-2.amazonaws.com/123456789012/trigger-dlq',
  CALLBACK_QUEUE_URL: 'https://sqs.ap-southeast-2.amazonaws.com/123456789012/callback',
  EMAIL_DLQ_URL: 'https://sqs.ap-southeast-2.amazonaws.com/123456789012/email-dlq',
  SMS_DLQ_URL: 'https://sqs.ap-southeast-2.amazonaws.com/123456789012/sms-dlq',
  CALLBACK_DLQ_URL: 'https://sqs.ap-southeast-2.amazonaws.com/123456789012/callback-dlq',
  COMPANY_NAME: 'Bench',
  COMPANY_PHONE: '+61 3 9000 0000',
  COMPANY_EMAIL: 'bench@example.com',
  COMPANY_WEBSITE: 'https://example.com',
  CUSTOMER_PORTAL_URL: 'https://example.com',
  SES_FROM_ADDRESS: 'bench@example.com',
  SES_CONFIGURATION_SET: 'bench',
  SMS_SENDER_ID: 'Bench',
  SMS_MAX_PRICE_USD: '0.50',
  AUTH_ISSUER: 'https://cognito-idp.ap-southeast-2.amazonaws.com/pool',
  AUTH_AUDIENCE: 'client',
};

/** A function's own code may add at most a quarter to what its SDK clients weigh and cost at start. */
const SIZE_RATIO_GOAL = 1.25;
const INIT_RATIO_GOAL = 1.25;

/**
 * Bundles as the CDK app does (the same options), into `outdir`. Returns what a cold start reads: `index.mjs` and
 * the chunks it imports up front (not those it loads with `import()` on first use), their size, the whole
 * bundle's size, and the bytes each input package puts into the part read at start.
 */
async function bundle(entry: string | { contents: string }, outdir: string) {
  const result = await build({
    ...FUNCTION_BUILD_OPTIONS,
    plugins: FUNCTION_BUILD_PLUGINS,
    ...(typeof entry === 'string'
      ? { entryPoints: { index: path.join(repoRoot, entry) } }
      : { stdin: { contents: entry.contents, resolveDir: repoRoot, loader: 'js' } }),
    outdir,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  // The metafile names files relative to the working directory: compared as absolute paths.
  const key = (file: string) => path.resolve(file);
  const byKey = new Map(Object.entries(outputs).map(([file, output]) => [key(file), output]));
  const index = path.join(outdir, 'index.mjs');
  const atStart = new Set<string>();
  const visit = (file: string) => {
    if (atStart.has(file)) return;
    atStart.add(file);
    for (const imported of byKey.get(file)?.imports ?? [])
      if (imported.kind === 'import-statement' && !imported.external) visit(key(imported.path));
  };
  visit(index);
  const inputs: Record<string, number> = {};
  for (const file of atStart)
    for (const [input, { bytesInOutput }] of Object.entries(byKey.get(file)?.inputs ?? {}))
      inputs[input] = (inputs[input] ?? 0) + bytesInOutput;
  const sizeOf = (files: Iterable<string>) =>
    [...files].reduce((sum, file) => sum + (byKey.get(file)?.bytes ?? 0), 0);
  return {
    index,
    startBytes: sizeOf(atStart),
    totalBytes: sizeOf(byKey.keys()),
    chunksAtStart: atStart.size,
    inputs,
  };
}

/** Milliseconds a fresh Node process spends importing a module, once. */
function importOnce(file: string): number {
  const output = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const t = performance.now(); await import(${JSON.stringify(`file://${file}`)}); console.log(performance.now() - t);`,
    ],
    { env: { ...process.env, ...ENVIRONMENT }, encoding: 'utf8' },
  );
  return Number(output.trim());
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** Import runs for each file: this host's speed drifts by tens of percent within a minute. */
const IMPORT_RUNS = 15;

/**
 * Median import time of each file, the files taking turns run after run: a slow spell of the host falls on all
 * of them alike instead of on whichever was measured then.
 */
function importTimes(files: readonly string[]): number[] {
  const times = files.map((): number[] => []);
  for (let run = 0; run < IMPORT_RUNS; run += 1)
    for (const [index, file] of files.entries()) times[index]?.push(importOnce(file));
  return times.map(median);
}

/**
 * Bundle size and module init time of each Lambda function, bundled as the CDK app bundles them (no source
 * maps), each against a floor bundle that imports only the SDK clients the function uses: what the function's
 * own code and libraries add to the cold start.
 */
export async function bundleBenchmarks(): Promise<BenchmarkResult[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bundles-'));
  const empty = path.join(dir, 'empty.mjs');
  writeFileSync(empty, 'export {};\n');
  const [emptyTime = Number.NaN] = importTimes([empty]);
  const results: BenchmarkResult[] = [];
  for (const fn of FUNCTIONS) {
    const built = await bundle(fn.entry, path.join(dir, fn.name, 'function'));
    // The SDK clients whose code is read at start (esbuild also reads modules it then shakes out).
    const clients = [
      ...new Set(
        Object.entries(built.inputs)
          .filter(([, bytes]) => bytes > 0)
          .map(([file]) => /node_modules\/(@aws-sdk\/(?:client-[a-z0-9-]+|lib-dynamodb))\//.exec(file)?.[1])
          .filter((name): name is string => Boolean(name)),
      ),
    ].sort();
    const zodBytes = Object.entries(built.inputs)
      .filter(([file]) => file.includes('node_modules/zod/'))
      .reduce((sum, [, bytes]) => sum + bytes, 0);
    const floor = await bundle(
      {
        contents: clients
          .map(
            (client, index) => `import * as c${index} from '${client}'; globalThis.keep${index} = c${index};`,
          )
          .join('\n'),
      },
      path.join(dir, fn.name, 'floor'),
    );
    const [withCode = Number.NaN, floorOnly = Number.NaN] = importTimes([built.index, floor.index]);
    const init = withCode - emptyTime;
    const floorInit = floorOnly - emptyTime;
    results.push(
      ratioResult({
        name: `Bundle of ${fn.name}, read at start`,
        figure: built.startBytes / 1024,
        unit: 'KB',
        floorName: 'its SDK clients alone',
        floor: floor.startBytes / 1024,
        goal: { ratio: SIZE_RATIO_GOAL, direction: 'at-most' },
        notes: `minified ESM as the CDK app bundles it, no source map: index.mjs and the ${built.chunksAtStart - 1} chunks it imports up front, of ${(built.totalBytes / 1024).toFixed(0)} KB in all (the rest loads on first use); SDK clients: ${clients.join(', ')}; zod is ${(zodBytes / 1024).toFixed(0)} KB of it.`,
      }),
      ratioResult({
        name: `Module init of ${fn.name}`,
        figure: init,
        unit: 'ms',
        floorName: 'its SDK clients alone',
        floor: floorInit,
        goal: { ratio: INIT_RATIO_GOAL, direction: 'at-most' },
        notes: `fresh Node ${process.version} process importing the bundle, minus an empty module (${emptyTime.toFixed(1)} ms); medians of ${IMPORT_RUNS}, the bundle and its floor taking turns.`,
      }),
    );
  }
  return results;
}
