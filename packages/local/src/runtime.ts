import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { deadLetterUrlVariable, type QueueId, queueUrlVariable, type Topology } from '@import-comms/aws';
import { SAMPLE_COMPANY } from '@import-comms/core';
import { bindAppServer, type FetchHandler } from './app-server.js';
import { createLocalIdentity, DEMO_USERS, LOCAL_CLIENT_ID } from './auth/local-identity.js';
import { startOpenIdProvider } from './auth/openid-provider.js';
import {
  endpoint,
  LOCAL_CREDENTIALS,
  LOCAL_REPLY_DOMAIN,
  LOCAL_REPLY_SECRET,
  PORTS,
  type RuntimeConfig,
  type Service,
} from './config.js';
import { CONFIGURATION_SET, startCallbacks } from './emulators/callbacks.js';
import { startDynamo } from './emulators/dynamodb.js';
import { type RoutedEvent, startEventBridge } from './emulators/eventbridge.js';
import { startInboundDelivery } from './emulators/inbound.js';
import type { Listening, Running } from './emulators/listen.js';
import { startSes } from './emulators/ses.js';
import { type CapturedSms, startSms } from './emulators/sms.js';
import { startSmtp } from './emulators/smtp.js';
import { createSqsClient, findQueues, type QueueUrls, sqsEndpoint, startSqs } from './emulators/sqs.js';
import { installProviderThrottling } from './faults.js';
import { LiveChanges } from './live-changes.js';
import { installMeter } from './metering.js';
import { type SqsHandler, SqsPoller } from './pollers/sqs-poller.js';
import { demoStageEvents, type SeedSummary, seedLocalData, upgradeStoredData } from './seed.js';

type Meter = ReturnType<typeof installMeter>;

/**
 * What the functions find in their environment in AWS (set by the CDK app there): endpoints of the emulators
 * through the SDK's own `AWS_ENDPOINT_URL_<SERVICE>` variables, so no production code knows it runs locally.
 * Variables already set win.
 */
export function lambdaEnvironment(
  config: RuntimeConfig,
  queues: QueueUrls,
  eventBusName: string,
): Record<string, string> {
  const queueUrl = (id: string, deadLetter = false) => {
    const queue = queues[id];
    if (!queue) throw new Error(`the topology has no ${id} queue`);
    return deadLetter ? queue.deadLetterUrl : queue.url;
  };
  return {
    AWS_REGION: config.region,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoint(config, 'dynamodb'),
    AWS_ENDPOINT_URL_SQS: sqsEndpoint(config),
    AWS_ENDPOINT_URL_SNS: endpoint(config, 'sns'),
    AWS_ENDPOINT_URL_SESV2: endpoint(config, 'ses'),
    AWS_ENDPOINT_URL_EVENTBRIDGE: endpoint(config, 'eventbridge'),
    // fauxqs serves S3 on its own port besides SQS and SNS topics (path-style addressing).
    AWS_ENDPOINT_URL_S3: `http://${config.host}:${config.ports.sqs}`,
    REPLY_DOMAIN: LOCAL_REPLY_DOMAIN,
    REPLY_TOKEN_SECRET: LOCAL_REPLY_SECRET,
    POWERTOOLS_LOG_LEVEL: 'WARN',
    // Business figures are CloudWatch's (EMF lines in the function's log): not printed on a developer's console.
    POWERTOOLS_METRICS_DISABLED: 'true',
    TABLE_NAME: config.tableName,
    EVENT_BUS_NAME: eventBusName,
    // Every queue's and DLQ's URL, named as the CDK app names them for the functions that use them.
    ...Object.fromEntries(
      (Object.keys(queues) as QueueId[]).flatMap((id) => [
        [queueUrlVariable(id), queueUrl(id)],
        [deadLetterUrlVariable(id), queueUrl(id, true)],
      ]),
    ),
    COMPANY_NAME: SAMPLE_COMPANY.name,
    COMPANY_PHONE: SAMPLE_COMPANY.phone,
    COMPANY_EMAIL: SAMPLE_COMPANY.email,
    COMPANY_WEBSITE: SAMPLE_COMPANY.website,
    CUSTOMER_PORTAL_URL: SAMPLE_COMPANY.portalUrl,
    SES_FROM_ADDRESS: `${SAMPLE_COMPANY.name} <${SAMPLE_COMPANY.email}>`,
    SES_CONFIGURATION_SET: CONFIGURATION_SET,
    SMS_SENDER_ID: 'Harbourline',
    SMS_MAX_PRICE_USD: '0.50',
    SMS_MAX_SEND_RATE: String(config.smsMaxSendRate),
    AUTH_ISSUER: localIssuer(config),
    AUTH_JWKS_URL: `${localIssuer(config)}/jwks`,
    AUTH_AUDIENCE: LOCAL_CLIENT_ID,
    // The team the API names reps from: the demo users (in AWS, the user pool's role groups).
    REPS_JSON: JSON.stringify(
      DEMO_USERS.map((user) => ({
        id: user.username,
        name: user.name,
        roles: [...user.groups],
        active: true,
      })),
    ),
  };
}

