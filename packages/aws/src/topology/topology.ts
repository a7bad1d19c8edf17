import { contracts } from '@import-comms/events';

/**
 * The system's wiring — bus, rules, queues with their DLQs, and the function each queue feeds — defined once.
 * The local runtime builds its emulation from it and the CDK app builds AWS resources from it, so what runs
 * locally is what deploys.
 */
export interface QueueConsumer {
  /** Name of the Lambda handler (one package per handler). */
  handler: string;
  batchSize: number;
  /** How long the event source mapping waits to fill a batch. */
  maxBatchingWindowSeconds: number;
  /** Upper bound of concurrent invocations: protects SES/SNS quotas and downstream tables. */
  maxConcurrency: number;
  /**
   * Queues it writes to (a dispatcher: its own, for a send put off by the sending rate). Besides these, every
   * consumer writes its own DLQ. Its environment names each by `queueUrlVariable`, and AWS grants exactly these.
   */
  sendsTo: readonly QueueId[];
}

export type QueueId = 'trigger' | 'email' | 'sms' | 'callback' | 'inbound';

export interface QueueDefinition {
  id: QueueId;
  name: string;
  deadLetterQueueName: string;
  /** Receives before a message moves to the DLQ. */
  maxReceiveCount: number;
  /** Must exceed the consumer's timeout; AWS recommends six times it. */
  visibilityTimeoutSeconds: number;
  /** How long the DLQ keeps a message for inspection and replay. */
  deadLetterRetentionSeconds: number;
  consumer: QueueConsumer;
}

export interface RuleDefinition {
  name: string;
  description: string;
  eventPattern: Record<string, unknown>;
  target: QueueDefinition['id'];
}

/** A function run on a timer rather than fed by a queue. */
export interface ScheduleDefinition {
  name: string;
  handler: string;
  /** How often it runs in AWS (EventBridge Scheduler rate). */
  rateMinutes: number;
  /** Queues it writes to, as for a queue's consumer. */
  sendsTo: readonly QueueId[];
}

/**
 * An SNS topic AWS publishes to and a queue of ours reads (raw delivery: the body is what AWS published): SES
 * receiving's "Received" notifications, and inbound SMS on the two-way number.
 */
export interface InboundTopicDefinition {
  id: 'inbound-email' | 'inbound-sms';
  name: string;
  subscriber: QueueId;
}

export interface Topology {
  eventBusName: string;
  queues: readonly QueueDefinition[];
  inboundTopics: readonly InboundTopicDefinition[];
  rules: readonly RuleDefinition[];
  schedules: readonly ScheduleDefinition[];
}

const FOURTEEN_DAYS = 14 * 24 * 3600;

/** Events from other teams that the trigger-service acts on. */
const INBOUND = [
  contracts.importStageChangedV1,
  contracts.vehicleUpsertedV1,
  contracts.paymentDueV1,
  contracts.paymentReceivedV1,
  contracts.vesselEtaUpdatedV1,
  contracts.customerUpsertedV1,
];

export const TOPOLOGY: Topology = {
  eventBusName: 'import-events',
  queues: [
    {
      id: 'trigger',
      name: 'import-comms-trigger',
      deadLetterQueueName: 'import-comms-trigger-dlq',
      maxReceiveCount: 5,
      visibilityTimeoutSeconds: 180,
      deadLetterRetentionSeconds: FOURTEEN_DAYS,
      consumer: {
        handler: 'trigger-service',
        batchSize: 10,
        maxBatchingWindowSeconds: 0,
        maxConcurrency: 5,
        sendsTo: ['email', 'sms'],
      },
    },
    {
      id: 'email',
      name: 'import-comms-email',
      deadLetterQueueName: 'import-comms-email-dlq',
      maxReceiveCount: 5,
      visibilityTimeoutSeconds: 180,
      deadLetterRetentionSeconds: FOURTEEN_DAYS,
      consumer: {
        handler: 'email-dispatcher',
        batchSize: 10,
        maxBatchingWindowSeconds: 0,
        maxConcurrency: 2,
        sendsTo: ['email'],
      },
    },
    {
      id: 'sms',
      name: 'import-comms-sms',
      deadLetterQueueName: 'import-comms-sms-dlq',
      maxReceiveCount: 5,
      visibilityTimeoutSeconds: 180,
      deadLetterRetentionSeconds: FOURTEEN_DAYS,
      consumer: {
        handler: 'sms-dispatcher',
        batchSize: 10,
        maxBatchingWindowSeconds: 0,
        maxConcurrency: 2,
        sendsTo: ['sms'],
      },
    },
    {
      id: 'callback',
      name: 'import-comms-callback',
      deadLetterQueueName: 'import-comms-callback-dlq',
      maxReceiveCount: 5,
      visibilityTimeoutSeconds: 180,
      deadLetterRetentionSeconds: FOURTEEN_DAYS,
      consumer: {
        handler: 'log-service',
        batchSize: 10,
        maxBatchingWindowSeconds: 1,
        maxConcurrency: 2,
        // A template's channel fallback: the other channel's message for one that could not arrive.
        sendsTo: ['email', 'sms'],
      },
    },
    {
      id: 'inbound',
      name: 'import-comms-inbound',
      deadLetterQueueName: 'import-comms-inbound-dlq',
      maxReceiveCount: 5,
      visibilityTimeoutSeconds: 180,
      deadLetterRetentionSeconds: FOURTEEN_DAYS,
      consumer: {
        handler: 'inbound-service',
        batchSize: 5,
        maxBatchingWindowSeconds: 0,
        maxConcurrency: 2,
        sendsTo: [],
      },
    },
  ],
  inboundTopics: [
    { id: 'inbound-email', name: 'import-comms-inbound-email', subscriber: 'inbound' },
    { id: 'inbound-sms', name: 'import-comms-inbound-sms', subscriber: 'inbound' },
  ],
  rules: [
    {
      name: 'import-comms-inbound-events',
      description: 'Business events of the import process, for the trigger-service',
      eventPattern: {
        source: [...new Set(INBOUND.map((contract) => contract.source))].sort(),
        'detail-type': INBOUND.map((contract) => contract.detailType).sort(),
      },
      target: 'trigger',
    },
  ],
  schedules: [
    { name: 'import-comms-release-due', handler: 'sweeper', rateMinutes: 1, sendsTo: ['email', 'sms'] },
  ],
};

/** Where SES receiving writes raw messages locally (in AWS the bucket's name is CloudFormation's). */
export const LOCAL_MAIL_BUCKET = 'import-comms-inbound-mail';

export function queueById(topology: Topology, id: QueueDefinition['id']): QueueDefinition {
  const queue = topology.queues.find((candidate) => candidate.id === id);
  if (!queue) throw new Error(`topology has no queue ${id}`);
  return queue;
}

/** The environment variable a function reads a queue's URL from (`EMAIL_QUEUE_URL`). */
export function queueUrlVariable(id: QueueId): string {
  return `${id.toUpperCase()}_QUEUE_URL`;
}

/** The environment variable a queue's consumer reads its own DLQ's URL from (`EMAIL_DLQ_URL`). */
export function deadLetterUrlVariable(id: QueueId): string {
  return `${id.toUpperCase()}_DLQ_URL`;
}

/**
 * A resource's name as deployed in a stage (`import-comms-email-dev`, `import-events-prod`), so two stages can
 * share an account and region; the local runtime, a stage of its own, keeps the topology's names.
 */
export function deployedName(name: string, stage: string | undefined): string {
  return stage ? `${name}-${stage}` : name;
}
