import { deployedName, TOPOLOGY } from '@import-comms/aws';
import { ROLES } from '@import-comms/core';
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
import {
  ConfigurationSet,
  ConfigurationSetEventDestination,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
} from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
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
