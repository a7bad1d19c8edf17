import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';
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

/** The CDK app's bundling settings (infra/src/constructs/service-function.ts). */
async function bundle(entry: string | { contents: string }, outfile: string): Promise<Metafile> {
  const result = await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [path.join(repoRoot, entry)] }
      : { stdin: { contents: entry.contents, resolveDir: repoRoot, loader: 'js' } }),
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    minify: true,
    keepNames: true,
    mainFields: ['module', 'main'],
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    metafile: true,
    logLevel: 'silent',
  });
  return result.metafile;
}

/** Milliseconds a fresh Node process spends importing a module (median of runs). */
function importTime(file: string, runs = 7): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const output = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const t = performance.now(); await import(${JSON.stringify(`file://${file}`)}); console.log(performance.now() - t);`,
      ],
      { env: { ...process.env, ...ENVIRONMENT }, encoding: 'utf8' },
    );
    times.push(Number(output.trim()));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
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
  const emptyTime = importTime(empty);
  const results: BenchmarkResult[] = [];
  for (const fn of FUNCTIONS) {
    mkdirSync(path.join(dir, fn.name));
    const file = path.join(dir, fn.name, 'index.mjs');
    const metafile = await bundle(fn.entry, file);
    // The SDK clients whose code is in the bundle (esbuild also reads modules it then shakes out).
    const inBundle = Object.values(metafile.outputs)[0]?.inputs ?? {};
    const clients = [
      ...new Set(
        Object.entries(inBundle)
          .filter(([, input]) => input.bytesInOutput > 0)
          .map(([file]) => /node_modules\/(@aws-sdk\/(?:client-[a-z0-9-]+|lib-dynamodb))\//.exec(file)?.[1])
          .filter((name): name is string => Boolean(name)),
      ),
    ].sort();
    const zodBytes = Object.entries(inBundle)
      .filter(([file]) => file.includes('node_modules/zod/'))
      .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
    const floorFile = path.join(dir, fn.name, 'floor.mjs');
    await bundle(
      {
        contents: clients
          .map(
            (client, index) => `import * as c${index} from '${client}'; globalThis.keep${index} = c${index};`,
          )
          .join('\n'),
      },
      floorFile,
    );
    const size = statSync(file).size;
    const floorSize = statSync(floorFile).size;
    const init = importTime(file) - emptyTime;
    const floorInit = importTime(floorFile) - emptyTime;
    results.push(
      ratioResult({
        name: `Bundle of ${fn.name}`,
        figure: size / 1024,
        unit: 'KB',
        floorName: 'its SDK clients alone',
        floor: floorSize / 1024,
        goal: { ratio: SIZE_RATIO_GOAL, direction: 'at-most' },
        notes: `minified ESM as the CDK app bundles it, no source map; SDK clients: ${clients.join(', ')}; zod is ${(zodBytes / 1024).toFixed(0)} KB of it.`,
      }),
      ratioResult({
        name: `Module init of ${fn.name}`,
        figure: init,
        unit: 'ms',
        floorName: 'its SDK clients alone',
        floor: floorInit,
        goal: { ratio: INIT_RATIO_GOAL, direction: 'at-most' },
        notes: `fresh Node ${process.version} process importing the bundle, minus an empty module (${emptyTime.toFixed(1)} ms); median of 7.`,
      }),
    );
  }
  return results;
}
