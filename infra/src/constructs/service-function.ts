import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { bundleFunction } from './function-bundle.js';
import { acknowledge, FINDINGS } from './nag.js';

/** The repository root: entry points are the services' TypeScript sources. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A deployed function of this system. */
export type ServiceFunction = LambdaFunction;

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
 * A Lambda function of this system: bundled on this machine with esbuild (no Docker; `function-bundle.ts` says
 * how), traced; the latest Node.js runtime CDK offers, on arm64 (cheaper per GB-s); logs kept a month.
 */
export function serviceFunction(scope: Construct, id: string, props: ServiceFunctionProps): ServiceFunction {
  const logGroup = new LogGroup(scope, `${id}Logs`, {
    retention: RetentionDays.ONE_MONTH,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const entry = path.join(REPO_ROOT, props.entry);
  const fn = new LambdaFunction(scope, id, {
    code: Code.fromAsset(path.dirname(entry), {
      // Named by what was built, so a change anywhere in what the handler imports is a new deployment.
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        local: {
          tryBundle(outputDir) {
            bundleFunction(entry, outputDir);
            return true;
          },
        },
        // Never used: bundling is local and throws rather than falling back to a container. The command names
        // the entry, so two functions of one package are never taken for one asset.
        image: DockerImage.fromRegistry('scratch'),
        command: ['bundle', props.entry],
      },
    }),
    handler: 'index.handler',
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
  });
  acknowledge(fn, {
    [FINDINGS.basicExecutionRole]:
      'The AWS-managed basic execution role only lets the function write its own logs (CreateLogStream, PutLogEvents)',
    [FINDINGS.anyResource]:
      'Active tracing: xray:PutTraceSegments and PutTelemetryRecords take no resource ARN (CDK adds them)',
  });
  return fn;
}
