import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  ensureTable,
  INDEXES,
  LOG_PROJECTION,
  TABLE_INDEXES,
  TIMELINE_PROJECTION,
  tableDefinition,
} from '../../src/index.js';
import { createTestTable } from '../support/table.js';

describe('table definition', () => {
  it('creates the table with every index the access patterns need, on demand', async () => {
    // Prepare
    const { client, tableName } = await createTestTable();

    // Act
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));

    // Assess
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ]);
    const indexes = Object.fromEntries(
      (Table?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index]),
    );
    expect(Object.keys(indexes).sort()).toEqual(
      Object.values(INDEXES)
        .map((index) => index.name)
        .sort(),
    );
    expect(indexes['customer-timeline']?.Projection).toEqual({
      ProjectionType: 'INCLUDE',
      NonKeyAttributes: [...TIMELINE_PROJECTION],
    });
    expect(indexes['provider-message']?.Projection?.ProjectionType).toBe('KEYS_ONLY');
    // The whole log's indexes carry what their filters test, not the message's words (ADR 0037).
    for (const name of ['log-timeline', 'status-timeline'])
      expect(indexes[name]?.Projection).toEqual({
        ProjectionType: 'INCLUDE',
        NonKeyAttributes: [...LOG_PROJECTION],
      });
    expect(LOG_PROJECTION).not.toContain('searchText');
  });

  it('keeps status out of the timeline indexes, so status updates never write to them', () => {
    const timelines = TABLE_INDEXES.filter((index) => index.name.endsWith('-timeline'));

    // customer, vehicle, the whole log, and the sparse status timeline (keyed once, at a final failure status).
    expect(timelines.map((index) => index.name)).toEqual([
      'customer-timeline',
      'vehicle-timeline',
      'log-timeline',
      'status-timeline',
    ]);
    for (const index of timelines) expect(index.projection.nonKeyAttributes).not.toContain('status');
  });

  it('is created idempotently', async () => {
    const { client, tableName } = await createTestTable();

    await expect(ensureTable(client, tableName)).resolves.toBeUndefined();
  });

  it('declares each key attribute once, as a string', () => {
    const names =
      tableDefinition('t').AttributeDefinitions?.map((definition) => definition.AttributeName) ?? [];

    expect(new Set(names).size).toBe(names.length);
    expect(tableDefinition('t').AttributeDefinitions?.every((d) => d.AttributeType === 'S')).toBe(true);
  });
});