/** The issuer of local tokens: the runtime's OpenID provider. */
export function localIssuer(config: RuntimeConfig): string {
  return endpoint(config, 'oidc');
}

export interface RuntimeEvents {
  info(message: string, details?: Record<string, unknown>): void;
  error(message: string, error: unknown): void;
  routed?(routed: RoutedEvent): void;
  sms?(sms: CapturedSms): void;
}

export interface RuntimeOptions {
  config: RuntimeConfig;
  topology: Topology;
  /**
   * Loads the Lambda handlers by name (`trigger-service`, …) once the emulators and queues exist, after their
   * configuration has been put in the environment (as Lambda would have it). Queues whose handler is absent
   * keep their messages.
   */
  loadHandlers: () => Promise<Partial<Record<string, SqsHandler>>>;
  /** Loads the HTTP API (after the environment is set, as for the handlers); absent: no app server. */
  loadApi?: () => Promise<FetchHandler>;
  /** The built web UI, served by the app server at `/`. */
  webRoot?: string;
  /** Loads the scheduled functions by name (`sweeper`, …), like `loadHandlers`. */
  loadSchedules?: () => Promise<Partial<Record<string, () => Promise<unknown>>>>;
  /** How often scheduled functions run locally (faster than in AWS, so deferred messages show up soon). */
  scheduleIntervalSeconds?: number;
  events: RuntimeEvents;
  /** Retry delay of failed messages (see SqsPoller). */
  retryDelaySeconds?: number;
}

export interface LocalRuntime {
  /** Where each service listens: the ports asked for, or those the system chose where 0 was asked. */
  urls: Record<Service, string>;
  queues: QueueUrls;
  seeded?: SeedSummary;
  capturedSms: CapturedSms[];
  stop(): Promise<void>;
}

/** What running the functions needs of the runtime's options. */
type ServicesOptions = Pick<
  RuntimeOptions,
  | 'config'
  | 'topology'
  | 'events'
  | 'loadHandlers'
  | 'loadSchedules'
  | 'scheduleIntervalSeconds'
  | 'retryDelaySeconds'
>;

/**
 * The functions, as Lambda runs them: their configuration in the environment, a poller per queue feeding each
 * handler (like an event source mapping), and the scheduled functions on a timer.
 */
async function startServices(
  options: ServicesOptions,
  queues: QueueUrls,
  sqs: SQSClient,
  started: Running[],
  pollers: SqsPoller[],
  meter?: Meter,
  onHandled?: () => void,
): Promise<{ consumers: number }> {
  const { config, topology, events } = options;
  // Like Lambda, the functions read their configuration from the environment; variables already set win.
  for (const [name, value] of Object.entries(lambdaEnvironment(config, queues, topology.eventBusName))) {
    process.env[name] ??= value;
  }
  if (config.providerThrottleRate) {
    // After the meter, so throttled calls are still counted; before the handlers create their clients.
    const throttling = installProviderThrottling(config.providerThrottleRate);
    started.push({ stop: async () => events.info(throttling.summary()) });
  }
  const handlers = await options.loadHandlers();
  for (const queue of topology.queues) {
    const handler = handlers[queue.consumer.handler];
    const urls = queues[queue.id];
    if (!handler || !urls) {
      events.info(`no ${queue.consumer.handler} handler yet: messages wait in ${queue.name}`);
      continue;
    }
    const poller = new SqsPoller({
      sqs,
      queue,
      queueUrl: urls.url,
      queueArn: urls.arn,
      region: config.region,
      handler,
      retryDelaySeconds: options.retryDelaySeconds ?? 2,
      onError: events.error,
      ...(meter ? { onInvoked: meter.invoked } : {}),
      ...(onHandled ? { onHandled } : {}),
    });
    poller.start();
    pollers.push(poller);
  }
  const schedules = options.loadSchedules ? await options.loadSchedules() : {};
  for (const schedule of topology.schedules) {
    const run = schedules[schedule.handler];
    if (!run) continue;
    let busy = false;
    const timer = setInterval(
      () => {
        if (busy) return;
        busy = true;
        const began = performance.now();
        run()
          .then(() => meter?.invoked(schedule.handler, performance.now() - began))
          .catch((error: unknown) => events.error(`${schedule.name} failed`, error))
          .finally(() => {
            busy = false;
          });
      },
      (options.scheduleIntervalSeconds ?? 5) * 1000,
    );
    started.push({ stop: async () => clearInterval(timer) });
  }
  return { consumers: pollers.length };
}

