import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoStatusCounts, moveLegacyStatusCounts, STATUS_COUNT_SHARDS } from '../../src/index.js';
import { createTestTable, type TestTable } from '../support/table.js';

let table: TestTable;
let counts: DynamoStatusCounts;

beforeEach(async () => {
  table = await createTestTable();
  counts = new DynamoStatusCounts(table.documents, table.tableName);
});

/** The DynamoDB requests `work` makes, by command name. */
async function requestsOf(work: () => Promise<unknown>): Promise<string[]> {
  const spy = jest.spyOn(table.documents, 'send');
  try {
    await work();
    return spy.mock.calls.map(([command]) => command.constructor.name);
  } finally {
    spy.mockRestore();
  }
}

describe('dashboard counters grouped by month', () => {
  it('adds every change of a day, whichever of its items each one landed on', async () => {
    // Act: enough changes that several of the day's items are written
    for (let n = 0; n < 40; n++) await counts.increment('Email', 'Delivered', '2026-11-20T09:00:00.000Z');
    await counts.increment('SMS', 'Failed', '2026-11-20T23:59:59.999Z');

    // Assert
    expect(await counts.countsByDay('2026-11-20', '2026-11-20')).toEqual([
      { day: '2026-11-20', counts: { Email: { Delivered: 40 }, SMS: { Failed: 1 } } },
    ]);
  });

  it('reads a fortnight across a month end in one query a month, at once, and only the days asked for', async () => {
    // Prepare: a day before, two days inside and a day after the range
    await counts.increment('Email', 'Sent', '2026-10-18T12:00:00.000Z');
    await counts.increment('Email', 'Sent', '2026-10-19T12:00:00.000Z');
    await counts.increment('Email', 'Bounced', '2026-11-01T00:00:00.000Z');
    await counts.increment('Email', 'Sent', '2026-11-02T00:00:00.000Z');

    // Act
    let days: Awaited<ReturnType<DynamoStatusCounts['countsByDay']>> = [];
    const requests = await requestsOf(async () => {
      days = await counts.countsByDay('2026-10-19', '2026-11-01');
    });

    // Assert
    expect(requests).toEqual(['QueryCommand', 'QueryCommand']);
    expect(days).toEqual([
      { day: '2026-10-19', counts: { Email: { Sent: 1 } } },
      { day: '2026-11-01', counts: { Email: { Bounced: 1 } } },
    ]);
  });

  it('reads a quarter, across a year end, in four queries', async () => {
    await counts.increment('SMS', 'Delivered', '2026-12-31T23:00:00.000Z');
    await counts.increment('SMS', 'Delivered', '2027-01-01T01:00:00.000Z');

    let days: Awaited<ReturnType<DynamoStatusCounts['countsByDay']>> = [];
    const requests = await requestsOf(async () => {
      days = await counts.countsByDay('2026-11-15', '2027-02-14');
    });

    expect(requests).toHaveLength(4);
    expect(days.map((day) => day.day)).toEqual(['2026-12-31', '2027-01-01']);
  });

  it('answers nothing for a range that ends before it starts, and refuses what is not a day', async () => {
    await counts.increment('SMS', 'Delivered', '2026-11-20T01:00:00.000Z');

    expect(await counts.countsByDay('2026-11-21', '2026-11-20')).toEqual([]);
    await expect(counts.countsByDay('2026-11-20', 'tomorrow')).rejects.toThrow('not a day');
    await expect(counts.countsByDay('2026-11', '2026-11-20')).rejects.toThrow('not a day');
  });
});

describe('moving counters of the earlier layout', () => {
  /** A counter item as releases before ADR 0030 wrote it. */
  const legacy = (shard: number, day: string, counters: Record<string, number>) =>
    table.documents.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { PK: `STATS#${shard}`, SK: `DAY#${day}`, ...counters },
      }),
    );

  it('adds them to what was counted since, once however often it runs, and leaves no legacy item', async () => {
    // Prepare: counts of the earlier layout on two shards, and one change counted after the release
    await legacy(0, '2026-11-19', { Email_Sent: 3, SMS_Failed: 1 });
    await legacy(STATUS_COUNT_SHARDS - 1, '2026-11-19', { Email_Sent: 2 });
    await legacy(3, '2026-10-31', { Call_Logged: 4 });
    await counts.increment('Email', 'Sent', '2026-11-19T15:00:00.000Z');

    // Act: a run, then another as after a crash or by a second operator
    const moved = await moveLegacyStatusCounts(table.documents, table.tableName);
    const movedAgain = await moveLegacyStatusCounts(table.documents, table.tableName);

    // Assert
    expect([moved, movedAgain]).toEqual([3, 0]);
    expect(await counts.countsByDay('2026-10-31', '2026-11-19')).toEqual([
      { day: '2026-10-31', counts: { Call: { Logged: 4 } } },
      { day: '2026-11-19', counts: { Email: { Sent: 6 }, SMS: { Failed: 1 } } },
    ]);
    for (let shard = 0; shard < STATUS_COUNT_SHARDS; shard++) {
      const left = await table.documents.send(
        new QueryCommand({
          TableName: table.tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': `STATS#${shard}` },
        }),
      );
      expect(left.Items).toEqual([]);
    }
  });

  it('finishes a move that stopped between the copy and the delete without counting twice', async () => {
    // Prepare: the copy made, the legacy item still there
    await legacy(2, '2026-11-18', { SMS_Delivered: 5 });
    await table.documents.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { PK: 'STATS#2026-11', SK: 'DAY#2026-11-18#legacy-2', SMS_Delivered: 5 },
      }),
    );

    // Act
    await moveLegacyStatusCounts(table.documents, table.tableName);

    // Assert
    expect(await counts.countsByDay('2026-11-18', '2026-11-18')).toEqual([
      { day: '2026-11-18', counts: { SMS: { Delivered: 5 } } },
    ]);
  });
});
