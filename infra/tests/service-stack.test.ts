import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  METRICS_NAMESPACE,
  outcomeDimensions,
  type QueueId,
  queueById,
  securityHeaders,
  TOPOLOGY,
} from '@import-comms/aws';
import { contracts } from '@import-comms/events';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../src/app.js';
import { settingsFile } from '../src/settings.js';
import { stageContext } from './support/stages.js';

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation templates are untyped JSON, read field by field
type Json = any;
type Resources = Record<string, { Type: string; Properties: Record<string, Json> }>;

/** Synthesized without bundling (fast); one test below bundles for real. */
function synthesize(stage: 'dev' | 'prod') {
  const built = buildApp(new App({ context: stageContext(stage) }));
  const service = Template.fromStack(built.service);
  return { ...built, template: service, resources: service.toJSON().Resources as Resources };
}

const dev = synthesize('dev');
const ofType = (type: string) =>
  Object.entries(dev.resources).filter(([, resource]) => resource.Type === type) as [string, Json][];

/** The functions of this system (not CDK's helpers), by their Powertools service name. */
const functions = Object.fromEntries(
  ofType('AWS::Lambda::Function')
    .filter(([, fn]) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME)
    .map(([id, fn]) => [fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME as string, { id, fn }]),
);

/** The queues (logical ids) a function's role may send messages to. */
function sendTargetsOf(service: string): string[] {
  const role = functions[service]?.fn.Properties.Role['Fn::GetAtt'][0];
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === role))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
    .filter((statement: { Action: string | string[] }) =>
      [statement.Action].flat().includes('sqs:SendMessage'),
    )
    .flatMap((statement: { Resource: unknown }) => [statement.Resource].flat())
    .map((resource: Json) => resource['Fn::GetAtt']?.[0] ?? JSON.stringify(resource))
    .sort();
}

/** The logical id of a failure queue (a construct of that id holding the queue). */
function failureQueue(construct: string): string {
  const found = ofType('AWS::SQS::Queue').find(([id]) => id.startsWith(`${construct}Queue`));
  return found?.[0] ?? `no failure queue ${construct}`;
}

/** The one resource of a type: its logical id and definition. */
function theOne(type: string): [string, Json] {
  const found = ofType(type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0] as [string, Json];
}

/** A CloudFormation string as text: pseudo parameters as `{AWS::Region}`, imports from other stacks as `{import}`. */
function textOf(value: Json): string {
  if (typeof value === 'string') return value;
  if (value['Fn::Join']) return (value['Fn::Join'][1] as Json[]).map(textOf).join(value['Fn::Join'][0]);
  if (value.Ref) return `{${value.Ref}}`;
  if (value['Fn::ImportValue']) return '{import}';
  return JSON.stringify(value);
}

/** The logical id of a topology queue (not its DLQ), whatever stage suffix its name carries. */
function queueNamed(queue: { name: string; deadLetterQueueName: string }): string {
  const found = ofType('AWS::SQS::Queue').find(([, resource]) => {
    const name = String(resource.Properties.QueueName ?? '');
    return name.startsWith(queue.name) && !name.startsWith(queue.deadLetterQueueName);
  });
  return found?.[0] ?? `no queue named ${queue.name}`;
}

/** The logical id of a topology queue's DLQ. */
function dlqNamed(queue: { deadLetterQueueName: string }): string {
  const found = ofType('AWS::SQS::Queue').find(([, resource]) =>
    String(resource.Properties.QueueName ?? '').startsWith(queue.deadLetterQueueName),
  );
  return found?.[0] ?? `no queue named ${queue.deadLetterQueueName}`;
}

/** Every IAM action a function's role may take, from the policies attached to it. */
function actionsOf(service: string): string[] {
  const role = functions[service]?.fn.Properties.Role['Fn::GetAtt'][0];
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === role))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
    .flatMap((statement: { Action: string | string[] }) => [statement.Action].flat())
    .sort();
}

/** Every IAM statement of a function's role. */
function statementsOf(service: string): Json[] {
  const role = functions[service]?.fn.Properties.Role['Fn::GetAtt'][0];
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === role))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
}

/** A function's environment variables. */
function environment(service: string): Json {
  return functions[service]?.fn.Properties.Environment.Variables ?? {};
}

