import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { CommsTable } from '../constructs/comms-table.js';
import type { Stage } from '../stage.js';

export interface DataStackProps extends StackProps {
  stage: Stage;
}

/** Stateful resources, deployed and retained apart from the code that uses them. */
export class DataStack extends Stack {
  readonly table: Table;
  readonly dataKey: Key;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const retain = props.stage === 'prod';
    this.dataKey = new Key(this, 'DataKey', {
      description: 'Encrypts import-comms customer data at rest',
      enableKeyRotation: true,
      removalPolicy: retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.table = new CommsTable(this, 'Communications', { encryptionKey: this.dataKey, retain }).table;
  }
}
