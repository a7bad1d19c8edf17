import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { cloudWatchMetrics, createLogger, METRICS_NAMESPACE, sqsBatchHandler } from '../../src/index.js';

/** The EMF lines the metrics write (Powertools writes to the console in dev mode; CloudWatch reads the log). */
function captureEmf() {
  const lines: Record<string, unknown>[] = [];
  const spy = jest.spyOn(console, 'log').mockImplementation((line: unknown) => {
    const parsed = typeof line === 'string' && line.startsWith('{') ? JSON.parse(line) : undefined;
    if (parsed?._aws) lines.push(parsed);
  });
  return { lines, restore: () => spy.mockRestore() };
}

const previous = { ...process.env };
beforeEach(() => {
  // Dev mode writes to the console this test reads; it also turns metrics off unless told otherwise.
  process.env.POWERTOOLS_DEV = 'true';
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
});
afterEach(() => {
  process.env = { ...previous };
});

describe('business metrics', () => {
  it('counts outcomes per channel under the service and channel, one EMF line per channel and outcome', () => {
    const emf = captureEmf();
    const metrics = cloudWatchMetrics('email-dispatcher');
    metrics.outcome('Email', 'Sent');
    metrics.outcome('Email', 'Sent');
    metrics.outcome('Email', 'Throttled');
    metrics.outcome('SMS', 'Sent');
    metrics.flush();
    emf.restore();

    const counted = emf.lines.map((line) => {
      const [definition] = (
        line._aws as {
          CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[];
        }
      ).CloudWatchMetrics;
      const name = definition?.Metrics[0]?.Name ?? '';
      return {
        namespace: definition?.Namespace,
        dimensions: definition?.Dimensions,
        channel: line.channel,
        service: line.service,
        [name]: line[name],
      };
    });
    expect(counted).toEqual([
      {
        namespace: METRICS_NAMESPACE,
        dimensions: [['service', 'channel']],
        channel: 'Email',
        service: 'email-dispatcher',
        Sent: 2,
      },
      {
        namespace: METRICS_NAMESPACE,
        dimensions: [['service', 'channel']],
        channel: 'Email',
        service: 'email-dispatcher',
        Throttled: 1,
      },
      {
        namespace: METRICS_NAMESPACE,
        dimensions: [['service', 'channel']],
        channel: 'SMS',
        service: 'email-dispatcher',
        Sent: 1,
      },
    ]);
  });

  it('writes nothing for a batch that counted nothing, and nothing twice', () => {
    const emf = captureEmf();
    const metrics = cloudWatchMetrics('log-service');
    metrics.flush();
    metrics.outcome('SMS', 'Delivered');
    metrics.flush();
    metrics.flush();
    emf.restore();
    expect(emf.lines).toHaveLength(1);
  });

  it('records how long each message of a batch waited in its queue, and writes it when the batch is done', async () => {
    const emf = captureEmf();
    const now = Date.now();
    const record = (messageId: string, waitedMs: number) =>
      ({
        messageId,
        body: '{}',
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(now - waitedMs) },
      }) as unknown as SQSRecord;
    const handler = sqsBatchHandler(
      createLogger({ serviceName: 'test' }),
      async () => undefined,
      undefined,
      undefined,
      cloudWatchMetrics('trigger-service'),
    );
    await handler({ Records: [record('a', 4_000), record('b', 60_000)] } as SQSEvent, {} as Context);
    emf.restore();

    expect(emf.lines).toHaveLength(1);
    const ages = emf.lines[0]?.MessageAge as number[];
    expect(ages).toHaveLength(2);
    expect(ages[0]).toBeGreaterThanOrEqual(4_000);
    expect(ages[1]).toBeGreaterThanOrEqual(60_000);
    expect(ages[1]).toBeLessThan(70_000);
  });

  it('is silent where turned off (the local runtime)', () => {
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    const emf = captureEmf();
    const metrics = cloudWatchMetrics('sms-dispatcher');
    metrics.outcome('SMS', 'Sent');
    metrics.flush();
    emf.restore();
    expect(emf.lines).toEqual([]);
  });
});
