import {
  deadLetterUrlVariable,
  METRICS_NAMESPACE,
  type MessageOutcome,
  type MetricChannel,
  outcomeDimensions,
  type QueueId,
  queueById,
  queueUrlVariable,
  type RuleDefinition,
  SIGN_IN_CALLBACK_PATH,
  SIGN_IN_SCOPES,
  TOPOLOGY,
} from '@import-comms/aws';
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  DomainName,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
} from 'aws-cdk-lib/aws-cloudwatch';
import {
  CfnManagedLoginBranding,
  OAuthScope,
  UserPoolClient,
  UserPoolClientIdentityProvider,
} from 'aws-cdk-lib/aws-cognito';
import { type EventPattern, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { FilterPattern, LogGroup, RetentionDays, SubscriptionFilter } from 'aws-cdk-lib/aws-logs';
import { LambdaDestination } from 'aws-cdk-lib/aws-logs-destinations';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { alarmTo, type RunbookAlarmProps } from '../constructs/alarms.js';
import { FailureQueue } from '../constructs/failure-queue.js';
import { acknowledge, FINDINGS, grantTableAccess } from '../constructs/nag.js';
import { QueueFunction } from '../constructs/queue-function.js';
import { type ServiceFunction, serviceFunction } from '../constructs/service-function.js';
import { WebDistribution } from '../constructs/web-distribution.js';
import type { DeploymentSettings } from '../settings.js';
import type { Stage } from '../stage.js';
import { type DataStack, inboundMailBucketName } from './data-stack.js';

export interface ServiceStackProps extends StackProps {
  stage: Stage;
  settings: DeploymentSettings;
  data: DataStack;
}

/** Why an asynchronously invoked function has no Lambda DLQ: the newer on-failure destination does that job. */
const ON_FAILURE_DESTINATION =
  'Failed async invocations go to an on-failure destination (a failure queue with an alarm), which supersedes a Lambda DLQ';

/** A topology pattern (EventBridge's own JSON) in the shape CDK's Rule takes; `detail-type` is `detailType`. */
export function toCdkPattern(pattern: RuleDefinition['eventPattern']): EventPattern {
  const { 'detail-type': detailType, ...rest } = pattern as Record<string, unknown>;
  return { ...rest, ...(detailType ? { detailType } : {}) } as EventPattern;
}

/**
 * The code and its wiring, redeployable at will: the queues and functions of the topology, the rules feeding
 * them, the schedule, the HTTP API behind Cognito, the web UI on CloudFront, alarms and a dashboard.
 */
export class ServiceStack extends Stack {
  readonly stages: Record<string, QueueFunction> = {};
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { data, settings } = props;
    // Alarms reach people only if CloudWatch may use the topic's key: a key of their own, whose policy says so.
    const alarmKey = new Key(this, 'AlarmKey', {
      description: `Encrypts the import-comms ${props.stage} alarm topic`,
      enableKeyRotation: true,
    });
    alarmKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    const alarms = new Topic(this, 'Alarms', {
      displayName: `import-comms ${props.stage} alarms`,
      masterKey: alarmKey,
      enforceSSL: true,
    });
    if (settings.alarmEmail) {
      const subscription = alarms.addSubscription(new EmailSubscription(settings.alarmEmail));
      acknowledge(subscription, {
        'Serverless::Serverless-SNSRedrivePolicy':
          'An alarm email SNS cannot deliver would wait in a queue no one reads; the alarm state stays on the dashboard',
      });
    }

    const company = {
      COMPANY_NAME: settings.companyName,
      COMPANY_PHONE: settings.companyPhone,
      COMPANY_EMAIL: settings.companyEmail,
      COMPANY_WEBSITE: settings.companyWebsite,
      CUSTOMER_PORTAL_URL: settings.customerPortalUrl,
    };
    const tableEnv = { TABLE_NAME: data.table.tableName };
    const busEnv = { EVENT_BUS_NAME: data.bus.eventBusName };
    // Every email names its own reply address; the inbound service checks it (ADR 0028).
    const replyEnv = {
      REPLY_DOMAIN: settings.replyDomain,
      REPLY_TOKEN_SECRET_ARN: data.replySecret.secretArn,
    };

    const stage = (
      queueId: Parameters<typeof queueById>[1],
      entry: string,
      environment: Record<string, string>,
    ) => {
      const definition = queueById(TOPOLOGY, queueId);
      const unit = new QueueFunction(this, `${queueId[0]?.toUpperCase()}${queueId.slice(1)}`, {
        definition,
        stage: props.stage,
        alarms,
        function: {
          entry,
          service: definition.consumer.handler,
          description: `${definition.consumer.handler}: consumes ${definition.name}`,
          environment,
        },
      });
      this.stages[queueId] = unit;
      return unit;
    };

    const stageEnvironment: Record<QueueId, { entry: string; environment: Record<string, string> }> = {
      trigger: { entry: 'packages/trigger-service/src/handler.ts', environment: { ...tableEnv, ...company } },
      email: {
        entry: 'packages/email-dispatcher/src/handler.ts',
        environment: {
          ...tableEnv,
          ...busEnv,
          SES_FROM_ADDRESS: settings.fromAddress,
          SES_CONFIGURATION_SET: data.configurationSet.configurationSetName,
          CUSTOMER_PORTAL_URL: settings.customerPortalUrl,
          ...replyEnv,
        },
      },
      sms: {
        entry: 'packages/sms-dispatcher/src/handler.ts',
        environment: {
          ...tableEnv,
          ...busEnv,
          SMS_SENDER_ID: settings.smsSenderId,
          SMS_MAX_PRICE_USD: settings.smsMaxPriceUsd,
          SMS_MAX_SEND_RATE: String(settings.smsMaxSendRate),
        },
      },
      callback: {
        entry: 'packages/log-service/src/handler.ts',
        environment: { ...tableEnv, ...busEnv, ...company },
      },
      inbound: {
        entry: 'packages/inbound-service/src/handler.ts',
        environment: { ...tableEnv, ...busEnv, ...replyEnv },
      },
    };
    for (const definition of TOPOLOGY.queues) {
      const { entry, environment } = stageEnvironment[definition.id];
      stage(definition.id, entry, environment);
    }
    const unitOf = (id: QueueId): QueueFunction => {
      const unit = this.stages[id];
      if (!unit) throw new Error(`the topology has no ${id} queue`);
      return unit;
    };
    /** A function may send to exactly the queues the topology says it writes, and finds each by its variable. */
    const sendTo = (fn: ServiceFunction, targets: readonly QueueId[]) => {
      for (const target of targets) {
        fn.addEnvironment(queueUrlVariable(target), unitOf(target).queue.queueUrl);
        unitOf(target).queue.grantSendMessages(fn);
      }
    };
    // Each queue-fed function also dead-letters a record it cannot handle itself, with the reason (SQS's
    // redrive carries none).
    for (const definition of TOPOLOGY.queues) {
      const unit = unitOf(definition.id);
      sendTo(unit.fn, definition.consumer.sendsTo);
      unit.fn.addEnvironment(deadLetterUrlVariable(definition.id), unit.deadLetterQueue.queueUrl);
      unit.deadLetterQueue.grantSendMessages(unit.fn);
    }
    const [trigger, email, sms, callback, inbound] = (
      ['trigger', 'email', 'sms', 'callback', 'inbound'] as const
    ).map(unitOf) as [QueueFunction, QueueFunction, QueueFunction, QueueFunction, QueueFunction];

    for (const unit of [trigger, email, sms, callback, inbound]) grantTableAccess(data.table, unit.fn);
    for (const unit of [email, sms, callback, inbound]) data.bus.grantPutEventsTo(unit.fn);
    for (const unit of [email, inbound]) data.replySecret.grantRead(unit.fn);
    // The inbound service reads what SES wrote and keeps each message's files beside it; the API reads both
    // (a rep's download). Exact actions on the two prefixes; the data key comes with the table's grant.
    const mailObjects = (prefix: 'inbound' | 'attachments') =>
      `arn:${this.partition}:s3:::${inboundMailBucketName(props.stage)}/${prefix}/*`;
    inbound.fn.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [mailObjects('inbound')] }),
    );
    inbound.fn.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [mailObjects('attachments')] }),
    );
    // As cdk-nag prints the bucket's name (its account and region are deploy-time values).
    const bucketFinding = (prefix: string) =>
      `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::import-comms-${props.stage}-inbound-mail-<AWS::AccountId>-<AWS::Region>/${prefix}/*]`;
    const mailPrefixes = {
      [bucketFinding('inbound')]:
        'SES receiving names each message object itself (inbound/<its id>): the grant is that prefix',
      [bucketFinding('attachments')]:
        'Files are kept under attachments/<message id>/: the grant is that prefix',
    };
    acknowledge(inbound.fn, mailPrefixes);
    // What AWS publishes for received mail and texts → the inbound queue (raw: the body is AWS's JSON).
    for (const definition of TOPOLOGY.inboundTopics) {
      const undelivered = new FailureQueue(
        this,
        `${definition.id === 'inbound-email' ? 'InboundEmail' : 'InboundSms'}Failures`,
        {
          alarms,
          holds: `${definition.id === 'inbound-email' ? 'Received-email notifications' : 'Received texts'} SNS could not put on the inbound queue`,
          runbook: 'alarms.md#inbound',
        },
      );
      data.inboundTopics[definition.id].addSubscription(
        new SqsSubscription(unitOf(definition.subscriber).queue, {
          rawMessageDelivery: true,
          deadLetterQueue: undelivered.queue,
        }),
      );
    }
    data.emailIdentity.grantSendEmail(email.fn);
    email.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          `arn:${this.partition}:ses:${this.region}:${this.account}:configuration-set/${data.configurationSet.configurationSetName}`,
        ],
      }),
    );
    // The account's sending rate (GetAccount → SendQuota.MaxSendRate) paces the email dispatcher.
    email.fn.addToRolePolicy(new PolicyStatement({ actions: ['ses:GetAccount'], resources: ['*'] }));
    acknowledge(email.fn, {
      [FINDINGS.anyResource]: 'ses:GetAccount reads the account itself: it takes no resource ARN, only "*"',
    });
    sms.fn.addToRolePolicy(
      new PolicyStatement({ actions: ['sns:Publish', 'sns:CheckIfPhoneNumberIsOptedOut'], resources: ['*'] }),
    );
    acknowledge(sms.fn, {
      [FINDINGS.anyResource]:
        'SMS to a phone number has no resource ARN: sns:Publish to numbers and the opt-out check only take "*"',
    });

    // Business events → trigger queue, by the topology's rules (the same the local runtime routes with).
    for (const rule of TOPOLOGY.rules) {
      new Rule(this, `Rule-${rule.name}`, {
        eventBus: data.bus,
        ruleName: `${rule.name}-${props.stage}`,
        description: rule.description,
        eventPattern: toCdkPattern(rule.eventPattern),
        targets: [
          new SqsQueue(this.stages[rule.target]?.queue ?? trigger.queue, {
            deadLetterQueue: this.stages[rule.target]?.deadLetterQueue ?? trigger.deadLetterQueue,
            retryAttempts: 185,
            maxEventAge: Duration.hours(24),
          }),
        ],
      });
    }

    // Deferred messages (quiet hours, reminders) are released by the sweeper.
    for (const schedule of TOPOLOGY.schedules) {
      const sweeper = serviceFunction(this, 'Sweeper', {
        entry: 'packages/trigger-service/src/sweeper.ts',
        service: schedule.handler,
        description: 'Releases deferred messages that are due',
        environment: { ...tableEnv },
      });
      grantTableAccess(data.table, sweeper);
      sendTo(sweeper, schedule.sendsTo);
      // A failed run is retried; what still fails is kept (the event only: the next run does the same work).
      const failed = this.asyncFailurePath(sweeper, alarms, 'Sweeper', {
        holds: 'Sweeper runs that failed',
        fails: 'The sweeper fails: scheduled messages and the silence watch are late',
        runbook: 'alarms.md#sweeper',
      });
      new Rule(this, `Schedule-${schedule.name}`, {
        ruleName: `${schedule.name}-${props.stage}`,
        schedule: Schedule.rate(Duration.minutes(schedule.rateMinutes)),
        targets: [
          new LambdaFunction(sweeper, {
            retryAttempts: 2,
            maxEventAge: Duration.minutes(schedule.rateMinutes),
            deadLetterQueue: failed.queue,
          }),
        ],
      });
    }

    // SES events → callback queue (SNS raw delivery), as the local runtime emulates it.
    const undeliveredSesEvents = new FailureQueue(this, 'SesEventsFailures', {
      alarms,
      holds: 'SES events SNS could not put on the callback queue',
      runbook: 'alarms.md#ses-events',
    });
    data.sesEvents.addSubscription(
      new SqsSubscription(callback.queue, {
        rawMessageDelivery: true,
        deadLetterQueue: undeliveredSesEvents.queue,
      }),
    );

    // SMS delivery receipts: SNS logs them; a forwarder puts them on the callback queue.
    const smsReceipts = serviceFunction(this, 'SmsReceipts', {
      entry: 'packages/log-service/src/sms-receipts.ts',
      service: 'sms-receipts',
      description: 'SNS SMS delivery-status logs → callback queue',
      environment: { CALLBACK_QUEUE_URL: callback.queue.queueUrl },
    });
    callback.queue.grantSendMessages(smsReceipts);
    // Invoked asynchronously by the log subscription: a batch that still fails after Lambda's retries is kept.
    this.asyncFailurePath(smsReceipts, alarms, 'SmsReceipts', {
      holds: 'SMS receipt batches the forwarder could not handle',
      fails: 'The SMS receipts forwarder fails: SMS stay Sent instead of Delivered or Failed',
      runbook: 'alarms.md#sms-receipts',
    });
    // SNS names these log groups per account: only the stage that owns the account's SMS settings creates them.
    const smsLogGroups = settings.ownsAccountSmsSettings
      ? ['DirectPublishToPhoneNumber', 'DirectPublishToPhoneNumber/Failure']
      : [];
    for (const suffix of smsLogGroups) {
      const logGroup = new LogGroup(this, `SmsStatus-${suffix.replace('/', '')}`, {
        logGroupName: `sns/${this.region}/${this.account}/${suffix}`,
        retention: RetentionDays.ONE_MONTH,
      });
      new SubscriptionFilter(this, `SmsStatusFilter-${suffix.replace('/', '')}`, {
        logGroup,
        destination: new LambdaDestination(smsReceipts),
        filterPattern: FilterPattern.allEvents(),
      });
    }

    // The HTTP API: the same Hono app as locally, behind Cognito's JWT authorizer, reached through CloudFront.
    // With a domain of its own, the execute-api address is switched off: CloudFront is the only way in.
    const apiDomain =
      settings.apiDomainName && settings.apiCertificateArn
        ? new DomainName(this, 'ApiDomain', {
            domainName: settings.apiDomainName,
            certificate: Certificate.fromCertificateArn(this, 'ApiCertificate', settings.apiCertificateArn),
          })
        : undefined;
    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `import-comms-${props.stage}`,
      description: 'import-comms HTTP API (/api)',
      createDefaultStage: false,
      disableExecuteApiEndpoint: apiDomain !== undefined,
    });
    const accessLogs = new LogGroup(this, 'HttpApiAccessLogs', { retention: RetentionDays.THREE_MONTHS });
    new HttpStage(this, 'HttpApiStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      // One JSON object per request, so Logs Insights can query the fields.
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.jsonWithStandardFields(),
      },
      throttle: { rateLimit: 100, burstLimit: 200 },
      ...(apiDomain ? { domainMapping: { domainName: apiDomain } } : {}),
    });
    const web = new WebDistribution(this, 'Web', {
      api: this.api,
      ...(apiDomain ? { apiDomainName: apiDomain.name } : {}),
      ...(settings.webDomainName && settings.webCertificateArn
        ? { domain: { name: settings.webDomainName, certificateArn: settings.webCertificateArn } }
        : {}),
      retain: props.stage === 'prod',
      signInOrigins: [
        `https://cognito-idp.${this.region}.${this.urlSuffix}`,
        `https://${data.signInDomain.domainName}.auth.${this.region}.amazoncognito.com`,
      ],
    });
    const webUrl = `https://${settings.webDomainName ?? web.distribution.distributionDomainName}`;
    // The UI signs in with the authorization code flow and PKCE (a public client: no secret in a browser),
    // back to the UI's own address; managed login asks for the password and the MFA code.
    const webClient = new UserPoolClient(this, 'WebClient', {
      userPool: data.userPool,
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.PROFILE, OAuthScope.EMAIL],
        callbackUrls: [`${webUrl}${SIGN_IN_CALLBACK_PATH}`],
        logoutUrls: [`${webUrl}/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.hours(8),
      idTokenValidity: Duration.hours(8),
      refreshTokenValidity: Duration.days(30),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });
    // Managed login (version 2) shows nothing for a client without a style: Cognito's own look until branded.
    new CfnManagedLoginBranding(this, 'WebClientLogin', {
      userPoolId: data.userPool.userPoolId,
      clientId: webClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    const signInBase = data.signInDomain.baseUrl();
    web.deployUi({
      authority: data.userPool.userPoolProviderUrl,
      clientId: webClient.userPoolClientId,
      scope: SIGN_IN_SCOPES,
      signOutUrl: `${signInBase}/logout`,
    });

    const apiFn = serviceFunction(this, 'Api', {
      entry: 'packages/api/src/handler.ts',
      service: 'api',
      description: 'HTTP API for reps and other systems',
      memorySize: 1024,
      timeout: Duration.seconds(15),
      environment: {
        ...tableEnv,
        ...company,
        AUTH_ISSUER: data.userPool.userPoolProviderUrl,
        AUTH_AUDIENCE: webClient.userPoolClientId,
        USER_POOL_ID: data.userPool.userPoolId,
      },
    });
    // The team list: the members of the role groups, by name.
    data.userPool.grant(apiFn, 'cognito-idp:ListUsersInGroup');
    grantTableAccess(data.table, apiFn);
    // A rep opens a customer's file or the raw message they sent.
    apiFn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [mailObjects('inbound'), mailObjects('attachments')],
      }),
    );
    acknowledge(apiFn, mailPrefixes);
    acknowledge(apiFn, {
      [FINDINGS.lambdaDlq]:
        'Invoked synchronously by API Gateway: a failure is the HTTP answer, alarmed on as 5xx',
    });
    // A rep's send goes on the dispatch queues like an automated one.
    sendTo(apiFn, ['email', 'sms']);
    for (const unit of Object.values(this.stages)) {
      for (const queue of [unit.queue, unit.deadLetterQueue]) {
        queue.grant(apiFn, 'sqs:GetQueueUrl', 'sqs:GetQueueAttributes');
      }
    }
    const integration = new HttpLambdaIntegration('ApiIntegration', apiFn);
    this.api.addRoutes({
      path: '/api/{proxy+}',
      methods: [HttpMethod.ANY],
      integration,
      authorizer: new HttpJwtAuthorizer('Cognito', data.userPool.userPoolProviderUrl, {
        jwtAudience: [webClient.userPoolClientId],
      }),
    });
    // Public: liveness and the API's own description.
    for (const path of ['/api/health', '/api/openapi.json']) {
      const [route] = this.api.addRoutes({
        path,
        methods: [HttpMethod.GET],
        integration,
        authorizer: new HttpNoneAuthorizer(),
      });
      if (route) {
        acknowledge(route, {
          [FINDINGS.noAuthorizer]: `${path} is public on purpose: liveness and the API's own description`,
        });
      }
    }

    this.apiAlarms(alarms, data);
    this.businessAlarms(alarms);
    this.accountAlarms(alarms, settings);
    this.dashboard(props.stage);
    new CfnOutput(this, 'WebUrl', { value: webUrl });
    // For the CLI after a deploy (comms smoke, search reindex, dlq --table).
    new CfnOutput(this, 'TableName', { value: data.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: data.bus.eventBusName });
    new CfnOutput(this, 'SignInUrl', { value: signInBase });
    // The API as clients reach it: through CloudFront, on the UI's origin.
    new CfnOutput(this, 'ApiUrl', { value: `${webUrl}/api` });
    if (apiDomain) {
      // Where the API domain's DNS record points (a CNAME or alias to API Gateway's regional name).
      new CfnOutput(this, 'ApiDomainTarget', { value: apiDomain.regionalDomainName });
    }
    new CfnOutput(this, 'UserPoolId', { value: data.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: webClient.userPoolClientId });
  }

  /**
   * What an asynchronously invoked function does with a failure: retried twice by Lambda, then kept in a failure
   * queue (an on-failure destination, with an alarm), and its errors alarmed on.
   */
  private asyncFailurePath(
    fn: ServiceFunction,
    alarms: Topic,
    id: string,
    text: { holds: string; fails: string; runbook: RunbookAlarmProps['runbook'] },
  ): FailureQueue {
    const failed = new FailureQueue(this, `${id}Failures`, {
      alarms,
      holds: text.holds,
      runbook: text.runbook,
    });
    fn.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(failed.queue) });
    acknowledge(fn, { [FINDINGS.lambdaDlq]: ON_FAILURE_DESTINATION });
    alarmTo(alarms, this, `${id}Errors`, {
      summary: text.fails,
      runbook: text.runbook,
      metric: fn.metricErrors({ period: Duration.minutes(5) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
    return failed;
  }

  /** The API as reps meet it (errors, slowness) and the table under it. */
  private apiAlarms(topic: Topic, data: DataStack): void {
    alarmTo(topic, this, 'Api5xx', {
      summary: 'The HTTP API answered 5xx',
      runbook: 'alarms.md#api-errors',
      metric: this.api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
    alarmTo(topic, this, 'ApiLatencyP99', {
      summary: 'The slowest 1 % of API requests took over 3 s',
      runbook: 'alarms.md#api-latency',
      metric: this.api.metricLatency({ period: Duration.minutes(5), statistic: 'p99' }),
      threshold: 3000,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
    });
    const throttled = (metricName: string) =>
      new Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: data.table.tableName },
        period: Duration.minutes(5),
        statistic: 'Sum',
      });
    alarmTo(topic, this, 'DynamoDbThrottles', {
      summary: 'The table throttled reads or writes',
      runbook: 'alarms.md#dynamodb-throttles',
      metric: new MathExpression({
        expression: 'reads + writes',
        usingMetrics: { reads: throttled('ReadThrottleEvents'), writes: throttled('WriteThrottleEvents') },
        label: 'Throttled requests',
        period: Duration.minutes(5),
      }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
  }

  /** SES reputation (AWS reviews an account from 5 % bounces or 0.1 % complaints) and SMS spend. */
  private accountAlarms(topic: Topic, settings: DeploymentSettings): void {
    const alarm = (
      id: string,
      metric: Metric,
      threshold: number,
      text: { summary: string; runbook: RunbookAlarmProps['runbook'] },
    ) =>
      alarmTo(topic, this, id, {
        ...text,
        metric,
        threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
    const hourly = { period: Duration.hours(1), statistic: 'Maximum' };
    alarm(
      'SesBounceRate',
      new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.BounceRate', ...hourly }),
      0.04,
      {
        summary: 'Bounce rate at 4 %: AWS reviews accounts from 5 %',
        runbook: 'bounces-and-complaints.md#when-the-bounce-alarm-fires',
      },
    );
    alarm(
      'SesComplaintRate',
      new Metric({ namespace: 'AWS/SES', metricName: 'Reputation.ComplaintRate', ...hourly }),
      0.0008,
      {
        summary: 'Complaint rate at 0.08 %: AWS reviews accounts from 0.1 %',
        runbook: 'bounces-and-complaints.md#when-the-complaint-alarm-fires',
      },
    );
    alarm(
      'SmsSpend',
      new Metric({ namespace: 'AWS/SNS', metricName: 'SMSMonthToDateSpentUSD', ...hourly }),
      settings.smsMonthlySpendLimitUsd * 0.8,
      { summary: 'SMS spend at 80 % of the monthly limit', runbook: 'alarms.md#sms-spend' },
    );
  }

  /** The messages as the business counts them (EMF from the functions), per channel. */
  private businessAlarms(topic: Topic): void {
    for (const [channel, service] of [
      ['Email', 'email-dispatcher'],
      ['SMS', 'sms-dispatcher'],
    ] as const) {
      alarmTo(topic, this, `${channel === 'Email' ? 'Email' : 'Sms'}Throttled`, {
        summary: `${channel} sends held back by the provider's rate for 15 minutes`,
        runbook: 'alarms.md#sending-throttled',
        metric: outcomeMetric(service, channel, 'Throttled'),
        threshold: 10,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
      });
    }
  }

  private dashboard(stage: Stage): void {
    const units = Object.entries(this.stages);
    new Dashboard(this, 'Dashboard', {
      dashboardName: `import-comms-${stage}`,
      widgets: [
        [
          new GraphWidget({
            title: 'Messages sent, not sent and throttled',
            // Each dispatcher sends on its own channel.
            left: (['Sent', 'NotSent', 'Failed', 'Throttled'] as const).flatMap((outcome) => [
              outcomeMetric('email-dispatcher', 'Email', outcome).with({ label: `Email ${outcome}` }),
              outcomeMetric('sms-dispatcher', 'SMS', outcome).with({ label: `SMS ${outcome}` }),
            ]),
            width: 12,
          }),
          new GraphWidget({
            title: 'Delivery verdicts',
            left: (['Delivered', 'Bounced', 'Complained', 'DeliveryFailed'] as const).flatMap((outcome) =>
              (['Email', 'SMS'] as const).map((channel) =>
                outcomeMetric('log-service', channel, outcome).with({ label: `${channel} ${outcome}` }),
              ),
            ),
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Messages waiting',
            left: units.map(([id, unit]) =>
              unit.queue.metricApproximateNumberOfMessagesVisible({ label: id }),
            ),
            width: 12,
          }),
          new GraphWidget({
            title: 'Dead letters',
            left: units.map(([id, unit]) =>
              unit.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ label: `${id} DLQ` }),
            ),
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'Function errors',
            left: units.map(([, unit]) => unit.fn.metricErrors({ label: unit.fn.node.id })),
            width: 12,
          }),
          new GraphWidget({
            title: 'Time a message waited in its queue, p99 (ms)',
            left: ['trigger-service', 'email-dispatcher', 'sms-dispatcher', 'log-service'].map(
              (service) =>
                new Metric({
                  namespace: METRICS_NAMESPACE,
                  metricName: 'MessageAge',
                  dimensionsMap: { service },
                  statistic: 'p99',
                  label: service,
                }),
            ),
            width: 12,
          }),
        ],
        [
          new GraphWidget({
            title: 'API requests and 5xx',
            left: [this.api.metricCount({ label: 'requests' }), this.api.metricServerError({ label: '5xx' })],
            width: 12,
          }),
          new GraphWidget({
            title: 'API latency (ms)',
            left: [
              this.api.metricLatency({ statistic: 'p50', label: 'p50' }),
              this.api.metricLatency({ statistic: 'p99', label: 'p99' }),
            ],
            width: 12,
          }),
        ],
      ],
    });
  }
}

/** One business outcome as the functions write it (the same dimensions the code gives it). */
function outcomeMetric(service: string, channel: MetricChannel, outcome: MessageOutcome): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: outcome,
    dimensionsMap: outcomeDimensions(service, channel),
    statistic: 'Sum',
    period: Duration.minutes(5),
  });
}
