import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';

/**
 * The one table of the system (single-table design, see docs/adr/0003). This definition is the single source
 * of truth for the table's keys and indexes: the local runtime and tests create the table from it, and the CDK
 * stack builds the production table from it.
 */
export const KEY = { partition: 'PK', sort: 'SK' } as const;

/** Attributes the timeline indexes project (from the write-once CONTENT item; status lives elsewhere). */
export const TIMELINE_PROJECTION = [
  'communicationId',
  'customerId',
  'vehicleId',
  'type',
  'direction',
  'templateId',
  'createdBy',
  'createdAt',
  'searchText',
] as const;

/**
 * What the whole log's indexes (the log, and failures by status) project: only what their filters test. A page
 * reads keys from them and everything else from the DETAILS items, and text over the whole log is answered by
 * the search postings (ADR 0022), never by filtering these: without the message's words an entry is a tenth of
 * the bytes a page's read evaluates and pays for (docs/adr/0037-lean-log-indexes.md).
 */
export const LOG_PROJECTION = ['type', 'templateId', 'createdBy'] as const;

export const INDEXES = {
  customerTimeline: {
    name: 'customer-timeline',
    partitionKey: 'customerTimelineKey',
    sortKey: 'timelineSortKey',
  },
  vehicleTimeline: {
    name: 'vehicle-timeline',
    partitionKey: 'vehicleTimelineKey',
    sortKey: 'timelineSortKey',
  },
  /** Every communication, newest first, in one partition (docs/adr/0038). */
  logTimeline: { name: 'log-timeline', partitionKey: 'logTimelineKey', sortKey: 'timelineSortKey' },
  providerMessage: { name: 'provider-message', partitionKey: 'providerMessageId', sortKey: undefined },
  templatesByTrigger: { name: 'templates-by-trigger', partitionKey: 'triggerEvent', sortKey: 'templateId' },
  templateCatalog: {
    name: 'template-catalog',
    partitionKey: 'templateCatalogKey',
    sortKey: 'templateSortKey',
  },
  /**
   * Sparse: only communications that ended badly (failed, bounced, complained, not sent), one partition per
   * status, by creation time — written once, when the final status is, so the happy path never pays for it.
   * It indexes the DETAILS item (where status lives), sorted by its `createdAt`.
   */
  statusTimeline: { name: 'status-timeline', partitionKey: 'statusTimelineKey', sortKey: 'createdAt' },
  /**
   * Lists reps pick from, one partition each (GSI overloading): customers by name, each customer's vehicles, and
   * follow-up tasks — per assignee and status, per customer, per vehicle (ADR 0024).
   */
  directory: { name: 'directory', partitionKey: 'directoryKey', sortKey: 'directorySortKey' },
  /** Sparse: only Scheduled communications, by due time, for the sweeper. */
  scheduled: { name: 'scheduled-due', partitionKey: 'scheduleKey', sortKey: 'scheduleSortKey' },
} as const;

export type IndexName = (typeof INDEXES)[keyof typeof INDEXES]['name'];

export interface TableIndexDefinition {
  name: string;
  partitionKey: string;
  sortKey?: string;
  projection: { type: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; nonKeyAttributes?: readonly string[] };
}

export const TABLE_INDEXES: readonly TableIndexDefinition[] = [
  { ...INDEXES.customerTimeline, projection: { type: 'INCLUDE', nonKeyAttributes: TIMELINE_PROJECTION } },
  { ...INDEXES.vehicleTimeline, projection: { type: 'INCLUDE', nonKeyAttributes: TIMELINE_PROJECTION } },
  { ...INDEXES.logTimeline, projection: { type: 'INCLUDE', nonKeyAttributes: LOG_PROJECTION } },
  {
    name: INDEXES.providerMessage.name,
    partitionKey: INDEXES.providerMessage.partitionKey,
    projection: { type: 'KEYS_ONLY' },
  },
  { ...INDEXES.templatesByTrigger, projection: { type: 'ALL' } },
  { ...INDEXES.templateCatalog, projection: { type: 'ALL' } },
  { ...INDEXES.scheduled, projection: { type: 'KEYS_ONLY' } },
  { ...INDEXES.directory, projection: { type: 'ALL' } },
  { ...INDEXES.statusTimeline, projection: { type: 'INCLUDE', nonKeyAttributes: LOG_PROJECTION } },
];

/** Attribute holding the epoch-seconds expiry of short-lived items; honoured by AWS, ignored by dynalite. */
export const TTL_ATTRIBUTE = 'expiresAt';

export function tableDefinition(tableName: string): CreateTableCommandInput {
  const keyAttributes = new Set<string>([KEY.partition, KEY.sort]);
  for (const index of TABLE_INDEXES) {
    keyAttributes.add(index.partitionKey);
    if (index.sortKey) keyAttributes.add(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...keyAttributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: KEY.partition, KeyType: 'HASH' },
      { AttributeName: KEY.sort, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        ...(index.sortKey ? [{ AttributeName: index.sortKey, KeyType: 'RANGE' as const }] : []),
      ],
      Projection: {
        ProjectionType: index.projection.type,
        ...(index.projection.nonKeyAttributes
          ? { NonKeyAttributes: [...index.projection.nonKeyAttributes] }
          : {}),
      },
    })),
  };
}

/** Creates the table if it does not exist and waits until it is active. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    const missing = TABLE_INDEXES.filter((index) => !present.has(index.name)).map((index) => index.name);
    if (missing.length > 0) {
      throw new Error(
        `table ${tableName} lacks the indexes ${missing.join(', ')} (it was made by an older version): ` +
          'recreate it (locally: npm start -- --reset)',
      );
    }
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  await client.send(new CreateTableCommand(tableDefinition(tableName)));
  await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1 }, { TableName: tableName });
}