async function publishDemoHistory(config: RuntimeConfig, eventBusName: string): Promise<void> {
  const bus = new EventBridgeClient({
    endpoint: endpoint(config, 'eventbridge'),
    region: config.region,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    const entries = demoStageEvents(eventBusName, new Date());
    for (let start = 0; start < entries.length; start += 10)
      await bus.send(new PutEventsCommand({ Entries: entries.slice(start, start + 10) }));
  } finally {
    bus.destroy();
  }
}

/**
 * Only the functions, against emulators another process runs (`npm start -- --emulators-only`): a crash of this
 * process is a crash of the Lambda functions, while the queues — durable in AWS — keep their messages.
 */
export async function startServicesOnly(options: ServicesOptions): Promise<{ stop(): Promise<void> }> {
  const started: Running[] = [];
  const pollers: SqsPoller[] = [];
  const queues = await findQueues(options.config, options.topology);
  const sqs = createSqsClient(options.config);
  started.push({ stop: async () => sqs.destroy() });
  await startServices(options, queues, sqs, started, pollers);
  return {
    stop: async () => {
      await Promise.all(pollers.map((poller) => poller.stop()));
      for (const running of started.reverse()) await running.stop().catch(() => undefined);
    },
  };
}

/**
 * Starts the whole system on one machine: emulators first, then the table and queues, then the seed, then the
 * pollers that feed the handlers. If any step fails, whatever started is stopped again before the error is
 * thrown, so nothing is left listening.
 */
export async function startRuntime(options: RuntimeOptions): Promise<LocalRuntime> {
  const { topology, events } = options;
  // A port asked for may be 0: each server reports the port it holds, and everything started after it (and
  // the functions' environment) uses that one, so nothing picks a port it does not hold.
  const config: RuntimeConfig = { ...options.config, ports: { ...options.config.ports } };
  const started: Running[] = [];
  const pollers: SqsPoller[] = [];
  const stopAll = async () => {
    await Promise.all(pollers.map((poller) => poller.stop()));
    for (const running of started.reverse()) await running.stop().catch(() => undefined);
  };
  const bound = <T extends Listening>(service: Service, running: T): T => {
    config.ports[service] = running.port;
    started.push(running);
    return running;
  };
  try {
    bound('dynamodb', await startDynamo(config));
    const sqsRuntime = bound('sqs', await startSqs(config, topology));
    bound('ses', await startSes(config));
    const sqs = createSqsClient(config);
    started.push({ stop: async () => sqs.destroy() });
    const callbackQueue = sqsRuntime.queues.callback;
    if (!callbackQueue) throw new Error('the topology has no callback queue');
    const callbacks = startCallbacks({
      config,
      sqs,
      callbackQueueUrl: callbackQueue.url,
      onError: events.error,
    });
    started.push(callbacks);
    const live = new LiveChanges();
    // Inbound messages as in AWS: the bucket SES receiving writes to, and the topics feeding the inbound queue.
    const inbound = await startInboundDelivery(config, topology, sqsRuntime.queues);
    started.push(inbound);
    const sms = bound(
      'sns',
      await startSms(
        config,
        (captured) => {
          events.sms?.(captured);
          callbacks.smsSent(captured);
        },
        { publish: (message) => inbound.publish('inbound-sms', message) },
      ),
    );
    bound(
      'smtp',
      await startSmtp({
        config,
        replyDomain: LOCAL_REPLY_DOMAIN,
        delivery: inbound,
        onError: events.error,
      }),
    );
    bound(
      'eventbridge',
      await startEventBridge({
        config,
        topology,
        queues: sqsRuntime.queues,
        sqs,
        ...(events.routed ? { onRouted: events.routed } : {}),
        onEvent: (envelope) => live.fromEvent(envelope),
        onError: events.error,
      }),
    );
    // Bound now, served last: the functions' token issuer names the app's address.
    const app = options.loadApi
      ? bound('app', await bindAppServer(config.host, config.ports.app))
      : undefined;
    // Sign-in as in AWS: the UI is redirected to an OpenID provider and back, with the app as its one client.
    const openId = app
      ? bound(
          'oidc',
          await startOpenIdProvider({
            host: config.host,
            port: config.ports.oidc,
            appUrl: app.url,
            identity: createLocalIdentity,
          }),
        )
      : undefined;
    const seeded = config.seed ? await seedLocalData(config) : undefined;
    await upgradeStoredData(config, events.info);
    // Installed before the functions load, so every client they create is counted.
    const meter = config.meter ? installMeter() : undefined;
    const services = await startServices(
      { ...options, config },
      sqsRuntime.queues,
      sqs,
      started,
      pollers,
      meter,
      // What the pipeline wrote (a message created, sent, delivered) reaches open screens at once.
      () => live.publish({ kind: 'communication' }),
    );
    if (seeded && seeded.templatesCreated > 0 && config.demoHistory && services.consumers > 0) {
      await publishDemoHistory(config, topology.eventBusName);
      events.info('published the demo stage changes: the pipeline writes a first history');
    }
    if (app && openId && options.loadApi) {
      app.serve({
        identity: openId.identity,
        api: await options.loadApi(),
        ...(options.webRoot ? { webRoot: options.webRoot } : {}),
        ...(meter ? { meter } : {}),
        live,
      });
    }
    const urls = Object.fromEntries(
      (Object.keys(PORTS) as Service[]).map((service) => [service, endpoint(config, service)]),
    ) as Record<Service, string>;
    return {
      urls,
      queues: sqsRuntime.queues,
      ...(seeded ? { seeded } : {}),
      capturedSms: sms.captured,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
