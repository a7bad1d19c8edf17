import { KEY, TABLE_INDEXES, TTL_ATTRIBUTE } from '@import-comms/aws';
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface CommsTableProps {
  encryptionKey: IKey;
  /** Keep the table (and refuse to delete it) when the stack goes away: production data. */
  retain: boolean;
}

const PROJECTION: Record<string, ProjectionType> = {
  ALL: ProjectionType.ALL,
  KEYS_ONLY: ProjectionType.KEYS_ONLY,
  INCLUDE: ProjectionType.INCLUDE,
};

/**
 * The system's one DynamoDB table, built from the same key and index definition that tests and the local
 * runtime create on dynalite (`@import-comms/aws` table-definition), so they cannot drift apart.
 * (`Table`, not `TableV2`: TableV2 cannot render a customer-managed key in a region-agnostic stack.)
 */
export class CommsTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: CommsTableProps) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: KEY.partition, type: AttributeType.STRING },
      sortKey: { name: KEY.sort, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: props.retain,
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of TABLE_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        ...(index.sortKey ? { sortKey: { name: index.sortKey, type: AttributeType.STRING } } : {}),
        projectionType: PROJECTION[index.projection.type],
        ...(index.projection.nonKeyAttributes
          ? { nonKeyAttributes: [...index.projection.nonKeyAttributes] }
          : {}),
      });
    }
  }
}
