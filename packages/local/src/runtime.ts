import type { Topology } from '@import-comms/aws';
import { endpoint, PORTS, type RuntimeConfig, type Service } from './config.js';
import { startCallbacks } from './emulators/callbacks.js';
import { startDynamo } from './emulators/dynamodb.js';
import { type RoutedEvent, startEventBridge } from './emulators/eventbridge.js';
import type { Running } from './emulators/listen.js';
import { startSes } from './emulators/ses.js';
import { type CapturedSms, startSms } from './emulators/sms.js';
import { createSqsClient, type QueueUrls, startSqs } from './emulators/sqs.js';
import { type SqsHandler, SqsPoller } from './pollers/sqs-poller.js';
import { type SeedSummary, seedLocalData } from './seed.js';

export interface RuntimeEvents {
  info(message: string, details?: Record<string, unknown>): void;
  error(message: string, error: unknown): void;
  routed?(routed: RoutedEvent): void;
  sms?(sms: CapturedSms): void;
}

export interface RuntimeOptions {
  config: RuntimeConfig;
  topology: Topology;
  /** Lambda handlers by name (`trigger-service`, …); queues whose handler is absent keep their messages. */
  handlers: Partial<Record<string, SqsHandler>>;
  events: RuntimeEvents;
  /** Retry delay of failed messages (see SqsPoller). */
  retryDelaySeconds?: number;
}

export interface LocalRuntime {
  urls: Record<Service, string>;
  queues: QueueUrls;
  seeded?: SeedSummary;
  capturedSms: CapturedSms[];
  stop(): Promise<void>;
}

/**
 * Starts the whole system on one machine: emulators first, then the table and queues, then the seed, then the
 * pollers that feed the handlers. If any step fails, whatever started is stopped again before the error is
 * thrown, so nothing is left listening.
 */
export async function startRuntime(options: RuntimeOptions): Promise<LocalRuntime> {
  const { config, topology, events } = options;
  const started: Running[] = [];
  const pollers: SqsPoller[] = [];
  const stopAll = async () => {
    await Promise.all(pollers.map((poller) => poller.stop()));
    for (const running of started.reverse()) await running.stop().catch(() => undefined);
  };
  try {
    started.push(await startDynamo(config));
    const sqsRuntime = await startSqs(config, topology);
    started.push(sqsRuntime);
    started.push(await startSes(config));
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
    const sms = await startSms(config, (captured) => {
      events.sms?.(captured);
      callbacks.smsSent(captured);
    });
    started.push(sms);
    started.push(
      await startEventBridge({
        config,
        topology,
        queues: sqsRuntime.queues,
        sqs,
        ...(events.routed ? { onRouted: events.routed } : {}),
        onError: events.error,
      }),
    );
    const seeded = config.seed ? await seedLocalData(config) : undefined;
    for (const queue of topology.queues) {
      const handler = options.handlers[queue.consumer.handler];
      const urls = sqsRuntime.queues[queue.id];
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
      });
      poller.start();
      pollers.push(poller);
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
