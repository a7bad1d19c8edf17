import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  DEFAULT_SILENCE_SETTINGS,
  type SaveResult,
  type SilenceSettings,
  type SilenceWatch,
  type SilenceWatchStore,
} from '@import-comms/core';
import type { ImportStage } from '@import-comms/events';
import { conditionally, withoutStorageAttributes } from './conditional.js';
import { INDEXES } from './table-definition.js';

const SETTINGS_KEY = { PK: 'SETTINGS', SK: 'SILENCE_WATCH' } as const;
const watchKey = (vehicleId: string) => ({ PK: `VEHICLE#${vehicleId}`, SK: 'SILENCE_WATCH' });
const stagePartition = (stage: ImportStage) => `SILENCE#${stage}`;
const STORAGE_ONLY = ['PK', 'SK', 'entity', 'directoryKey', 'directorySortKey'] as const;

/**
 * The watch item of a vehicle, in its stage's partition of the directory index sorted by when the silence
 * began: the sweep reads, per watched stage, only the vehicles silent longer than that stage allows.
 */
export function silenceWatchItem(watch: SilenceWatch): Record<string, unknown> {
  return {
    ...watch,
    ...watchKey(watch.vehicleId),
    entity: 'SilenceWatch',
    directoryKey: stagePartition(watch.stage),
    directorySortKey: `${watch.since}#${watch.vehicleId}`,
  };
}

/** Writes a vehicle's watch for its new stage, unless a later stage's watch is there already (stale events). */
export async function putSilenceWatch(
  documents: DynamoDBDocumentClient,
  tableName: string,
  watch: SilenceWatch,
): Promise<void> {
  await conditionally(() =>
    documents.send(
      new PutCommand({
        TableName: tableName,
        Item: silenceWatchItem(watch),
        ConditionExpression: 'attribute_not_exists(stageSequence) OR stageSequence <= :sequence',
        ExpressionAttributeValues: { ':sequence': watch.stageSequence },
      }),
    ),
  );
}

/** The silence watch's settings and watches in the single table (docs/adr/0024-follow-up-tasks.md). */
export class DynamoSilenceWatchStore implements SilenceWatchStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getSettings(): Promise<SilenceSettings> {
    const response = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: SETTINGS_KEY, ConsistentRead: true }),
    );
    return response.Item
      ? withoutStorageAttributes<SilenceSettings>(response.Item, STORAGE_ONLY)
      : DEFAULT_SILENCE_SETTINGS;
  }

  async saveSettings(settings: SilenceSettings): Promise<SaveResult> {
    const read = settings.version - 1;
    const saved = await conditionally(() =>
      this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...settings, ...SETTINGS_KEY, entity: 'Settings' },
          ConditionExpression: read === 0 ? 'attribute_not_exists(PK)' : 'version = :read',
          ...(read === 0 ? {} : { ExpressionAttributeValues: { ':read': read } }),
        }),
      ),
    );
    return saved ? { saved: true } : { saved: false, reason: 'conflict' };
  }

  async silentSince(stage: ImportStage, before: Date, limit: number): Promise<SilenceWatch[]> {
    const response = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.directory.name,
        KeyConditionExpression: '#pk = :partition AND #sk <= :before',
        ExpressionAttributeNames: {
          '#pk': INDEXES.directory.partitionKey,
          '#sk': INDEXES.directory.sortKey,
        },
        ExpressionAttributeValues: {
          ':partition': stagePartition(stage),
          ':before': `${before.toISOString()}#\uffff`,
        },
        Limit: limit,
      }),
    );
    return (response.Items ?? []).map((item) => withoutStorageAttributes<SilenceWatch>(item, STORAGE_ONLY));
  }

  async restart(watch: SilenceWatch, since: Date): Promise<void> {
    const at = since.toISOString();
    await conditionally(() =>
      this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: watchKey(watch.vehicleId),
          UpdateExpression: 'SET since = :since, directorySortKey = :sortKey',
          ConditionExpression: 'stageSequence = :sequence',
          ExpressionAttributeValues: {
            ':since': at,
            ':sortKey': `${at}#${watch.vehicleId}`,
            ':sequence': watch.stageSequence,
          },
        }),
      ),
    );
  }
}
