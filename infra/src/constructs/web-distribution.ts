import path from 'node:path';
import { SECURITY_HEADERS } from '@import-comms/aws';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledge, CDK_SINGLETON_FINDINGS, FINDINGS } from './nag.js';
import { REPO_ROOT } from './service-function.js';

export interface WebDistributionProps {
  api: HttpApi;
  /** The API's own domain, when it has one (its execute-api address is then off). */
  apiDomainName?: string;
  /** The UI's own domain and its certificate (us-east-1); otherwise CloudFront's domain and certificate. */
  domain?: { name: string; certificateArn: string };
  retain: boolean;
  /** Origins the UI calls to sign in (Cognito's issuer and managed-login domain), allowed by the CSP. */
  signInOrigins: readonly string[];
}

/**
 * The reps' UI on one origin with the API: CloudFront serves the built UI from a private bucket (origin access
 * control) and forwards /api/* to API Gateway uncached, so the UI needs no CORS and tokens never sit in URLs.
 */
export class WebDistribution extends Construct {
  readonly distribution: Distribution;
  private readonly site: Bucket;

  constructor(scope: Construct, id: string, props: WebDistributionProps) {
    super(scope, id);
    const removalPolicy = props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logs = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront writes its logs with ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy,
      autoDeleteObjects: !props.retain,
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions::AwsSolutions-S1',
      reason: 'This is the access-log bucket; logging it into itself would loop',
    });
    const site = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy,
      autoDeleteObjects: !props.retain,
    });
    this.site = site;
    const apiDomain =
      props.apiDomainName ??
      `${props.api.apiId}.execute-api.${props.api.stack.region}.${props.api.stack.urlSuffix}`;
    // The same headers the local app server sets (one definition), on the UI and on the API's answers.
    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'import-comms security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: SECURITY_HEADERS.contentSecurityPolicy(props.signInOrigins),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(SECURITY_HEADERS.strictTransportSecurity.maxAgeSeconds),
          includeSubdomains: SECURITY_HEADERS.strictTransportSecurity.includeSubdomains,
          override: true,
        },
      },
    });
    // Screens of the single-page app are answered with index.html by a function on the UI's behaviour alone:
    // the API's answers (its 401, 403 and 404 too) pass through CloudFront untouched.
    const spaRouting = new EdgeFunction(this, 'SpaRouting', {
      comment: 'import-comms: screens of the UI are answered with /index.html',
      code: FunctionCode.fromFile({ filePath: path.join(REPO_ROOT, 'infra/edge/spa-routing.js') }),
      runtime: FunctionRuntime.JS_2_0,
    });
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'import-comms web UI and API',
      ...(props.domain
        ? {
            domainNames: [props.domain.name],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(site),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: spaRouting, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(apiDomain),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-CFR1',
        reason: 'Reps and customers are not limited to listed countries',
      },
      {
        id: 'AwsSolutions::AwsSolutions-CFR2',
        reason: 'WAF for CloudFront lives in us-east-1; the API has its own throttling and Cognito in front',
      },
    );
    if (!props.domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions::AwsSolutions-CFR4',
        reason:
          "No custom domain is configured for this stage (webDomainName): the UI is on CloudFront's own domain and certificate",
      });
    }
  }

  /**
   * Uploads the built UI with its `config.json` (how to sign in: written here from the user pool, so the same
   * build runs in every stage), and refreshes what CloudFront holds of the two files that keep their names.
   */
  deployUi(signInConfig: Record<string, string>): void {
    const deployment = new BucketDeployment(this, 'Deploy', {
      sources: [
        Source.asset(path.join(REPO_ROOT, 'packages/web/dist')),
        Source.jsonData('config.json', signInConfig),
      ],
      destinationBucket: this.site,
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      memoryLimit: 512,
    });
    // The deployment's function is a singleton CDK adds at the stack's root; its findings are CDK's own.
    const handler = deployment.handlerRole.node.scope;
    if (handler) {
      acknowledge(handler, {
        [FINDINGS.basicExecutionRole]: "CDK's bucket-deployment function writes only its own logs",
        [FINDINGS.latestRuntime]: "The runtime of CDK's bucket-deployment function is chosen by aws-cdk-lib",
        ...CDK_SINGLETON_FINDINGS,
        [FINDINGS.anyResource]: 'CloudFront invalidations (after each deploy of the UI) take no resource ARN',
        'AwsSolutions::AwsSolutions-IAM5[Action::s3:GetObject*]': "CDK's grant to read the UI asset",
        'AwsSolutions::AwsSolutions-IAM5[Action::s3:GetBucket*]': "CDK's grant to read the UI asset",
        'AwsSolutions::AwsSolutions-IAM5[Action::s3:List*]':
          "CDK's grant to list the asset and the site bucket",
        'AwsSolutions::AwsSolutions-IAM5[Action::s3:Abort*]': "CDK's grant to write the site bucket",
        'AwsSolutions::AwsSolutions-IAM5[Action::s3:DeleteObject*]':
          'Old UI files are removed on deploy (prune)',
        'AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]':
          'The bootstrap asset bucket holds the UI bundle under a content-hashed key',
        'AwsSolutions::AwsSolutions-IAM5[Resource::<WebSiteD504717C.Arn>/*]':
          'Every file of the site bucket is the UI',
      });
    }
  }
}
