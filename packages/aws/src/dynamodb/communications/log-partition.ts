import { type DynamoDBDocumentClient, paginateQuery, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally } from '../conditional.js';
import { timelineKeys } from '../keys.js';
import { INDEXES } from '../table-definition.js';

/** The partitions of the whole log while it had three write shards (ADR 0019, until ADR 0038). */
const SHARDED_LOG_PARTITIONS = ['LOG#0', 'LOG#1', 'LOG#2'] as const;

/** Entries moved at once: a page of the index, its updates in parallel. */
const PAGE_SIZE = 100;

/**
 * Moves the whole log's entries written while it had three write shards into its one partition
 * (docs/adr/0038-the-whole-log-in-one-partition.md): sets `logTimelineKey` on each CONTENT item, only while it
 * still names a shard, so it is safe to run again after a crash and beside live traffic, and an item deleted
 * meanwhile is not brought back. Answers how many entries it moved.
 */
export async function moveShardedLogEntries(
  documents: DynamoDBDocumentClient,
  tableName: string,
): Promise<number> {
  const { name: indexName, partitionKey } = INDEXES.logTimeline;
  let moved = 0;
  for (const shard of SHARDED_LOG_PARTITIONS) {
    const pages = paginateQuery(
      { client: documents, pageSize: PAGE_SIZE },
      {
        TableName: tableName,
        IndexName: indexName,
        KeyConditionExpression: '#log = :shard',
        ProjectionExpression: 'PK, SK',
        ExpressionAttributeNames: { '#log': partitionKey },
        ExpressionAttributeValues: { ':shard': shard },
      },
    );
    for await (const page of pages) {
      const updates = await Promise.all(
        (page.Items ?? []).map((item) =>
          conditionally(() =>
            documents.send(
              new UpdateCommand({
                TableName: tableName,
                Key: { PK: item.PK, SK: item.SK },
                UpdateExpression: 'SET #log = :log',
                ConditionExpression: '#log = :shard',
                ExpressionAttributeNames: { '#log': partitionKey },
                ExpressionAttributeValues: { ':log': timelineKeys.log, ':shard': shard },
              }),
            ),
          ),
        ),
      );
      moved += updates.filter((update) => update !== undefined).length;
    }
  }
  return moved;
}