describe('service stack', () => {
  it('builds every queue of the topology with its DLQ, named for the stage, encrypted, TLS only', () => {
    const queues = ofType('AWS::SQS::Queue');
    // The failure queues of asynchronous hand-overs are left to CloudFormation to name.
    expect(
      queues
        .map(([, queue]) => queue.Properties.QueueName)
        .filter(Boolean)
        .sort(),
    ).toEqual(
      TOPOLOGY.queues.flatMap((queue) => [`${queue.name}-dev`, `${queue.deadLetterQueueName}-dev`]).sort(),
    );
    for (const definition of TOPOLOGY.queues) {
      const [dlqId] =
        queues.find(([, queue]) => queue.Properties.QueueName === `${definition.deadLetterQueueName}-dev`) ??
        [];
      dev.template.hasResourceProperties('AWS::SQS::Queue', {
        QueueName: `${definition.name}-dev`,
        VisibilityTimeout: definition.visibilityTimeoutSeconds,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
          maxReceiveCount: definition.maxReceiveCount,
        },
      });
    }
    for (const [, queue] of queues) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    const policies = ofType('AWS::SQS::QueuePolicy').flatMap(
      ([, policy]) => policy.Properties.PolicyDocument.Statement,
    );
    expect(policies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ]),
    );
  });

  it('feeds each function from its queue with partial batch failures and bounded concurrency', () => {
    for (const definition of TOPOLOGY.queues) {
      const fn = functions[definition.consumer.handler];
      expect(fn).toBeDefined();
      dev.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: fn?.id },
        BatchSize: definition.consumer.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: definition.consumer.maxConcurrency },
      });
    }
    expect(ofType('AWS::Lambda::EventSourceMapping')).toHaveLength(TOPOLOGY.queues.length);
  });

  it('routes the bus by the same rules as the local runtime, each pattern the one the contracts give', () => {
    const rules = ofType('AWS::Events::Rule').filter(([, rule]) => rule.Properties.EventPattern);
    const deployed = rules.map(([, rule]) => ({
      pattern: rule.Properties.EventPattern,
      target: rule.Properties.Targets,
    }));
    // The local runtime's EventBridge routes with TOPOLOGY.rules (packages/local/src/main.ts): same set.
    expect(deployed.map((rule) => rule.pattern)).toEqual(TOPOLOGY.rules.map((rule) => rule.eventPattern));
    const inbound = [
      contracts.importStageChangedV1,
      contracts.vehicleUpsertedV1,
      contracts.paymentDueV1,
      contracts.paymentReceivedV1,
      contracts.vesselEtaUpdatedV1,
      contracts.customerUpsertedV1,
    ];
    const pattern = TOPOLOGY.rules[0]?.eventPattern as { source: string[]; 'detail-type': string[] };
    for (const contract of inbound) {
      expect(pattern.source).toContain(contract.source);
      expect(pattern['detail-type']).toContain(contract.detailType);
    }
    for (const [, rule] of rules) {
      dev.template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: rule.Properties.EventPattern,
        EventBusName: Match.anyValue(),
        Targets: [
          Match.objectLike({
            Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TriggerQueue'), 'Arn'] },
            DeadLetterConfig: {
              Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TriggerDeadLetterQueue'), 'Arn'] },
            },
          }),
        ],
      });
    }
  });

  it('runs the sweeper on the topology schedule', () => {
    dev.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: `rate(${TOPOLOGY.schedules[0]?.rateMinutes} minute)`,
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functions.sweeper?.id, 'Arn'] } })],
    });
  });

  it("gives each queue-fed function its own queue's and DLQ's URLs, and the SMS dispatcher the SMS quota", () => {
    expect(Object.keys(environment('email-dispatcher'))).toEqual(
      expect.arrayContaining(['EMAIL_QUEUE_URL', 'EMAIL_DLQ_URL', 'SES_CONFIGURATION_SET']),
    );
    expect(Object.keys(environment('sms-dispatcher'))).toEqual(
      expect.arrayContaining(['SMS_QUEUE_URL', 'SMS_DLQ_URL', 'SMS_MAX_SEND_RATE']),
    );
    expect(Object.keys(environment('log-service'))).toEqual(expect.arrayContaining(['CALLBACK_DLQ_URL']));
    expect(Object.keys(environment('trigger-service'))).toEqual(expect.arrayContaining(['TRIGGER_DLQ_URL']));
    expect(Object.keys(environment('sweeper'))).not.toContain('TRIGGER_DLQ_URL');
    expect(environment('email-dispatcher').EMAIL_DLQ_URL).toEqual({
      Ref: dlqNamed(queueById(TOPOLOGY, 'email')),
    });
  });

  it('gives each function exactly the kinds of access it uses', () => {
    const has = (service: string, ...actions: string[]) =>
      expect(actionsOf(service)).toEqual(expect.arrayContaining(actions));
    const hasNot = (service: string, pattern: RegExp) =>
      expect(actionsOf(service).filter((action) => pattern.test(action))).toEqual([]);

    has('email-dispatcher', 'ses:SendEmail', 'ses:GetAccount', 'events:PutEvents', 'dynamodb:UpdateItem');
    hasNot('email-dispatcher', /^sns:/);
    has('sms-dispatcher', 'sns:Publish', 'sns:CheckIfPhoneNumberIsOptedOut', 'events:PutEvents');
    hasNot('sms-dispatcher', /^ses:/);
    // A dispatcher sends only to its own queue (a send put off for the sending rate goes back on it) and its own
    // DLQ (a record it cannot handle, with the reason); the log-service to its DLQ and to the dispatchers' queues
    // (a template's channel fallback), never to the trigger queue.
    const own = (id: 'email' | 'sms' | 'callback') => {
      const queue = queueById(TOPOLOGY, id);
      return [queueNamed(queue), dlqNamed(queue)].sort();
    };
    expect(sendTargetsOf('email-dispatcher')).toEqual(own('email'));
    expect(sendTargetsOf('sms-dispatcher')).toEqual(own('sms'));
    expect(sendTargetsOf('log-service')).toEqual(
      [
        dlqNamed(queueById(TOPOLOGY, 'callback')),
        queueNamed(queueById(TOPOLOGY, 'email')),
        queueNamed(queueById(TOPOLOGY, 'sms')),
      ].sort(),
    );
    has('trigger-service', 'sqs:SendMessage', 'dynamodb:PutItem');
    hasNot('trigger-service', /^(ses|sns|events):/);
    has('log-service', 'events:PutEvents', 'dynamodb:UpdateItem');
    hasNot('log-service', /^(ses|sns):/);
    has('sweeper', 'sqs:SendMessage', 'dynamodb:Query');
    hasNot('sweeper', /^(ses|sns|events):/);
    has('api', 'sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'dynamodb:Query');
    // The team list reads the user pool's groups, and nothing else of Cognito.
    expect(actionsOf('api').filter((action) => action.startsWith('cognito-idp:'))).toEqual([
      'cognito-idp:ListUsersInGroup',
    ]);
    hasNot('api', /^(ses|sns|events):/);
    expect(actionsOf('sms-receipts').filter((action) => !/^(sqs|xray):/.test(action))).toEqual([]);
    for (const service of Object.keys(functions)) {
      // Traced: every function writes its segments to X-Ray, and nothing more of X-Ray.
      expect(functions[service]?.fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(actionsOf(service).filter((action) => action.startsWith('xray:'))).toEqual([
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ]);
      // No source maps loaded at start (they cost cold starts).
      expect(functions[service]?.fn.Properties.Environment.Variables.NODE_OPTIONS).toBeUndefined();
      expect(
        actionsOf(service).filter((action) => /(^\*$|:\*$|dynamodb:Scan|dynamodb:DeleteTable)/.test(action)),
      ).toEqual([]);
    }
  });

  it('lets each function send to exactly the queues the topology says it writes, and its own DLQ', () => {
    const targets = (ids: readonly QueueId[]) => ids.map((id) => queueNamed(queueById(TOPOLOGY, id)));
    for (const queue of TOPOLOGY.queues) {
      expect({ service: queue.consumer.handler, sendsTo: sendTargetsOf(queue.consumer.handler) }).toEqual({
        service: queue.consumer.handler,
        sendsTo: [...targets(queue.consumer.sendsTo), dlqNamed(queue)].sort(),
      });
    }
    // The sweeper also keeps its failed runs (its async failure destination).
    for (const schedule of TOPOLOGY.schedules)
      expect(sendTargetsOf(schedule.handler)).toEqual(
        [...targets(schedule.sendsTo), failureQueue('SweeperFailures')].sort(),
      );
    expect(sendTargetsOf('api')).toEqual(targets(['email', 'sms']).sort());
    expect(sendTargetsOf('sms-receipts')).toEqual(
      [queueNamed(queueById(TOPOLOGY, 'callback')), failureQueue('SmsReceiptsFailures')].sort(),
    );
  });

  it('names each table index on its own instead of granting index/*', () => {
    const resources = ofType('AWS::IAM::Policy')
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
      .flatMap((statement: { Resource: unknown }) => [statement.Resource].flat())
      .map((resource) => JSON.stringify(resource));
    expect(resources.filter((resource) => resource.includes('/index/*'))).toEqual([]);
  });

  it('gives a queue-fed function at most a sixth of its queue visibility, so a message is not seen twice', () => {
    for (const definition of TOPOLOGY.queues) {
      const fn = functions[definition.consumer.handler]?.fn;
      expect(fn?.Properties.Timeout).toBeLessThanOrEqual(definition.visibilityTimeoutSeconds / 6);
      // The deployed queue has the visibility the topology gives.
      const [, queue] =
        ofType('AWS::SQS::Queue').find(
          ([, candidate]) => candidate.Properties.QueueName === `${definition.name}-dev`,
        ) ?? [];
      expect(queue?.Properties.VisibilityTimeout).toBe(definition.visibilityTimeoutSeconds);
    }
  });

  it('lets every function that reads the table use the data key (DynamoDB encrypts with it), and no other key', () => {
    const dataKey = dev.service.resolve(dev.data.dataKey.keyArn);
    for (const service of [
      'trigger-service',
      'email-dispatcher',
      'sms-dispatcher',
      'log-service',
      'inbound-service',
      'sweeper',
      'api',
    ]) {
      const role = functions[service]?.fn.Properties.Role['Fn::GetAtt'][0];
      const kmsResources = ofType('AWS::IAM::Policy')
        .filter(([, policy]) => policy.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === role))
        .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement)
        .filter((statement: Json) =>
          [statement.Action].flat().some((action: string) => action.startsWith('kms:')),
        )
        .flatMap((statement: Json) => [statement.Resource].flat())
        .map((resource: Json) => JSON.stringify(resource));
      expect({ service, kms: [...new Set(kmsResources)] }).toEqual({
        service,
        kms: [JSON.stringify(dataKey)],
      });
    }
  });

  it('feeds the inbound queue from both topics AWS publishes replies to, raw, with what SNS cannot deliver kept', () => {
    const inboundQueue = queueNamed(queueById(TOPOLOGY, 'inbound'));
    const subscriptions = ofType('AWS::SNS::Subscription').filter(
      ([, subscription]) =>
        JSON.stringify(subscription.Properties.Endpoint).includes(inboundQueue) &&
        subscription.Properties.Protocol === 'sqs',
    );
    expect(
      subscriptions.map(([, subscription]) => dev.service.resolve(subscription.Properties.TopicArn)).sort(),
    ).toEqual(
      [
        dev.service.resolve(dev.data.inboundTopics['inbound-email'].topicArn),
        dev.service.resolve(dev.data.inboundTopics['inbound-sms'].topicArn),
      ].sort(),
    );
    for (const [, subscription] of subscriptions) {
      expect(subscription.Properties).toMatchObject({
        RawMessageDelivery: true,
        RedrivePolicy: { deadLetterTargetArn: expect.anything() },
      });
    }
  });

  it('lets the inbound service read what SES wrote and keep files, the API read both, and no one else the mail', () => {
    const s3Statements = (service: string) =>
      statementsOf(service).filter((statement: Json) =>
        [statement.Action].flat().some((action: string) => action.startsWith('s3:')),
      );
    const grants = (service: string) =>
      s3Statements(service).map((statement: Json) => ({
        actions: [statement.Action].flat(),
        resources: [statement.Resource].flat().map(textOf),
      }));
    const objects = (prefix: string) =>
      `arn:{AWS::Partition}:s3:::import-comms-dev-inbound-mail-{AWS::AccountId}-{AWS::Region}/${prefix}/*`;
    expect(grants('inbound-service')).toEqual([
      { actions: ['s3:GetObject'], resources: [objects('inbound')] },
      { actions: ['s3:PutObject'], resources: [objects('attachments')] },
    ]);
    expect(grants('api')).toEqual([
      { actions: ['s3:GetObject'], resources: [objects('inbound'), objects('attachments')] },
    ]);
    for (const service of ['email-dispatcher', 'sms-dispatcher', 'log-service', 'trigger-service', 'sweeper'])
      expect({ service, s3: s3Statements(service) }).toEqual({ service, s3: [] });
    // The reply secret: read by the two functions that sign and check reply addresses, named in their settings.
    const secret = dev.service.resolve(dev.data.replySecret.secretArn);
    for (const service of ['email-dispatcher', 'inbound-service']) {
      expect(actionsOf(service)).toEqual(expect.arrayContaining(['secretsmanager:GetSecretValue']));
      expect(environment(service)).toMatchObject({
        REPLY_DOMAIN: 'reply.harbourline.example',
        REPLY_TOKEN_SECRET_ARN: secret,
      });
    }
    expect(actionsOf('api').filter((action) => action.startsWith('secretsmanager:'))).toEqual([]);
  });

  it('runs every function on arm64 with the latest Node.js runtime CDK offers', () => {
    for (const { fn } of Object.values(functions)) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'] });
    }
    expect(Object.keys(functions).sort()).toEqual(
      [
        'api',
        'email-dispatcher',
        'inbound-service',
        'log-service',
        'sms-dispatcher',
        'sms-receipts',
        'sweeper',
        'trigger-service',
      ].sort(),
    );
  });

  it('puts the API behind Cognito, except liveness and the API description', () => {
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Audience: [Match.anyValue()], Issuer: Match.anyValue() },
    });
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, route]) => [
      route.Properties.RouteKey,
      route.Properties.AuthorizationType ?? 'NONE',
    ]);
    expect(routes.sort()).toEqual([
      ['ANY /api/{proxy+}', 'JWT'],
      ['GET /api/health', 'NONE'],
      ['GET /api/openapi.json', 'NONE'],
    ]);
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      DefaultRouteSettings: Match.objectLike({ ThrottlingRateLimit: 100 }),
    });
  });

  it('sends the security headers the local app server sends, on the UI and on the API', () => {
    // The same policy, its sign-in origins Cognito's (the issuer, and managed login's domain of the data stack).
    const local = securityHeaders({
      tls: true,
      signInOrigins: [
        'https://cognito-idp.{AWS::Region}.{AWS::URLSuffix}',
        'https://{import}.auth.{AWS::Region}.amazoncognito.com',
      ],
    });
    const [policyId, policy] = theOne('AWS::CloudFront::ResponseHeadersPolicy');
    const csp = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy;
    expect(textOf(csp.ContentSecurityPolicy)).toBe(local['content-security-policy']);

    dev.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: Match.anyValue(), Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: local['x-frame-options'], Override: true },
          ReferrerPolicy: { ReferrerPolicy: local['referrer-policy'], Override: true },
          StrictTransportSecurity: {
            AccessControlMaxAgeSec: Number(
              /max-age=(\d+)/.exec(local['strict-transport-security'] ?? '')?.[1],
            ),
            IncludeSubdomains: true,
            Override: true,
          },
        },
      }),
    });
    dev.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ ResponseHeadersPolicyId: { Ref: policyId } }),
        CacheBehaviors: [Match.objectLike({ ResponseHeadersPolicyId: { Ref: policyId } })],
      }),
    });
  });

  it('answers screens of the UI with index.html by a function on the UI alone, and leaves API errors alone', () => {
    const [functionId, fn] = theOne('AWS::CloudFront::Function');
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(fn.Properties.FunctionCode).toBe(
      readFileSync(path.resolve(__dirname, '../edge/spa-routing.js'), 'utf8'),
    );
    const [, distribution] = theOne('AWS::CloudFront::Distribution');
    const config = distribution.Properties.DistributionConfig;
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } },
    ]);
    // Error pages would turn the API's 401, 403 and 404 into the UI's index.html with 200.
    expect(config.CustomErrorResponses).toBeUndefined();
    expect(config.CacheBehaviors[0].FunctionAssociations).toBeUndefined();
  });

  it('signs reps in with the code flow and PKCE through managed login, back to the CloudFront address', () => {
    const [clientId, client] = theOne('AWS::Cognito::UserPoolClient');
    const [distributionId] = theOne('AWS::CloudFront::Distribution');
    expect(client.Properties).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'profile', 'email'],
      CallbackURLs: [
        {
          'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/auth/callback']],
        },
      ],
      LogoutURLs: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/']] }],
      GenerateSecret: false,
      SupportedIdentityProviders: ['COGNITO'],
      EnableTokenRevocation: true,
    });
    // The API takes tokens of that client only, checked by API Gateway and again by the function.
    dev.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Audience: [{ Ref: clientId }], Issuer: Match.anyValue() },
    });
    expect(functions.api?.fn.Properties.Environment.Variables.AUTH_AUDIENCE).toEqual({ Ref: clientId });
    dev.template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      ClientId: { Ref: clientId },
      UseCognitoProvidedValues: true,
    });
    // The UI learns where to sign in from config.json, written beside it by the deployment.
    const [, deployment] = theOne('Custom::CDKBucketDeployment');
    expect(deployment.Properties.DistributionPaths).toEqual(['/index.html', '/config.json']);
    expect(JSON.stringify(deployment.Properties.SourceMarkers)).toContain(clientId);
    const data = Template.fromStack(dev.data);
    data.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
  });

  it('serves the UI from a private bucket and forwards /api/* uncached on the same origin', () => {
    dev.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/api/*',
            ViewerProtocolPolicy: 'https-only',
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
          }),
        ],
        Logging: Match.objectLike({ Bucket: Match.anyValue() }),
      }),
    });
    dev.template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.anyValue(),
    });
  });

  it('alarms on every queue, DLQ and failure path, the API, the table, SES reputation and SMS spend', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    const onMetric = (name: string) => alarms.filter((alarm) => alarm.MetricName === name);
    const failureQueues = [
      'SweeperFailures',
      'SesEventsFailures',
      'SmsReceiptsFailures',
      'InboundEmailFailures',
      'InboundSmsFailures',
    ];
    expect(onMetric('ApproximateNumberOfMessagesVisible')).toHaveLength(
      TOPOLOGY.queues.length + failureQueues.length,
    );
    expect(onMetric('ApproximateAgeOfOldestMessage')).toHaveLength(TOPOLOGY.queues.length);
    // Each queue's function, the sweeper and the SMS receipts forwarder.
    expect(onMetric('Errors')).toHaveLength(TOPOLOGY.queues.length + 2);
    expect(onMetric('Throttles')).toHaveLength(TOPOLOGY.queues.length);
    expect(onMetric('5xx')).toHaveLength(1);
    expect(onMetric('Latency')[0]).toMatchObject({ ExtendedStatistic: 'p99', Threshold: 3000 });
    const throttles = alarms.find((alarm) => alarm.Metrics?.[0]?.Expression === 'reads + writes');
    expect(throttles?.Metrics.slice(1).map((metric: Json) => metric.MetricStat.Metric.MetricName)).toEqual([
      'ReadThrottleEvents',
      'WriteThrottleEvents',
    ]);
    expect(onMetric('Reputation.BounceRate')[0]).toMatchObject({ Threshold: 0.04 });
    expect(onMetric('Reputation.ComplaintRate')[0]).toMatchObject({ Threshold: 0.0008 });
    const { smsMonthlySpendLimitUsd } = JSON.parse(readFileSync(settingsFile('dev'), 'utf8'));
    expect(onMetric('SMSMonthToDateSpentUSD')[0]).toMatchObject({ Threshold: 0.8 * smsMonthlySpendLimitUsd });
    for (const queue of failureQueues) {
      expect(
        onMetric('ApproximateNumberOfMessagesVisible').some(
          (alarm) => alarm.Dimensions[0].Value['Fn::GetAtt'][0] === failureQueue(queue),
        ),
      ).toBe(true);
    }
    const [topicId] = theOne('AWS::SNS::Topic');
    for (const alarm of alarms) {
      // Every alarm tells the alarm topic and names a runbook section that exists.
      expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      const [, file, section] =
        /Runbook: docs\/runbooks\/([\w-]+\.md)(?:#([\w-]+))?$/.exec(textOf(alarm.AlarmDescription)) ?? [];
      expect(file && existsSync(path.resolve(__dirname, '../../docs/runbooks', file))).toBe(true);
      if (section) {
        expect(
          readFileSync(path.resolve(__dirname, '../../docs/runbooks', file ?? ''), 'utf8').toLowerCase(),
        ).toMatch(new RegExp(`^#+ ${section.replace(/-/g, '[ -]')}$`, 'm'));
      }
    }
  });

  it('alarms on sends the provider holds back, on the figures the dispatchers write', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    const throttled = alarms.filter((alarm) => alarm.MetricName === 'Throttled');
    // CloudWatch knows a metric by its full set of dimensions: the alarm's must be the code's, in any order.
    const sorted = (dimensions: Record<string, string>) =>
      Object.fromEntries(Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b)));
    expect(
      throttled.map((alarm) => ({
        namespace: alarm.Namespace,
        dimensions: sorted(
          Object.fromEntries(alarm.Dimensions.map((d: { Name: string; Value: string }) => [d.Name, d.Value])),
        ),
      })),
    ).toEqual([
      { namespace: METRICS_NAMESPACE, dimensions: sorted(outcomeDimensions('email-dispatcher', 'Email')) },
      { namespace: METRICS_NAMESPACE, dimensions: sorted(outcomeDimensions('sms-dispatcher', 'SMS')) },
    ]);
    const [, dashboard] = theOne('AWS::CloudWatch::Dashboard');
    const body = textOf(dashboard.Properties.DashboardBody);
    for (const figure of ['"Sent"', '"Delivered"', '"Throttled"', '"MessageAge"'])
      expect(body).toContain(figure);
  });

  it('lets CloudWatch use the alarm topic key, and nothing else of the data key', () => {
    const [, topic] = theOne('AWS::SNS::Topic');
    const [keyId, key] = theOne('AWS::KMS::Key');
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Effect: 'Allow',
      }),
    );
  });

  it('keeps what an asynchronous hand-over could not deliver: sweeper runs, SMS receipts, SES events', () => {
    const invokeConfig = (service: string) =>
      ofType('AWS::Lambda::EventInvokeConfig').find(
        ([, config]) => config.Properties.FunctionName.Ref === functions[service]?.id,
      )?.[1].Properties;
    for (const [service, queue] of [
      ['sweeper', 'SweeperFailures'],
      ['sms-receipts', 'SmsReceiptsFailures'],
    ] as const) {
      expect(invokeConfig(service)).toMatchObject({
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [failureQueue(queue), 'Arn'] } } },
      });
    }
    const sweeperRule = ofType('AWS::Events::Rule').find(
      ([, rule]) => rule.Properties.ScheduleExpression,
    )?.[1];
    expect(sweeperRule?.Properties.Targets[0]).toMatchObject({
      RetryPolicy: { MaximumRetryAttempts: 2 },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [failureQueue('SweeperFailures'), 'Arn'] } },
    });
    dev.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [failureQueue('SesEventsFailures'), 'Arn'] } },
    });
  });

  it('sends SES events to the callback queue, raw, from the data stack topic', () => {
    dev.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      RawMessageDelivery: true,
      Endpoint: { 'Fn::GetAtt': [Match.stringLikeRegexp('^CallbackQueue'), 'Arn'] },
    });
    const data = Template.fromStack(dev.data);
    data.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['delivery', 'bounce', 'complaint']),
        SnsDestination: Match.anyValue(),
      }),
    });
    data.hasResourceProperties('AWS::Events::Archive', { RetentionDays: 30 });
    data.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
    expect(
      Object.values(data.toJSON().Resources as Resources)
        .filter((resource) => resource.Type === 'AWS::Cognito::UserPoolGroup')
        .map((group) => group.Properties.GroupName)
        .sort(),
    ).toEqual(['admin', 'agent', 'approver']);
  });
});

describe('synthesis', () => {
  /** The dev stage bundled for real: each function an asset directory of `index.mjs` and the chunks it loads. */
  let functions: { service: string; directory: string; variables: Json }[];
  beforeAll(() => {
    const { app } = buildApp(new App({ context: { stage: 'dev' } }));
    const assembly = app.synth();
    const template = assembly.getStackByName('import-comms-dev-service').template as { Resources: Resources };
    functions = Object.values(template.Resources)
      .filter(
        (resource) =>
          resource.Type === 'AWS::Lambda::Function' &&
          resource.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME,
      )
      .map((fn) => ({
        service: String(fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME),
        directory: path.join(
          assembly.directory,
          `asset.${String(fn.Properties.Code.S3Key).replace(/\.zip$/, '')}`,
        ),
        variables: fn.Properties.Environment.Variables,
      }));
  }, 120_000);

  it('bundles every function offline with esbuild, each under 2 MB, with no finding left in dev or prod', () => {
    expect(functions).toHaveLength(8);
    // A guard against a bundle picking up something it should not; sizes are measured by the benchmarks. The
    // inbound service carries the mail parser's charset tables (iconv-lite: ISO-2022-JP, Shift_JIS… — mail from
    // Japanese exporters), half a megabyte more than the others may.
    for (const { service, directory } of functions) {
      const limit = service === 'inbound-service' ? 2_600_000 : 2_000_000;
      const size = readdirSync(directory)
        .filter((file) => file.endsWith('.mjs'))
        .reduce((sum, file) => sum + statSync(path.join(directory, file)).size, 0);
      expect({
        service,
        handler: existsSync(path.join(directory, 'index.mjs')),
        underLimit: size < limit,
      }).toEqual({
        service,
        handler: true,
        underLimit: true,
      });
    }
    expect(() => synthesize('prod').app.synth()).not.toThrow();
  }, 120_000);

  it('loads each bundled handler in Node; the template engine read at start only where always used, phone metadata nowhere, zod in English only', () => {
    // The files a cold start reads: index.mjs and what it imports up front, chunk by chunk.
    const readAtStart = (directory: string) => {
      const texts = new Map<string, string>();
      const visit = (file: string) => {
        if (texts.has(file)) return;
        const text = readFileSync(path.join(directory, file), 'utf8');
        texts.set(file, text);
        for (const [, imported] of text.matchAll(/(?:from|import)\s*"\.\/([\w-]+\.mjs)"/g))
          if (imported) visit(imported);
      };
      visit('index.mjs');
      return [...texts.values()];
    };
    for (const { service, directory, variables } of functions) {
      const files = readdirSync(directory).filter((file) => file.endsWith('.mjs'));
      const engineChunk = files.find((file) => file.startsWith('liquid-engine-'));
      // The API's reads and the log-service's callbacks never render: the engine is a chunk loaded on first use.
      // The trigger-service renders every event: its engine is read with it.
      const atStart = readAtStart(directory);
      const engineAtStart = atStart.some((text) => text.includes('"LiquidTemplateEngine"'));
      // Phone numbers are parsed only where people are indexed or searched: libphonenumber's metadata is a chunk.
      // zod speaks English in every function that validates, and only English (ADR 0033, ADR 0034): its English
      // messages are wherever zod is (zod/mini alone would say "Invalid input"), Dutch ones nowhere.
      const everything = files.map((file) => readFileSync(path.join(directory, file), 'utf8')).join('\n');
      expect({
        service,
        phoneMetadataAtStart: atStart.some((text) => text.includes('country_calling_codes')),
        zodWithoutEnglish: everything.includes('"$ZodType"') && !everything.includes('Too small: expected'),
        zodDutch: everything.includes('Ongeldige invoer'),
      }).toEqual({ service, phoneMetadataAtStart: false, zodWithoutEnglish: false, zodDutch: false });
      if (service === 'api' || service === 'log-service' || service === 'trigger-service')
        expect({ service, engineAtStart, engineChunk: Boolean(engineChunk) }).toEqual({
          service,
          engineAtStart: service === 'trigger-service',
          engineChunk: service !== 'trigger-service',
        });

      // The environment the stack gives it, with deploy-time references as plain values.
      const environment = Object.fromEntries(
        Object.entries(variables as Record<string, unknown>).map(([name, value]) => [
          name,
          typeof value === 'string' ? value : `https://example.com/${name.toLowerCase()}`,
        ]),
      );
      const loaded = spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const { handler } = await import(${JSON.stringify(pathToFileURL(path.join(directory, 'index.mjs')).href)});
           if (typeof handler !== 'function') throw new Error('no handler');
           const chunk = process.argv[1];
           if (chunk) {
             // The chunk alone (as the first render loads it): its engine renders.
             const engine = Object.values(await import(chunk)).find((value) => value?.name === 'LiquidTemplateEngine');
             const sms = new engine().renderSms(undefined, 'Hello {{ name }}', { name: 'Aiko' });
             if (sms.value?.text !== 'Hello Aiko') throw new Error(JSON.stringify(sms));
           }
           console.log('loaded');`,
          engineChunk ? pathToFileURL(path.join(directory, engineChunk)).href : '',
        ],
        {
          encoding: 'utf8',
          env: {
            PATH: process.env.PATH,
            ...environment,
            AWS_REGION: 'ap-southeast-2',
            AWS_ACCESS_KEY_ID: 'synth',
            AWS_SECRET_ACCESS_KEY: 'synth',
          },
        },
      );
      expect({ service, out: loaded.stdout.trim(), err: loaded.status === 0 ? '' : loaded.stderr }).toEqual({
        service,
        out: 'loaded',
        err: '',
      });
    }
  }, 120_000);
});
