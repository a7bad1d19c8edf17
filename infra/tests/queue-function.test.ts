import { type QueueDefinition, TOPOLOGY } from '@import-comms/aws';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { QueueFunction } from '../src/constructs/queue-function.js';

/** A queue unit alone in a bare stack, from a definition unlike any of the topology's. */
const definition: QueueDefinition = {
  id: 'callback',
  name: 'test-queue',
  deadLetterQueueName: 'test-queue-dlq',
  maxReceiveCount: 3,
  visibilityTimeoutSeconds: 120,
  deadLetterRetentionSeconds: 4 * 24 * 3600,
  consumer: {
    handler: 'test-consumer',
    batchSize: 7,
    maxBatchingWindowSeconds: 2,
    maxConcurrency: 4,
    sendsTo: [],
  },
};

function synthesize(overrides: Partial<QueueDefinition> = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Bare', { env: { account: '111111111111', region: 'ap-southeast-2' } });
  const alarms = new Topic(stack, 'Alarms');
  const unit = new QueueFunction(stack, 'Unit', {
    definition: { ...definition, ...overrides },
    stage: 'dev',
    alarms,
    function: {
      entry: 'packages/log-service/src/handler.ts',
      service: 'test-consumer',
      description: 'a consumer under test',
      environment: {},
    },
  });
  return { template: Template.fromStack(stack), unit, stack };
}

describe('a queue-fed function', () => {
  const { template, stack } = synthesize();

  it('builds its queue and DLQ from the definition: redrive, retention, encryption, TLS only', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'test-queue-dev',
      VisibilityTimeout: 120,
      SqsManagedSseEnabled: true,
      RedrivePolicy: {
        maxReceiveCount: 3,
        deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetterQueue'), 'Arn'] },
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'test-queue-dlq-dev',
      MessageRetentionPeriod: 4 * 24 * 3600,
    });
    template.resourcePropertiesCountIs(
      'AWS::SQS::QueuePolicy',
      Match.objectLike({
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      }),
      2,
    );
  });

  it('gives the function a sixth of the visibility timeout, and feeds it with partial batch failures', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: 20,
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'test-consumer' }) },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 7,
      MaximumBatchingWindowInSeconds: 2,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 4 },
    });
  });

  it('alarms to the topic on dead letters, old messages, errors and throttles, quiet when there is no data', () => {
    const alarms = template.findResources('AWS::CloudWatch::Alarm');
    const topic = stack.resolve((stack.node.findChild('Alarms') as Topic).topicArn);

    expect(Object.keys(alarms)).toHaveLength(4);
    for (const alarm of Object.values(alarms) as { Properties: Record<string, unknown> }[]) {
      expect(alarm.Properties.AlarmActions).toEqual([topic]);
      expect(alarm.Properties.TreatMissingData).toBe('notBreaching');
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmDescription: Match.stringLikeRegexp('test-queue-dlq'),
    });
  });

  it('takes every topology queue as it is defined (no queue needs a setting the construct lacks)', () => {
    for (const queue of TOPOLOGY.queues) {
      const { template: built } = synthesize(queue);
      built.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        BatchSize: queue.consumer.batchSize,
        ScalingConfig: { MaximumConcurrency: queue.consumer.maxConcurrency },
      });
    }
  });
});
