import { Duration } from 'aws-cdk-lib';
import { ComparisonOperator } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { alarmTo, type RunbookAlarmProps } from './alarms.js';
import { acknowledge, FINDINGS } from './nag.js';

export interface FailureQueueProps {
  alarms: ITopic;
  /** What lands here, for the alarm: "SMS receipt batches the forwarder could not handle". */
  holds: string;
  runbook: RunbookAlarmProps['runbook'];
}

/**
 * Where an asynchronous hand-over keeps what it could not deliver (a Lambda's failed async invocations, a
 * schedule's failed targets, an SNS subscription's undeliverable messages), with an alarm on the first one.
 * SQS-managed encryption: the services that write here need no grant on a customer key.
 */
export class FailureQueue extends Construct {
  readonly queue: Queue;

  constructor(scope: Construct, id: string, props: FailureQueueProps) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const itself =
      "This queue is itself a dead-letter queue: an async invocation's failure destination, a schedule target's DLQ or a subscription's redrive";
    acknowledge(this.queue, { 'AwsSolutions::AwsSolutions-SQS3': itself, [FINDINGS.queueRedrive]: itself });
    alarmTo(props.alarms, this, 'Alarm', {
      summary: `${props.holds} are waiting in ${this.queue.queueName}`,
      runbook: props.runbook,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
  }
}
