import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { acknowledge, FINDINGS } from './nag.js';

/** The repository root: entry points are the services' TypeScript sources. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ServiceFunctionProps {
  /** Entry file relative to the repository, e.g. `packages/email-dispatcher/src/handler.ts`. */
  entry: string;
  /** Powertools service name (logs, metrics). */
  service: string;
  description: string;
  environment: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
}

/**
 * A Lambda function of this system: bundled on this machine with esbuild (no Docker), ESM, minified, traced;
 * the latest Node.js runtime CDK offers, on arm64 (cheaper per GB-s); only the SDK clients the
 * handler imports end up in the bundle (nothing is marked external); logs kept a month.
 */
export function serviceFunction(scope: Construct, id: string, props: ServiceFunctionProps): NodejsFunction {
  const logGroup = new LogGroup(scope, `${id}Logs`, {
    retention: RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const fn = new NodejsFunction(scope, id, {
    entry: path.join(REPO_ROOT, props.entry),
    handler: 'handler',
    projectRoot: REPO_ROOT,
    depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
    runtime: Runtime.NODEJS_24_X,
    architecture: Architecture.ARM_64,
    memorySize: props.memorySize ?? 512,
    timeout: props.timeout ?? Duration.seconds(30),
    description: props.description,
    logGroup,
    // X-Ray traces every invocation and its AWS calls' timing from the Lambda side.
    tracing: Tracing.ACTIVE,
    environment: {
      ...props.environment,
      POWERTOOLS_SERVICE_NAME: props.service,
      POWERTOOLS_LOG_LEVEL: 'INFO',
    },
    bundling: {
      format: OutputFormat.ESM,
      target: 'node24',
      platform: 'node',
      minify: true,
      // No source maps in the deployed code: loading 2–5 MB of maps costs every cold start 80–240 ms. Names are
      // kept instead, so a stack trace still says which function failed.
      sourceMap: false,
      keepNames: true,
      mainFields: ['module', 'main'],
      externalModules: [],
      // Some dependencies are CommonJS and call require(): give the ES module one.
      banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  acknowledge(fn, {
    [FINDINGS.basicExecutionRole]:
      'The AWS-managed basic execution role only lets the function write its own logs (CreateLogStream, PutLogEvents)',
    [FINDINGS.anyResource]:
      'Active tracing: xray:PutTraceSegments and PutTelemetryRecords take no resource ARN (CDK adds them)',
  });
  return fn;
}
