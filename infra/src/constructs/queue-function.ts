import { deployedName, type QueueDefinition } from '@import-comms/aws';
import { Duration } from 'aws-cdk-lib';
import { ComparisonOperator } from 'aws-cdk-lib/aws-cloudwatch';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { alarmTo, type RunbookAlarmProps } from './alarms.js';
import { acknowledge, FINDINGS } from './nag.js';
import { type ServiceFunction, type ServiceFunctionProps, serviceFunction } from './service-function.js';

export interface QueueFunctionProps {
  definition: QueueDefinition;
  /** Carried by the queues' names, so stages can share an account and region. */
  stage: string;
  function: ServiceFunctionProps;
  alarms: ITopic;
  /** A message older than this in the queue means the consumer is not keeping up. */
  maxMessageAge?: Duration;
}

/**
 * A queue, its dead-letter queue, the function it feeds and the alarms that say when something is wrong: the
 * unit every stage of the pipeline is made of. Settings come from the shared topology definition.
 */
export class QueueFunction extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly fn: ServiceFunction;

  constructor(scope: Construct, id: string, props: QueueFunctionProps) {
    super(scope, id);
    const { definition } = props;
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      queueName: deployedName(definition.deadLetterQueueName, props.stage),
      retentionPeriod: Duration.seconds(definition.deadLetterRetentionSeconds),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.queue = new Queue(this, 'Queue', {
      queueName: deployedName(definition.name, props.stage),
      visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
    });
    this.fn = serviceFunction(this, 'Function', {
      ...props.function,
      // The queue's visibility timeout covers several attempts of the function (AWS recommends 6×).
      timeout: Duration.seconds(Math.floor(definition.visibilityTimeoutSeconds / 6)),
    });
    acknowledge(this.deadLetterQueue, {
      [FINDINGS.queueRedrive]: 'This queue is the dead-letter queue of its source queue',
    });
    acknowledge(this.fn, {
      [FINDINGS.lambdaDlq]:
        'Fed by an SQS event source mapping (synchronous): a failed message returns to its queue and, after maxReceiveCount, to the queue DLQ',
      [FINDINGS.sourceMappingDestination]:
        "SQS event sources have no on-failure destination: the queue's redrive to its DLQ is the failure path",
    });
    this.fn.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: definition.consumer.batchSize,
        maxBatchingWindow: Duration.seconds(definition.consumer.maxBatchingWindowSeconds),
        reportBatchItemFailures: true,
        maxConcurrency: definition.consumer.maxConcurrency,
      }),
    );

    const alarm = (alarmId: string, settings: RunbookAlarmProps) =>
      alarmTo(props.alarms, this, alarmId, settings);
    alarm('DeadLettersAlarm', {
      summary: `Messages in ${deployedName(definition.deadLetterQueueName, props.stage)}`,
      runbook: 'dead-letter-queues.md',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
    alarm('OldestMessageAlarm', {
      summary: `${definition.id} queue is not keeping up`,
      runbook: 'alarms.md#queue-backlog',
      metric: this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1) }),
      threshold: (props.maxMessageAge ?? Duration.minutes(5)).toSeconds(),
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
    });
    alarm('ErrorsAlarm', {
      summary: `${definition.consumer.handler} fails`,
      runbook: 'alarms.md#function-errors',
      metric: this.fn.metricErrors({ period: Duration.minutes(5) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
    alarm('ThrottlesAlarm', {
      summary: `${definition.consumer.handler} is throttled`,
      runbook: 'alarms.md#function-throttles',
      metric: this.fn.metricThrottles({ period: Duration.minutes(5) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
  }
}
