import { deployedName, TOPOLOGY } from '@import-comms/aws';
import { keywordResponses, ROLES } from '@import-comms/core';
import { Aws, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  UserPool,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Archive, EventBus } from 'aws-cdk-lib/aws-events';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  ConfigurationSet,
  ConfigurationSetEventDestination,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  ReceiptRuleSet,
  TlsPolicy,
} from 'aws-cdk-lib/aws-ses';
import { S3 as SaveToS3 } from 'aws-cdk-lib/aws-ses-actions';
import { CfnPhoneNumber } from 'aws-cdk-lib/aws-smsvoice';
import { Topic, TopicPolicy } from 'aws-cdk-lib/aws-sns';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { CommsTable } from '../constructs/comms-table.js';
import { acknowledge, CDK_SINGLETON_FINDINGS, FINDINGS } from '../constructs/nag.js';
import type { DeploymentSettings } from '../settings.js';
import type { Stage } from '../stage.js';

export interface DataStackProps extends StackProps {
  stage: Stage;
  settings: DeploymentSettings;
}

/**
 * The inbound-mail bucket's name: unique by account and region, and known to the service stack without a
 * cross-stack reference (its grants name the bucket's prefixes).
 */
export function inboundMailBucketName(stage: Stage): string {
  return `import-comms-${stage}-inbound-mail-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

/** Construct id of the function behind every AwsCustomResource (fixed by aws-cdk-lib). */
const AWS_CUSTOM_RESOURCE_PROVIDER = 'AWS679f53fac002430cb0da5b7982bd2287';

/** SES event types the log-service turns into statuses (send, delivery, bounce, complaint, reject…). */
const SES_EVENTS = [
  EmailSendingEvent.SEND,
  EmailSendingEvent.DELIVERY,
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.REJECT,
  EmailSendingEvent.RENDERING_FAILURE,
  EmailSendingEvent.DELIVERY_DELAY,
];

/**
 * Everything with state or a slow life cycle, deployed and retained apart from the code that uses it: the
 * table and its key, the event bus and its archive, SES's identity and configuration set (with the topic its
 * events go to), the account's SMS settings, and the user pool of the reps.
 */
export class DataStack extends Stack {
  readonly table: Table;
  readonly dataKey: Key;
  readonly bus: EventBus;
  readonly sesEvents: Topic;
  readonly configurationSet: ConfigurationSet;
  readonly emailIdentity: EmailIdentity;
  readonly userPool: UserPool;
  /** Cognito managed login (the sign-in pages reps are sent to), on a Cognito-hosted domain. */
  readonly signInDomain: UserPoolDomain;
  /** Customers' replies as SES receiving wrote them, and the files read from them (ADR 0028). */
  readonly inboundMail: Bucket;
  /** What AWS publishes for a received email (SES) and a received text (End User Messaging). */
  readonly inboundTopics: Record<'inbound-email' | 'inbound-sms', Topic>;
  /** Signs each email's reply address; kept for the life of the replies it can still verify. */
  readonly replySecret: Secret;
  /** The SES receipt rule set of the reply domain (active only where this stage owns it). */
  readonly receiptRules: ReceiptRuleSet;
  /** The two-way number customers text, when the stage orders one. */
  readonly twoWayNumber?: CfnPhoneNumber;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const retain = props.stage === 'prod';
    const removalPolicy = retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.dataKey = new Key(this, 'DataKey', {
      description: 'Encrypts import-comms customer data at rest',
      enableKeyRotation: true,
      removalPolicy,
    });
    // SES publishes delivery events to the topic: it must be able to use the topic's key.
    this.dataKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    // End User Messaging publishes customers' texts to a topic under this key, as SES does its notifications.
    this.dataKey.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('sms-voice.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    this.table = new CommsTable(this, 'Communications', { encryptionKey: this.dataKey, retain }).table;

    this.bus = new EventBus(this, 'Bus', { eventBusName: deployedName(TOPOLOGY.eventBusName, props.stage) });
    // Every business event is kept for replay (after a fix, or for a new consumer).
    new Archive(this, 'BusArchive', {
      sourceEventBus: this.bus,
      eventPattern: { account: [this.account] },
      retention: Duration.days(retain ? 365 : 30),
      description: 'All events on the import bus',
    });

    this.sesEvents = new Topic(this, 'SesEvents', {
      displayName: 'SES events of import-comms (to the callback queue)',
      masterKey: this.dataKey,
      enforceSSL: true,
    });
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: `import-comms-${props.stage}`,
      reputationMetrics: true,
    });
    new ConfigurationSetEventDestination(this, 'SesEventDestination', {
      configurationSet: this.configurationSet,
      destination: EventDestination.snsTopic(this.sesEvents),
      events: SES_EVENTS,
    });
    this.emailIdentity = new EmailIdentity(this, 'SenderDomain', {
      identity: Identity.domain(props.settings.senderDomain),
      configurationSet: this.configurationSet,
    });

    const inbound = this.receiveReplies(props.stage, props.settings, retain);
    this.inboundMail = inbound.bucket;
    this.inboundTopics = inbound.topics;
    this.replySecret = inbound.secret;
    this.receiptRules = inbound.ruleSet;
    if (inbound.number) this.twoWayNumber = inbound.number;

    // Account-wide: only the stage that owns the account's SMS settings sets them (see ownsAccountSmsSettings).
    if (props.settings.ownsAccountSmsSettings) this.configureSms(props.settings);

    this.userPool = new UserPool(this, 'Reps', {
      userPoolName: `import-comms-${props.stage}-reps`,
      selfSignUpEnabled: false,
      signInAliases: { email: true, username: true },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: FeaturePlan.PLUS,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      removalPolicy,
    });
    for (const role of ROLES) {
      new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: `import-comms ${role}s`,
      });
    }
    this.signInDomain = this.userPool.addDomain('SignIn', {
      // Unique in the region across all accounts: the stage and the account number make it so.
      cognitoDomain: { domainPrefix: `import-comms-${props.stage}-${Aws.ACCOUNT_ID}` },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
  }

  /**
   * Customers' replies (ADR 0028): SES receives mail for the reply domain, scans it, writes it whole to an
   * encrypted bucket and tells the inbound-email topic; the two-way number publishes texts to the inbound-SMS
   * topic. The reply secret signs every email's reply address.
   */
  private receiveReplies(stage: Stage, settings: DeploymentSettings, retain: boolean) {
    const removalPolicy = retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logs = new Bucket(this, 'InboundMailAccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy,
      autoDeleteObjects: !retain,
    });
    acknowledge(logs, {
      'AwsSolutions::AwsSolutions-S1': 'This is the access-log bucket; logging it into itself would loop',
    });
    const bucket = new Bucket(this, 'InboundMail', {
      bucketName: inboundMailBucketName(stage),
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.KMS,
      encryptionKey: this.dataKey,
      bucketKeyEnabled: true,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'inbound-mail/',
      // Raw messages and their files are kept as long as the timeline needs the originals: a year in prod.
      lifecycleRules: [{ expiration: Duration.days(retain ? 365 : 30) }],
      removalPolicy,
      autoDeleteObjects: !retain,
    });
    const topic = (id: string, displayName: string) =>
      new Topic(this, id, { displayName, masterKey: this.dataKey, enforceSSL: true });
    const topics = {
      'inbound-email': topic('InboundEmail', 'Emails customers sent (SES receiving notifications)'),
      'inbound-sms': topic('InboundSms', 'Texts customers sent to the two-way number'),
    };
    // End User Messaging publishes with the topic's policy allowing it (no role needed).
    new TopicPolicy(this, 'InboundSmsPublishers', { topics: [topics['inbound-sms']] }).document.addStatements(
      new PolicyStatement({
        principals: [new ServicePrincipal('sms-voice.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [topics['inbound-sms'].topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    const secret = new Secret(this, 'ReplySecret', {
      description: 'Signs the reply address of every email import-comms sends',
      // Secrets Manager's own key: granting a function in the service stack the data key's use from here
      // would tie the two stacks in a cycle.
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy,
    });
    acknowledge(secret, {
      'AwsSolutions::AwsSolutions-SMG4':
        'Rotating it would unmatch every reply to mail already sent (their addresses are signed with it); replies still match by headers and sender, so it is rotated by hand when compromised (runbook)',
    });
    const ruleSet = new ReceiptRuleSet(this, 'ReplyRules', {
      receiptRuleSetName: `import-comms-${stage}`,
      rules: [
        {
          receiptRuleName: 'customer-replies',
          recipients: [settings.replyDomain],
          scanEnabled: true,
          tlsPolicy: TlsPolicy.REQUIRE,
          actions: [new SaveToS3({ bucket, objectKeyPrefix: 'inbound/', topic: topics['inbound-email'] })],
        },
      ],
    });
    // SES receives with one active rule set per account and region: the stage that owns it activates this one.
    if (settings.ownsAccountReceiptRules) {
      const activate = {
        service: 'SES',
        action: 'setActiveReceiptRuleSet',
        parameters: { RuleSetName: ruleSet.receiptRuleSetName },
        physicalResourceId: PhysicalResourceId.of(`import-comms-receipt-rules-${stage}`),
      };
      const active = new AwsCustomResource(this, 'ActiveReceiptRules', {
        onCreate: activate,
        onUpdate: activate,
        // Leaving the account without an active rule set stops receiving, as deleting the stage should.
        onDelete: { service: 'SES', action: 'setActiveReceiptRuleSet', parameters: {} },
        policy: AwsCustomResourcePolicy.fromStatements([
          new PolicyStatement({ actions: ['ses:SetActiveReceiptRuleSet'], resources: ['*'] }),
        ]),
        installLatestAwsSdk: false,
      });
      active.node.addDependency(ruleSet);
      acknowledge(active, {
        [FINDINGS.anyResource]:
          'ses:SetActiveReceiptRuleSet acts on the account: it takes no resource ARN, only "*"',
      });
    }
    const number =
      settings.twoWaySmsCountry && settings.twoWaySmsNumberType
        ? new CfnPhoneNumber(this, 'TwoWayNumber', {
            isoCountryCode: settings.twoWaySmsCountry,
            numberType: settings.twoWaySmsNumberType,
            numberCapabilities: ['SMS'],
            // The number answers HELP and STOP itself, with the company's words (the same the local runtime sends).
            mandatoryKeywords: (() => {
              const responses = keywordResponses({
                name: settings.companyName,
                phone: settings.companyPhone,
                email: settings.companyEmail,
              });
              return { help: { message: responses.help }, stop: { message: responses.stop } };
            })(),
            twoWay: { enabled: true, channelArn: topics['inbound-sms'].topicArn },
            deletionProtectionEnabled: retain,
          })
        : undefined;
    return { bucket, topics, secret, ruleSet, ...(number ? { number } : {}) };
  }

  /**
   * Account-wide SMS settings: transactional by default, a monthly spend limit, and delivery-status logging of
   * every message (the log groups the SMS receipts forwarder reads).
   */
  private configureSms(settings: DeploymentSettings): void {
    const statusRole = new Role(this, 'SmsDeliveryStatusRole', {
      assumedBy: new ServicePrincipal('sns.amazonaws.com'),
      description: 'SNS writes SMS delivery status to CloudWatch Logs',
    });
    statusRole.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: [
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'logs:PutRetentionPolicy',
        ],
        resources: [
          `arn:aws:logs:${this.region}:${this.account}:log-group:sns/${this.region}/${this.account}/*`,
        ],
      }),
    );
    acknowledge(statusRole, {
      'AwsSolutions::AwsSolutions-IAM5[Resource::arn:aws:logs:<AWS::Region>:<AWS::AccountId>:log-group:sns/<AWS::Region>/<AWS::AccountId>/*]':
        'SNS names its delivery-status log groups itself (sns/<region>/<account>/…); the wildcard is that prefix',
    });
    const attributes = {
      DefaultSMSType: 'Transactional',
      MonthlySpendLimit: String(settings.smsMonthlySpendLimitUsd),
      DeliveryStatusIAMRole: statusRole.roleArn,
      DeliveryStatusSuccessSamplingRate: '100',
      DefaultSenderID: settings.smsSenderId,
    };
    const call = {
      service: 'SNS',
      action: 'setSMSAttributes',
      parameters: { attributes },
      physicalResourceId: PhysicalResourceId.of('import-comms-sms-settings'),
    };
    const smsSettings = new AwsCustomResource(this, 'SmsSettings', {
      onCreate: call,
      onUpdate: call,
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['sns:SetSMSAttributes'], resources: ['*'] }),
        new PolicyStatement({ actions: ['iam:PassRole'], resources: [statusRole.roleArn] }),
      ]),
      installLatestAwsSdk: false,
    });
    acknowledge(smsSettings, {
      [FINDINGS.anyResource]:
        'sns:SetSMSAttributes is an account-level action with no resource to scope it to',
    });
    // The custom resource's function is a singleton CDK adds at the stack's root.
    const provider = this.node.tryFindChild(AWS_CUSTOM_RESOURCE_PROVIDER);
    if (provider) {
      acknowledge(provider, {
        [FINDINGS.basicExecutionRole]: "CDK's custom-resource function writes only its own logs",
        ...CDK_SINGLETON_FINDINGS,
      });
    }
  }
}
