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

describe('customer replies (SES receiving, two-way SMS)', () => {
  it('receives mail for the reply domain only: TLS required, scanned, written whole under inbound/ and announced', () => {
    const { template } = synthesize();
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: {
        Enabled: true,
        Recipients: ['reply.harbourline.example'],
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Actions: [
          {
            S3Action: {
              BucketName: { Ref: Match.stringLikeRegexp('^InboundMail') },
              ObjectKeyPrefix: 'inbound/',
              TopicArn: { Ref: Match.stringLikeRegexp('^InboundEmail') },
            },
          },
        ],
      },
    });
    // SES may write there for this account only; the rule set is the account's active one (this stage owns it).
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:PutObject',
            Principal: { Service: 'ses.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
    expect(JSON.stringify(template.findResources('Custom::AWS'))).toContain('setActiveReceiptRuleSet');
  });

  it('keeps raw mail encrypted with the data key, private, TLS only, and for a year in prod (30 days in dev)', () => {
    const bucketOf = (stage: string) => {
      const { template } = synthesize(stage);
      const buckets = template.findResources('AWS::S3::Bucket', {
        Properties: { BucketName: Match.anyValue() },
      });
      const [bucket] = Object.values(buckets);
      return bucket?.Properties;
    };
    const dev = bucketOf('dev');
    expect(dev.BucketEncryption.ServerSideEncryptionConfiguration[0]).toMatchObject({
      BucketKeyEnabled: true,
      ServerSideEncryptionByDefault: {
        SSEAlgorithm: 'aws:kms',
        KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] },
      },
    });
    expect(dev.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(dev.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(30);
    expect(bucketOf('prod').LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(365);
  });

  it('orders a two-way number where the stage asks, answering HELP and STOP with the company’s words', () => {
    const { template } = synthesize('dev');
    template.hasResourceProperties('AWS::SMSVOICE::PhoneNumber', {
      IsoCountryCode: 'US',
      NumberType: 'SIMULATOR',
      NumberCapabilities: ['SMS'],
      TwoWay: { Enabled: true, ChannelArn: { Ref: Match.stringLikeRegexp('^InboundSms') } },
      MandatoryKeywords: {
        HELP: { Message: Match.stringLikeRegexp('^Harbourline Vehicle Imports: for help call') },
        STOP: { Message: Match.stringLikeRegexp('Reply START') },
      },
    });
    // End User Messaging may publish to the inbound-SMS topic (for this account) and use its key.
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sns:Publish',
            Principal: { Service: 'sms-voice.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'sms-voice.amazonaws.com' } })]),
      },
    });
    // Prod orders none until its number is registered (deploy runbook).
    synthesize('prod').template.resourceCountIs('AWS::SMSVOICE::PhoneNumber', 0);
  });

  it('refuses half a two-way number setting, and a prod reply domain left at its example', () => {
    expect(() => synthesize('dev').app.node.tryGetContext('x')).not.toThrow();
    expect(() =>
      buildApp(
        new App({
          context: { ...stageContext('dev'), twoWaySmsNumberType: undefined, twoWaySmsCountry: 'AU' },
        }),
      ),
    ).not.toThrow();
    expect(() =>
      buildApp(new App({ context: { ...stageContext('prod'), replyDomain: 'reply.harbourline.example' } })),
    ).toThrow(/example value[\s\S]*replyDomain/);
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
