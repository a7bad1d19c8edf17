import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** Where the system's own figures live in CloudWatch (the CDK app's dashboard and alarms read them here). */
export const METRICS_NAMESPACE = 'import-comms';

/** What a message came to on its channel: a send's outcome (dispatchers), a provider's callback (log-service). */
export type MessageOutcome =
  | 'Sent'
  | 'NotSent'
  | 'Failed'
  | 'Throttled'
  | 'Delivered'
  | 'Bounced'
  | 'Complained'
  | 'DeliveryFailed';
export type MetricChannel = 'Email' | 'SMS';

/** The dimensions one outcome is counted under: who counted it and on which channel. */
export function outcomeDimensions(service: string, channel: MetricChannel): Record<string, string> {
  return { service, channel };
}

/** Business figures of one function, written as CloudWatch embedded metrics (a log line per batch, no API call). */
export interface BusinessMetrics {
  outcome(channel: MetricChannel, outcome: MessageOutcome): void;
  /** How long a message waited in its queue before this function took it. */
  messageAge(milliseconds: number): void;
  /** Writes what the batch recorded; nothing when it recorded nothing. */
  flush(): void;
}

export const NO_METRICS: BusinessMetrics = { outcome() {}, messageAge() {}, flush() {} };

/** Powertools Metrics (EMF); `POWERTOOLS_METRICS_DISABLED` turns it off (the local runtime does). */
export function cloudWatchMetrics(service: string): BusinessMetrics {
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: service });
  const counts = new Map<string, { channel: MetricChannel; outcome: MessageOutcome; count: number }>();
  let ages = 0;
  return {
    outcome(channel, outcome) {
      const key = `${channel}:${outcome}`;
      const counted = counts.get(key) ?? { channel, outcome, count: 0 };
      counted.count += 1;
      counts.set(key, counted);
    },
    messageAge(milliseconds) {
      metrics.addMetric('MessageAge', MetricUnit.Milliseconds, Math.max(0, milliseconds));
      ages += 1;
    },
    flush() {
      for (const { channel, outcome, count } of counts.values()) {
        // A metric of its own per channel: the channel is a dimension of these counts only.
        const single = metrics.singleMetric();
        single.addDimension('channel', channel);
        single.addMetric(outcome, MetricUnit.Count, count);
      }
      counts.clear();
      if (ages > 0) metrics.publishStoredMetrics();
      ages = 0;
    },
  };
}
