import { TABLE_INDEXES, tableDefinition } from '@import-comms/aws';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { buildApp } from '../src/app.js';
import { stageContext } from './support/stages.js';

const synthesize = (stage?: string) => {
  const { app, data } = buildApp(new App({ context: stageContext(stage) }));
  return { app, template: Template.fromStack(data) };
};

describe('data stack', () => {
  it('builds the table with the keys and indexes of the shared table definition', () => {
    // Prepare
    const definition = tableDefinition('unused');

    // Act
    const { template } = synthesize();

    // Assess
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: definition.KeySchema,
      AttributeDefinitions: Match.arrayWith(definition.AttributeDefinitions ?? []),
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: (definition.GlobalSecondaryIndexes ?? []).map((index) =>
        Match.objectLike({
          IndexName: index.IndexName,
          KeySchema: index.KeySchema,
          Projection: index.Projection,
        }),
      ),
    });
    const [table] = Object.values(template.findResources('AWS::DynamoDB::Table'));
    expect(table?.Properties.GlobalSecondaryIndexes).toHaveLength(TABLE_INDEXES.length);
  });

  it('encrypts with a rotating customer-managed key, keeps point-in-time recovery and the TTL attribute', () => {
    const { template } = synthesize();

    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('retains data and protects the table from deletion in prod only', () => {
    const prod = synthesize('prod').template;
    const dev = synthesize('dev').template;

    prod.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
    prod.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
    dev.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
  });

  it('names the stack after the stage and refuses an unknown stage', () => {
    expect(synthesize('prod').app.node.tryFindChild('import-comms-prod-data')).toBeDefined();
    expect(buildApp(new App({ context: stageContext('prod') })).data.stackName).toBe(
      'import-comms-prod-data',
    );
    expect(() => buildApp(new App({ context: { stage: 'qa' } }))).toThrow('unknown stage "qa"');
  });
});

describe('stage settings', () => {
  it('synthesizes dev from its committed file, example values and all', () => {
    expect(() => buildApp(new App({ context: stageContext('dev') }))).not.toThrow();
  });

  it('refuses a prod synth on the committed example values, naming each setting to fill in', () => {
    const attempt = () => buildApp(new App({ context: { stage: 'prod', 'aws:cdk:bundling-stacks': [] } }));
    expect(attempt).toThrow(
      /the prod settings \(infra\/stages\/prod\.json, -c overrides\) are not deployable/,
    );
    for (const name of [
      'senderDomain',
      'fromAddress',
      'companyEmail',
      'companyWebsite',
      'customerPortalUrl',
    ]) {
      expect(attempt).toThrow(new RegExp(`example value[\\s\\S]*→ at ${name}|→ at ${name}`));
    }
    expect(attempt).toThrow(/prod alarms must reach someone/);
  });

  it('rejects values AWS would refuse, with the setting named', () => {
    const attempt = (values: Record<string, unknown>) => () =>
      buildApp(new App({ context: { ...stageContext('dev'), ...values } }));
    expect(attempt({ smsSenderId: 'Harbourline Imports' })).toThrow(
      /smsSenderId[\s\S]*1–11 letters and digits|1–11 letters and digits[\s\S]*smsSenderId/,
    );
    expect(attempt({ alarmEmail: 'not an address' })).toThrow(/alarmEmail/);
    expect(attempt({ smsMaxSendRate: '0' })).toThrow(/smsMaxSendRate/);
    expect(attempt({ unknownSetting: 'x' })).not.toThrow();
  });

  it('takes a -c override over the file', () => {
    const { data } = buildApp(new App({ context: { ...stageContext('dev'), smsSenderId: 'Harbour2' } }));
    const settings = Template.fromStack(data).findResources('Custom::AWS');
    expect(JSON.stringify(settings)).toContain('Harbour2');
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('has no unacknowledged findings in the app', () => {
    const { app } = synthesize('prod');

    expect(() => app.synth()).not.toThrow();
  });

  it('is live: a resource breaking the rules fails synthesis', () => {
    // Prepare: a queue without a DLQ and without enforced TLS breaks AwsSolutions-SQS3 and -SQS4.
    const app = new App();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    new Queue(new Stack(app, 'bad'), 'Queue');

    // Act + Assess
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS/);
  });

  it('checks serverless rules too: a queue without a redrive fails synthesis', () => {
    const app = new App();
    Validations.of(app).addPlugins(new ServerlessChecks(app));
    new Queue(new Stack(app, 'bad'), 'Queue', { enforceSSL: true });

    expect(() => app.synth()).toThrow(/Serverless-SQSRedrivePolicy/);
  });
});
