import { TABLE_INDEXES } from '@import-comms/aws';
import { Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/** cdk-nag findings acknowledged in this app, by their exact ids; each use gives its reason next to it. */
export const FINDINGS = {
  basicExecutionRole:
    'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
  anyResource: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
  kmsGenerateDataKey: 'AwsSolutions::AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
  kmsReEncrypt: 'AwsSolutions::AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
  latestRuntime: 'AwsSolutions::AwsSolutions-L1',
  noAuthorizer: 'AwsSolutions::AwsSolutions-APIG4',
  lambdaDlq: 'Serverless::Serverless-LambdaDLQ',
  queueRedrive: 'Serverless::Serverless-SQSRedrivePolicy',
  sourceMappingDestination: 'Serverless::Serverless-LambdaEventSourceMappingDestination',
  tracing: 'Serverless::Serverless-LambdaTracing',
  latestVersion: 'Serverless::Serverless-LambdaLatestVersion',
  defaultMemory: 'Serverless::Serverless-LambdaDefaultMemorySize',
} as const;

/** CDK's own deployment-time functions (custom resources): what the checks ask of a service function is CDK's. */
export const CDK_SINGLETON_FINDINGS = {
  [FINDINGS.lambdaDlq]: 'Invoked synchronously by CloudFormation during a deploy, which reports its failure',
  [FINDINGS.tracing]: "CDK's deployment-time function: its code and settings are aws-cdk-lib's",
  [FINDINGS.latestVersion]: "The runtime of CDK's deployment-time function is chosen by aws-cdk-lib",
  [FINDINGS.defaultMemory]: "CDK's deployment-time function: its memory is aws-cdk-lib's",
};

export function acknowledge(scope: IConstruct, findings: Record<string, string>): void {
  for (const [id, reason] of Object.entries(findings)) Validations.of(scope).acknowledge({ id, reason });
}

/** The item operations the repositories use; no Scan, no table management. */
const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:Query',
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];

/**
 * Item access to the table and each of its indexes, named one by one (no `index/*`), plus the use of the
 * table's customer-managed key that DynamoDB needs on the caller's behalf.
 */
export function grantTableAccess(table: ITable, grantee: IGrantable & IConstruct): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: TABLE_ACTIONS,
      resources: [table.tableArn, ...TABLE_INDEXES.map((index) => `${table.tableArn}/index/${index.name}`)],
    }),
  );
  table.encryptionKey?.grantEncryptDecrypt(grantee);
  acknowledge(grantee, {
    [FINDINGS.kmsGenerateDataKey]:
      "DynamoDB encrypts items with the table key on the caller's behalf (CDK's key grant)",
    [FINDINGS.kmsReEncrypt]:
      "DynamoDB re-encrypts with the table key on the caller's behalf (CDK's key grant)",
  });
}
