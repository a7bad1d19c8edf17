import path from 'node:path';

/** Every local endpoint, its default port and the environment variable that overrides it. */
export const PORTS = {
  dynamodb: { env: 'IMPORT_COMMS_DYNAMODB_PORT', default: 8000, label: 'DynamoDB (dynalite)' },
  sqs: { env: 'IMPORT_COMMS_SQS_PORT', default: 9324, label: 'SQS + SNS topics (fauxqs)' },
  sns: { env: 'IMPORT_COMMS_SNS_PORT', default: 9911, label: 'SNS with SMS capture' },
  ses: { env: 'IMPORT_COMMS_SES_PORT', default: 8005, label: 'SES v2 (aws-ses-v2-local), mail viewer' },
  eventbridge: { env: 'IMPORT_COMMS_EVENTBRIDGE_PORT', default: 4010, label: 'EventBridge PutEvents' },
  app: {
    env: 'IMPORT_COMMS_APP_PORT',
    default: 3000,
    label: 'Web UI, API (/api), tokens (/auth/local)',
  },
  oidc: { env: 'IMPORT_COMMS_OIDC_PORT', default: 3001, label: 'OpenID provider (sign-in)' },
  smtp: { env: 'IMPORT_COMMS_SMTP_PORT', default: 2525, label: 'SMTP: customer replies (as SES receiving)' },
} as const;

/** Replies go to `reply+<token>@` this domain locally (a subdomain of the company's, as in AWS). */
export const LOCAL_REPLY_DOMAIN = 'reply.harbourline.example';
/** Signs local reply addresses; in AWS the key is a Secrets Manager secret the CDK app generates. */
export const LOCAL_REPLY_SECRET = 'local-reply-addresses-are-signed-with-this';

export type Service = keyof typeof PORTS;

export interface RuntimeConfig {
  host: string;
  ports: Record<Service, number>;
  /** Where dynalite keeps its data; undefined keeps everything in memory. */
  dataDir?: string;
  region: string;
  tableName: string;
  /** Seed default templates and demo customers. */
  seed: boolean;
  /** Overrides the topology's visibility timeout locally: how soon a message a crashed function held returns. */
  visibilityTimeoutSeconds?: number;
  /** Count AWS calls, consumed capacity and function time (GET /_local/meter on the app server). */
  meter?: boolean;
  /** On a fresh seed, publish the demo vehicles' stage changes so the pipeline writes a first history. */
  demoHistory?: boolean;
  /** Share of SES and SNS calls answered with a throttle (fault runs only; 0 in normal use). */
  providerThrottleRate?: number;
  /** How often pollers and callback emitters look for work. */
  pollIntervalMs: number;
  /** Emails a second the local SES accepts (its GetAccount answer); above it, sends are throttled as by SES. */
  sesMaxSendRate: number;
  /** SMS a second the SMS dispatcher keeps to (the account's SMS quota in AWS). */
  smsMaxSendRate: number;
  /** Where to write the URLs the runtime bound, as JSON, once it is ready (for tools that asked for port 0). */
  portsFile?: string;
}

export class ConfigError extends Error {}

function port(env: NodeJS.ProcessEnv, service: Service): number {
  const { env: name, default: fallback } = PORTS[service];
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name} must be a port number (1–65535, or 0 for any free port), got "${raw}"`);
  }
  return value;
}

function rate(env: NodeJS.ProcessEnv, name: string): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return 0;
  const value = Number(raw);
  if (!(value >= 0 && value < 1))
    throw new ConfigError(`${name} must be a share from 0 up to 1, got "${raw}"`);
  return value;
}

/**
 * The local providers' quotas unless set (SES and SMS alike): above what one machine sends, so only runs that ask
 * for a real quota (e.g. AWS's 14 emails a second) are held to one.
 */
export const DEFAULT_SES_MAX_SEND_RATE = 200;

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value > 0 && value <= 10_000))
    throw new ConfigError(`${name} must be a number above 0, got "${raw}"`);
  return value;
}

/** The only reader of environment variables in the local runtime. */
export function readConfig(
  env: NodeJS.ProcessEnv,
  options: { inMemory: boolean; repoRoot: string },
): RuntimeConfig {
  return {
    host: '127.0.0.1',
    ports: {
      dynamodb: port(env, 'dynamodb'),
      sqs: port(env, 'sqs'),
      sns: port(env, 'sns'),
      ses: port(env, 'ses'),
      eventbridge: port(env, 'eventbridge'),
      app: port(env, 'app'),
      oidc: port(env, 'oidc'),
      smtp: port(env, 'smtp'),
    },
    ...(options.inMemory
      ? {}
      : { dataDir: path.resolve(env.IMPORT_COMMS_DATA_DIR ?? path.join(options.repoRoot, '.data')) }),
    region: env.AWS_REGION ?? 'ap-southeast-2',
    tableName: env.IMPORT_COMMS_TABLE ?? 'import-comms',
    seed: env.IMPORT_COMMS_SEED !== 'false',
    demoHistory: env.IMPORT_COMMS_DEMO_HISTORY !== 'false',
    meter: env.IMPORT_COMMS_METER === '1',
    ...(env.IMPORT_COMMS_VISIBILITY_TIMEOUT_SECONDS
      ? { visibilityTimeoutSeconds: Number(env.IMPORT_COMMS_VISIBILITY_TIMEOUT_SECONDS) }
      : {}),
    providerThrottleRate: rate(env, 'IMPORT_COMMS_FAULT_THROTTLE_RATE'),
    pollIntervalMs: 200,
    sesMaxSendRate: positive(env, 'IMPORT_COMMS_SES_MAX_SEND_RATE', DEFAULT_SES_MAX_SEND_RATE),
    smsMaxSendRate: positive(env, 'IMPORT_COMMS_SMS_MAX_SEND_RATE', DEFAULT_SES_MAX_SEND_RATE),
    ...(env.IMPORT_COMMS_PORTS_FILE ? { portsFile: path.resolve(env.IMPORT_COMMS_PORTS_FILE) } : {}),
  };
}

export function endpoint(config: RuntimeConfig, service: Service): string {
  return `${service === 'smtp' ? 'smtp' : 'http'}://${config.host}:${config.ports[service]}`;
}

/** Credentials the emulators accept; never real ones, so nothing local can reach AWS by mistake. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
