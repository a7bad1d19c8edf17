import { randomUUID } from 'node:crypto';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { QueueDefinition } from '@import-comms/aws';
import type { SQSEvent } from 'aws-lambda';
import { type SqsHandler, SqsPoller } from '../src/pollers/sqs-poller.js';
import { type RuntimeProcess, startRuntimeProcess } from './support/runtime-process.js';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
let runtime: RuntimeProcess;
let sqs: SQSClient;

beforeAll(async () => {
  runtime = await startRuntimeProcess({
    args: ['--in-memory', '--emulators-only'],
    extraEnv: { IMPORT_COMMS_SEED: 'false' },
  });
  sqs = new SQSClient({
    endpoint: runtime.endpoint('IMPORT_COMMS_SQS_PORT'),
    region: 'ap-southeast-2',
    credentials,
    // Queue URLs name *.localhost hosts; this process talks to the plain endpoint instead.
    useQueueUrlAsEndpoint: false,
  });
}, 60_000);

afterAll(async () => {
  sqs?.destroy();
  await runtime?.stop();
});

async function queuePair(maxReceiveCount: number) {
  const name = `poller-${randomUUID().slice(0, 8)}`;
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
  const dlqArn = (
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))
  ).Attributes?.QueueArn;
  const main = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount }),
        VisibilityTimeout: '30',
      },
    }),
  );
  const definition: QueueDefinition = {
    id: 'trigger',
    name,
    deadLetterQueueName: `${name}-dlq`,
    maxReceiveCount,
    visibilityTimeoutSeconds: 30,
    deadLetterRetentionSeconds: 3600,
    consumer: {
      handler: 'test-handler',
      batchSize: 10,
      maxBatchingWindowSeconds: 0,
      maxConcurrency: 1,
      sendsTo: [],
    },
  };
  return { url: main.QueueUrl ?? '', dlqUrl: dlq.QueueUrl ?? '', definition };
}

function pollerFor(
  queue: QueueDefinition,
  queueUrl: string,
  handler: SqsHandler,
  onError?: (message: string) => void,
): SqsPoller {
  return new SqsPoller({
    sqs,
    queue,
    queueUrl,
    queueArn: 'arn:test',
    region: 'ap-southeast-2',
    handler,
    retryDelaySeconds: 0,
    ...(onError ? { onError } : {}),
  });
}

async function send(url: string, bodies: string[]): Promise<void> {
  await sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: url,
      Entries: bodies.map((body, index) => ({ Id: String(index), MessageBody: body })),
    }),
  );
}

async function drain(url: string): Promise<string[]> {
  const bodies: string[] = [];
  for (let i = 0; i < 5; i++) {
    const received = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    bodies.push(...(received.Messages ?? []).map((message) => message.Body ?? ''));
    if ((received.Messages ?? []).length === 0) break;
  }
  return bodies.sort();
}

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('SqsPoller', () => {
  it('hands batches to the handler with Lambda records, deletes successes, and redrives reported failures to the DLQ', async () => {
    // Prepare
    const { url, dlqUrl, definition } = await queuePair(2);
    const seen: SQSEvent['Records'] = [];
    const handler: SqsHandler = async (event, context) => {
      expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
      seen.push(...event.Records);
      return {
        batchItemFailures: event.Records.filter((record) => record.body === 'poison').map((record) => ({
          itemIdentifier: record.messageId,
        })),
      };
    };
    const poller = pollerFor(definition, url, handler);

    // Act
    await send(url, ['ok-1', 'ok-2', 'poison']);
    poller.start();
    await until(() => seen.filter((record) => record.body === 'poison').length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await poller.stop();

    // Assess
    expect(
      seen
        .filter((record) => record.body.startsWith('ok'))
        .map((record) => record.body)
        .sort(),
    ).toEqual(['ok-1', 'ok-2']);
    expect(seen[0]).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:test',
      awsRegion: 'ap-southeast-2',
    });
    expect(seen.find((record) => record.body === 'poison')?.attributes.ApproximateReceiveCount).toBe('1');
    expect(await drain(url)).toEqual([]);
    expect(await drain(dlqUrl)).toEqual(['poison']);
  }, 30_000);

  it('retries the whole batch when the handler throws', async () => {
    const { url, dlqUrl, definition } = await queuePair(3);
    let calls = 0;
    const handler: SqsHandler = async () => {
      calls++;
      if (calls === 1) throw new Error('database unavailable');
      return { batchItemFailures: [] };
    };
    const errors: string[] = [];
    const poller = pollerFor(definition, url, handler, (message) => errors.push(message));

    await send(url, ['a', 'b']);
    poller.start();
    await until(() => calls >= 2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await poller.stop();

    expect(errors).toEqual(['test-handler failed the whole batch']);
    expect(await drain(url)).toEqual([]);
    expect(await drain(dlqUrl)).toEqual([]);
  }, 30_000);
});
