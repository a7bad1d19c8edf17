import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { fromIni } from '@aws-sdk/credential-providers';
import { deployedName } from '@import-comms/aws';
import { CliError } from './io.js';

/** Where the CLI points: the local runtime (default) or AWS through the standard credential chain. */
export interface TargetOptions {
  table?: string | undefined;
  stage?: string | undefined;
  aws?: boolean | undefined;
  region?: string | undefined;
  profile?: string | undefined;
}

export const TARGET_OPTIONS = {
  aws: { type: 'boolean' },
  region: { type: 'string' },
  profile: { type: 'string' },
  stage: { type: 'string' },
  table: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

export const TARGET_USAGE = `Targets the local runtime (npm start) unless --aws, --profile or --region is given; then AWS with the
standard credential chain: commands on queues and the bus then need --stage <dev|prod> (deployed names carry the
stage), commands on the table --table <deployed table name>. --json prints machine-readable output.`;

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

function localPort(variable: string, fallback: number): number {
  const value = Number(process.env[variable]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

export interface Target {
  local: boolean;
  sqs: SQSClient;
  eventBridge: EventBridgeClient;
  dynamo: DynamoDBClient;
  /** The table: `import-comms` locally; in AWS the deployed table's name (`--table`). */
  tableName: string | undefined;
  describe: string;
  /** A topology name (queue, bus) as it is named where the CLI points: with the stage in AWS. */
  nameOf(name: string): string;
}

export function connect(options: TargetOptions): Target {
  const local = !options.aws && !options.profile && !options.region;
  if (local) {
    const region = process.env.AWS_REGION ?? 'ap-southeast-2';
    const sqsPort = localPort('IMPORT_COMMS_SQS_PORT', 9324);
    const busPort = localPort('IMPORT_COMMS_EVENTBRIDGE_PORT', 4010);
    return {
      local,
      describe: `the local runtime (SQS :${sqsPort}, EventBridge :${busPort})`,
      // Queue URLs of the local SQS name *.localhost hosts: requests go to the plain endpoint instead.
      sqs: new SQSClient({
        endpoint: `http://127.0.0.1:${sqsPort}`,
        region,
        credentials: LOCAL_CREDENTIALS,
        useQueueUrlAsEndpoint: false,
      }),
      eventBridge: new EventBridgeClient({
        endpoint: `http://127.0.0.1:${busPort}`,
        region,
        credentials: LOCAL_CREDENTIALS,
      }),
      dynamo: new DynamoDBClient({
        endpoint: `http://127.0.0.1:${localPort('IMPORT_COMMS_DYNAMODB_PORT', 8000)}`,
        region,
        credentials: LOCAL_CREDENTIALS,
      }),
      tableName: options.table ?? process.env.IMPORT_COMMS_TABLE ?? 'import-comms',
      nameOf: (name) => name,
    };
  }
  const common = {
    ...(options.region ? { region: options.region } : {}),
    ...(options.profile ? { credentials: fromIni({ profile: options.profile }) } : {}),
  };
  return {
    local,
    describe: `AWS${options.profile ? ` (profile ${options.profile})` : ''}${options.region ? ` in ${options.region}` : ''}`,
    sqs: new SQSClient(common),
    eventBridge: new EventBridgeClient(common),
    dynamo: new DynamoDBClient(common),
    tableName: options.table,
    nameOf: (name) => {
      if (!options.stage)
        throw new CliError(`--stage <dev|prod> is needed in AWS: ${name} is deployed as ${name}-<stage>`, 2);
      return deployedName(name, options.stage);
    },
  };
}
