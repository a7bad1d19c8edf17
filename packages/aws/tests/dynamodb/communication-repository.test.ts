import { BatchWriteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  COMMUNICATION_STATUSES,
  type Communication,
  type CommunicationType,
  canClaim,
  newLoggedInteraction,
  newNotSentMessage,
  newOutboundMessage,
} from '@import-comms/core';
import fc from 'fast-check';
import {
  communicationItems,
  DynamoCommunicationRepository,
  InvalidCursorError,
  InvalidQueryError,
  moveShardedLogEntries,
} from '../../src/index.js';
import { createTestTable, manualClock, type TestTable } from '../support/table.js';

const NOW = '2026-11-25T12:00:00.000Z';

let table: TestTable;
let repository: DynamoCommunicationRepository;

beforeEach(async () => {
  table = await createTestTable();
  repository = new DynamoCommunicationRepository(table.documents, table.tableName, manualClock(NOW));
});

let sequence = 0;
function email(overrides: Partial<Parameters<typeof newOutboundMessage>[0]> = {}, at = NOW): Communication {
  sequence++;
  return newOutboundMessage(
    {
      communicationId: `email-${sequence}`,
      customerId: 'CU-1',
      vehicleId: 'VH-1',
      channel: 'Email',
      category: 'transactional',
      address: 'aiko@example.com',
      subject: 'Your Land Cruiser has shipped',
      content: 'Kia ora Aiko, your vehicle is aboard the Morning Celesta.',
      contentHtml: '<p>Kia ora Aiko, your vehicle is aboard the <b>Morning Celesta</b>.</p>',
      templateId: 'shipping-update',
      templateVersion: 2,
      createdBy: 'system:trigger-service',
      ...overrides,
    },
    new Date(at),
  );
}

function call(
  at: string,
  overrides: Partial<Parameters<typeof newLoggedInteraction>[0]> = {},
): Communication {
  sequence++;
  return newLoggedInteraction(
    {
      communicationId: `call-${sequence}`,
      customerId: 'CU-1',
      vehicleId: 'VH-1',
      type: 'Call' as CommunicationType,
      direction: 'inbound',
      subject: 'Customer called about the ETA',
      content: 'Asked whether the vessel is delayed by weather in the Coral Sea.',
      createdBy: 'rep:mia',
      occurredAt: new Date(at),
      ...overrides,
    },
    new Date(at),
  );
}

describe('create', () => {
  it('stores the communication and reads it back whole, content included', async () => {
    // Prepare
    const message = email();

    // Act
    const result = await repository.create(message);
    const stored = await repository.get(message.communicationId);

    // Assess
    expect(result).toEqual({ created: true });
    expect(stored).toEqual(message);
  });

  it('is idempotent: a second create of the same id changes nothing and returns the stored one', async () => {
    const first = email();
    await repository.create(first);

    const second = await repository.create({ ...first, subject: 'Different subject', content: 'Different' });

    expect(second).toMatchObject({ created: false, existing: { subject: first.subject, status: 'Pending' } });
    expect(await repository.get(first.communicationId)).toEqual(first);
  });

  it('keeps the hot item small: content, trigger and the timeline keys live on the write-once item', async () => {
    const long = email({
      // The names lists show (ADR 0021), as long as they come.
      customerName: 'Maximilian Alexander Fitzgerald-Montgomery',
      vehicleLabel: '2021 Mercedes-Benz G 63 AMG 4MATIC Squared',
      content: `Update: ${'all good. '.repeat(200)}`,
      trigger: {
        eventId: 'ev-1',
        source: 'import.pipeline',
        detailType: 'Import Stage Changed',
        triggerId: 't',
      },
    });
    await repository.create(long);
    const item = async (SK: string) =>
      (
        await table.documents.send(
          new GetCommand({
            TableName: table.tableName,
            Key: { PK: `COMMUNICATION#${long.communicationId}`, SK },
          }),
        )
      ).Item ?? {};

    const details = await item('DETAILS');
    const content = await item('CONTENT');

    expect(details).not.toHaveProperty('content');
    expect(details).not.toHaveProperty('trigger');
    expect(details).not.toHaveProperty('searchText');
    expect(details).not.toHaveProperty('customerTimelineKey');
    expect(details.preview).toHaveLength(160);
    // One write unit for each status change.
    expect(Buffer.byteLength(JSON.stringify(details))).toBeLessThan(1024);
    expect(content).toMatchObject({ trigger: long.trigger, customerTimelineKey: 'CUSTOMER#CU-1' });
    expect(String(content.searchText).length).toBeLessThanOrEqual(400);
    expect(await repository.get(long.communicationId)).toEqual(long);
  });

  it('returns undefined for an unknown id', async () => {
    expect(await repository.get('nope')).toBeUndefined();
  });
});

describe('transition', () => {
  it('moves forward, recording history, provider id and timestamps', async () => {
    const message = email();
    await repository.create(message);

    await repository.transition(message.communicationId, {
      status: 'Sending',
      at: new Date('2026-11-25T12:00:01Z'),
    });
    await repository.transition(message.communicationId, {
      status: 'Sent',
      at: new Date('2026-11-25T12:00:02Z'),
      providerMessageId: 'ses-0001',
    });
    const delivered = await repository.transition(message.communicationId, {
      status: 'Delivered',
      at: new Date('2026-11-25T12:00:09Z'),
    });

    expect(delivered).toMatchObject({
      applied: true,
      communication: {
        status: 'Delivered',
        providerMessageId: 'ses-0001',
        sentAt: '2026-11-25T12:00:02.000Z',
        deliveredAt: '2026-11-25T12:00:09.000Z',
      },
    });
    const stored = await repository.get(message.communicationId);
    expect(stored?.statusHistory.map((entry) => entry.status)).toEqual([
      'Pending',
      'Sending',
      'Sent',
      'Delivered',
    ]);
  });

  it('never moves back: a late "Sent" after a delivery callback is refused and the status kept', async () => {
    const message = email();
    await repository.create(message);
    await repository.transition(message.communicationId, { status: 'Sending', at: new Date(NOW) });
    await repository.transition(message.communicationId, { status: 'Delivered', at: new Date(NOW) });

    const late = await repository.transition(message.communicationId, { status: 'Sent', at: new Date(NOW) });

    expect(late).toMatchObject({ applied: false, reason: 'not-allowed', current: { status: 'Delivered' } });
    expect((await repository.get(message.communicationId))?.statusHistory).toHaveLength(3);
  });

  it('applies a duplicate callback once', async () => {
    const message = email();
    await repository.create(message);
    await repository.transition(message.communicationId, { status: 'Sending', at: new Date(NOW) });

    const results = await Promise.all([
      repository.transition(message.communicationId, {
        status: 'Bounced',
        at: new Date(NOW),
        reason: 'mailbox full',
      }),
      repository.transition(message.communicationId, {
        status: 'Bounced',
        at: new Date(NOW),
        reason: 'mailbox full',
      }),
    ]);

    expect(results.filter((result) => result.applied)).toHaveLength(1);
    expect((await repository.get(message.communicationId))?.statusReason).toBe('mailbox full');
  });

  it('lets only one of two dispatchers claim a pending message', async () => {
    const message = email();
    await repository.create(message);

    const claims = await Promise.all(
      [1, 2, 3].map(() =>
        repository.transition(message.communicationId, { status: 'Sending', at: new Date(NOW) }),
      ),
    );

    expect(claims.filter((claim) => claim.applied)).toHaveLength(1);
  });

  it('says when the communication does not exist', async () => {
    expect(await repository.transition('missing', { status: 'Sending', at: new Date(NOW) })).toEqual({
      applied: false,
      reason: 'not-found',
    });
  });
});

describe('findByProviderMessageId', () => {
  it('finds the communication a delivery callback is about', async () => {
    const message = email();
    await repository.create(message);
    await repository.transition(message.communicationId, { status: 'Sending', at: new Date(NOW) });
    await repository.transition(message.communicationId, {
      status: 'Sent',
      at: new Date(NOW),
      providerMessageId: 'ses-abc',
    });

    expect(await repository.findByProviderMessageId('ses-abc')).toMatchObject({
      communicationId: message.communicationId,
      status: 'Sent',
    });
    expect(await repository.findByProviderMessageId('ses-unknown')).toBeUndefined();
  });
});

describe('list', () => {
  async function seed(): Promise<Record<string, Communication>> {
    const records = {
      oldCall: call('2026-11-20T09:00:00.000Z'),
      otherCustomer: email(
        { customerId: 'CU-2', vehicleId: 'VH-2', address: 'ben@example.com' },
        '2026-11-21T10:00:00.000Z',
      ),
      sms: email(
        {
          channel: 'SMS',
          subject: undefined,
          content: 'Your car cleared customs.',
          templateId: 'customs-update',
          address: '+61400000001',
        },
        '2026-11-22T10:00:00.000Z',
      ),
      noVehicle: email(
        {
          vehicleId: undefined,
          templateId: 'welcome',
          subject: 'Welcome to Import Co',
          content: 'Glad to have you.',
        },
        '2026-11-23T10:00:00.000Z',
      ),
      latest: email({}, '2026-11-24T10:00:00.000Z'),
    };
    for (const record of Object.values(records)) await repository.create(record);
    return records;
  }

  const ids = (items: { communicationId: string }[]) => items.map((item) => item.communicationId);

  it('lists a customer timeline newest first', async () => {
    const r = await seed();

    const page = await repository.list({ customerId: 'CU-1', limit: 10 });

    expect(ids(page.items)).toEqual(ids([r.latest, r.noVehicle, r.sms, r.oldCall] as Communication[]));
    expect(page.cursor).toBeUndefined();
  });

  it('lists a vehicle timeline, leaving out messages not about the vehicle', async () => {
    const r = await seed();

    const page = await repository.list({ vehicleId: 'VH-1', limit: 10 });

    expect(ids(page.items)).toEqual(ids([r.latest, r.sms, r.oldCall] as Communication[]));
  });

  it('lists the global timeline across days', async () => {
    const r = await seed();

    const page = await repository.list({ limit: 10 });

    expect(ids(page.items)).toEqual(
      ids([r.latest, r.noVehicle, r.sms, r.otherCustomer, r.oldCall] as Communication[]),
    );
  });

  it.each([
    ['type', { type: 'SMS' as const }, ['sms']],
    ['template', { templateId: 'welcome' }, ['noVehicle']],
    ['created-by', { createdBy: 'rep:mia' }, ['oldCall']],
    ['text in the subject, any case', { q: 'WELCOME' }, ['noVehicle']],
    ['text in the content', { q: 'coral sea' }, ['oldCall']],
    ['date range', { from: '2026-11-21T00:00:00Z', to: '2026-11-22T23:59:59Z' }, ['sms', 'otherCustomer']],
    ['customer on the global timeline', { customerId: 'CU-2' }, ['otherCustomer']],
    ['customer and vehicle together', { customerId: 'CU-2', vehicleId: 'VH-1' }, []],
  ])('filters by %s', async (_label, filter, expected) => {
    const r = await seed();

    const page = await repository.list({ ...filter, limit: 10 });

    expect(ids(page.items)).toEqual(expected.map((key) => r[key]?.communicationId));
  });

  it('filters by the current status, read from the items themselves', async () => {
    const r = await seed();
    await repository.transition(r.sms?.communicationId ?? '', { status: 'Sending', at: new Date(NOW) });
    await repository.transition(r.sms?.communicationId ?? '', {
      status: 'Failed',
      at: new Date(NOW),
      reason: 'invalid number',
    });

    const failed = await repository.list({ status: 'Failed', limit: 10 });
    const pending = await repository.list({ customerId: 'CU-1', status: 'Pending', limit: 10 });

    expect(failed.items).toMatchObject([
      { communicationId: r.sms?.communicationId, status: 'Failed', statusReason: 'invalid number' },
    ]);
    expect(ids(pending.items)).toEqual(ids([r.latest, r.noVehicle] as Communication[]));
    // Failures filtered further: the status index's entries carry type, template and author.
    const failedSms = await repository.list({
      status: 'Failed',
      type: 'SMS',
      createdBy: r.sms?.createdBy,
      limit: 10,
    });
    const failedEmail = await repository.list({ status: 'Failed', type: 'Email', limit: 10 });
    expect(ids(failedSms.items)).toEqual([r.sms?.communicationId]);
    expect(failedEmail.items).toEqual([]);
  });

  it('finds final failures across all customers through the sparse status index, reading only them', async () => {
    const r = await seed();
    const failedAt = new Date(NOW);
    for (const key of ['sms', 'otherCustomer'] as const) {
      await repository.transition(r[key]?.communicationId ?? '', { status: 'Sending', at: failedAt });
      await repository.transition(r[key]?.communicationId ?? '', {
        status: 'Failed',
        at: failedAt,
        reason: 'rejected',
      });
    }
    const notSent = newNotSentMessage(
      {
        communicationId: 'not-sent-1',
        customerId: 'CU-3',
        channel: 'SMS',
        category: 'transactional',
        createdBy: 'system',
      },
      'opted-out',
      new Date('2026-11-24T11:00:00.000Z'),
    );
    await repository.create(notSent);
    let read = 0;
    table.documents.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const output = result.output as { ScannedCount?: number; Responses?: Record<string, unknown[]> };
        read += (output.ScannedCount ?? 0) + Object.values(output.Responses ?? {}).flat().length;
        return result;
      },
      { step: 'initialize', name: 'countReads' },
    );

    const failed = await repository.list({ status: 'Failed', limit: 10 });
    const readForFailed = read;
    const skipped = await repository.list({ status: 'NotSent', limit: 10 });
    table.documents.middlewareStack.remove('countReads');

    expect(ids(failed.items)).toEqual(ids([r.sms, r.otherCustomer] as Communication[]));
    // Two index entries and their two details: nothing of the three other messages.
    expect(readForFailed).toBe(4);
    expect(ids(skipped.items)).toEqual(['not-sent-1']);
  });

  it('pages through results with an opaque cursor, each item once', async () => {
    const records = Array.from({ length: 7 }, (_, i) =>
      email({}, `2026-11-${String(10 + i).padStart(2, '0')}T08:00:00.000Z`),
    );
    for (const record of records) await repository.create(record);

    for (const query of [{ customerId: 'CU-1' }, {}]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await repository.list({ ...query, limit: 3, ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...ids(page.items));
        cursor = page.cursor;
      } while (cursor);
      expect(seen).toEqual(ids(records).reverse());
    }
  });

  it('rejects a cursor that was tampered with or belongs to another query', async () => {
    for (let i = 0; i < 3; i++) await repository.create(email());
    const page = await repository.list({ customerId: 'CU-1', limit: 1 });

    await expect(repository.list({ customerId: 'CU-1', limit: 1, cursor: 'not-a-cursor' })).rejects.toThrow(
      InvalidCursorError,
    );
    await expect(
      repository.list({ customerId: 'CU-2', limit: 1, cursor: page.cursor ?? '' }),
    ).rejects.toThrow('cursor belongs to a different query');
  });

  it.each([
    ['the log', {}],
    ["a customer's history", { customerId: 'CU-1' }],
    ["a vehicle's history", { vehicleId: 'VH-1' }],
  ])(
    'pages %s with no date filter while the clock moves between pages, and new messages wait for a new first page',
    async (_what, filter) => {
      const clock = manualClock(NOW);
      const timed = new DynamoCommunicationRepository(table.documents, table.tableName, clock);
      const created: Communication[] = [];
      for (let i = 0; i < 7; i++) {
        const message = email({}, new Date(Date.parse(NOW) - (i + 1) * 60_000).toISOString());
        await timed.create(message);
        created.push(message);
      }

      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await timed.list({ ...filter, limit: 3, ...(cursor ? { cursor } : {}) });
        seen.push(...ids(page.items));
        cursor = page.cursor;
        pages++;
        // A rep reads the page, then asks for more: time passes, and someone sends a new message meanwhile.
        clock.set(new Date(Date.parse(NOW) + pages * 61_000).toISOString());
        await timed.create(email({}, clock.now().toISOString()));
      } while (cursor && pages < 10);

      expect(seen).toEqual(ids(created));
      expect(pages).toBeGreaterThanOrEqual(3);
    },
  );

  it('rejects a malformed date bound', async () => {
    await expect(repository.list({ from: 'yesterday', limit: 5 })).rejects.toThrow(InvalidQueryError);
  });
});

describe('the whole log', () => {
  /** Writes many communications at once, exactly as `create` stores them (25 items a request). */
  async function load(records: Communication[]): Promise<void> {
    const items = records.flatMap((record) => {
      const { details, content, postings } = communicationItems(record);
      return [details, content, ...postings];
    });
    for (let start = 0; start < items.length; start += 25) {
      await table.documents.send(
        new BatchWriteCommand({
          RequestItems: {
            [table.tableName]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })),
          },
        }),
      );
    }
  }

  /** Counts the Query calls the repository makes, as DynamoDB would bill them. */
  function countQueries(): { readonly count: number } {
    const counter = { count: 0 };
    table.documents.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'QueryCommand') counter.count++;
        return next(args);
      },
      { step: 'initialize', name: `countQueries${sequence++}` },
    );
    return counter;
  }

  const DAY = 86_400_000;

  it('fills the first page of a sparse log (two messages a week for a year) with one query', async () => {
    const records = Array.from({ length: 104 }, (_, i) =>
      email({ customerId: `CU-${i % 9}` }, new Date(Date.parse(NOW) - (i * 3.5 + 1) * DAY).toISOString()),
    );
    await load(records);
    const queries = countQueries();

    const page = await repository.list({ limit: 50 });

    expect(page.items.map((item) => item.communicationId)).toEqual(
      records.slice(0, 50).map((record) => record.communicationId),
    );
    expect(queries.count).toBe(1);
  });

  it.each([
    ['every message', {}],
    ['a type on the log (a filter DynamoDB applies)', { type: 'SMS' as const }],
    ['words in the text', { q: 'customs' }],
  ])(
    'pages 1,500 communications by %s newest first, each once, while time passes and new ones arrive',
    async (_label, filter) => {
      const clock = manualClock(NOW);
      const timed = new DynamoCommunicationRepository(table.documents, table.tableName, clock);
      const records = Array.from({ length: 1_500 }, (_, i) =>
        i % 3 === 0
          ? email(
              { channel: 'SMS', subject: undefined, content: 'Cleared customs.', address: '+61400000001' },
              new Date(Date.parse(NOW) - (i + 1) * 600_000).toISOString(),
            )
          : email({}, new Date(Date.parse(NOW) - (i + 1) * 600_000).toISOString()),
      );
      await load(records);
      const expected = records
        .filter((record) => !('type' in filter) || record.type === filter.type)
        .filter((record) => !('q' in filter) || record.content.toLowerCase().includes(filter.q))
        .map((record) => record.communicationId);

      const seen: string[] = [];
      const sizes: number[] = [];
      let cursor: string | undefined;
      do {
        const page = await timed.list({ ...filter, limit: 100, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((item) => item.communicationId));
        sizes.push(page.items.length);
        cursor = page.cursor;
        clock.set(new Date(clock.now().getTime() + 90_000).toISOString());
        await timed.create(email({}, clock.now().toISOString()));
      } while (cursor && sizes.length < 40);

      expect(seen).toEqual(expected);
      // Every page but the last is full, however many entries a filter drops.
      expect(sizes.slice(0, -1).every((size) => size === 100)).toBe(true);
    },
  );

  it('takes in the entries written while it had three shards, once however often the move runs', async () => {
    // Prepare: six communications as the sharded layout stored them, and one written since
    const old = Array.from({ length: 6 }, (_, i) =>
      email({}, new Date(Date.parse(NOW) - (i + 2) * DAY).toISOString()),
    );
    await load(old);
    for (const [i, record] of old.entries()) {
      await table.documents.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: { PK: `COMMUNICATION#${record.communicationId}`, SK: 'CONTENT' },
          UpdateExpression: 'SET logTimelineKey = :shard',
          ExpressionAttributeValues: { ':shard': `LOG#${i % 3}` },
        }),
      );
    }
    const since = email({}, new Date(Date.parse(NOW) - DAY).toISOString());
    await repository.create(since);
    const before = await repository.list({ limit: 50 });

    // Act: a run, then another as after a crash or by a second operator
    const moved = await moveShardedLogEntries(table.documents, table.tableName);
    const movedAgain = await moveShardedLogEntries(table.documents, table.tableName);

    // Assert
    expect(before.items.map((item) => item.communicationId)).toEqual([since.communicationId]);
    expect([moved, movedAgain]).toEqual([6, 0]);
    expect((await repository.list({ limit: 50 })).items.map((item) => item.communicationId)).toEqual(
      [since, ...old].map((record) => record.communicationId),
    );
  });

  it.each([
    ['two positions', (position: Record<string, string>) => [position, position]],
    [
      "a position in a customer's history",
      (position: Record<string, string>) => [{ ...position, logTimelineKey: 'CUSTOMER#CU-1' }],
    ],
    [
      'a position before the range',
      (position: Record<string, string>) => [{ ...position, timelineSortKey: '2000-01-01T00:00:00.000Z#x' }],
    ],
    [
      'a position with another key',
      (position: Record<string, string>) => [{ ...position, status: 'Failed' }],
    ],
    [
      'a position without its sort key',
      ({ timelineSortKey: _sort, ...position }: Record<string, string>) => [position],
    ],
  ])('refuses a cursor whose position was tampered with: %s', async (_label, forge) => {
    await load(
      Array.from({ length: 5 }, (_, i) => email({}, new Date(Date.parse(NOW) - (i + 1) * DAY).toISOString())),
    );
    const page = await repository.list({ limit: 2 });
    const decoded = JSON.parse(Buffer.from(page.cursor ?? '', 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...decoded, p: forge(decoded.p[0]) }), 'utf8').toString(
      'base64url',
    );

    await expect(repository.list({ limit: 2, cursor: page.cursor })).resolves.toMatchObject({
      items: [{}, {}],
    });
    await expect(repository.list({ limit: 2, cursor: forged })).rejects.toThrow(InvalidCursorError);
  });
});

describe('claim', () => {
  it('lets one sender claim a pending message, and another take it over only once the lease has expired', async () => {
    const message = email();
    await repository.create(message);

    const first = await repository.claim(message.communicationId, new Date('2026-11-25T12:00:00Z'), 60);
    const whileLeased = await repository.claim(message.communicationId, new Date('2026-11-25T12:00:30Z'), 60);
    const afterLease = await repository.claim(message.communicationId, new Date('2026-11-25T12:01:01Z'), 60);

    expect([first.applied, whileLeased.applied, afterLease.applied]).toEqual([true, false, true]);
  });

  it('can be given back after a transient failure, so the retry claims it at once', async () => {
    const message = email();
    await repository.create(message);
    await repository.claim(message.communicationId, new Date('2026-11-25T12:00:00Z'), 60);

    await repository.releaseClaim(message.communicationId, new Date('2026-11-25T12:00:05Z'));

    expect(
      (await repository.claim(message.communicationId, new Date('2026-11-25T12:00:06Z'), 60)).applied,
    ).toBe(true);
  });
});

describe('scheduled messages', () => {
  it('lists the ones that are due, and lets a dispatcher claim them only from their due time', async () => {
    const due = email({}, '2026-11-25T11:00:00.000Z');
    const deferred = newOutboundMessage(
      {
        communicationId: 'deferred-1',
        customerId: 'CU-1',
        channel: 'SMS',
        category: 'transactional',
        address: '+61412345678',
        content: 'Good morning',
        createdBy: 'system',
        scheduledFor: new Date('2026-11-25T21:00:00Z'),
      },
      new Date('2026-11-25T11:00:00Z'),
    );
    await repository.create(due);
    await repository.create(deferred);

    const before = await repository.listDue(new Date('2026-11-25T20:59:59Z'), 10);
    const tooEarly = await repository.claim('deferred-1', new Date('2026-11-25T20:59:59Z'), 60);
    const after = await repository.listDue(new Date('2026-11-25T21:00:00Z'), 10);
    const claimed = await repository.claim('deferred-1', new Date('2026-11-25T21:00:01Z'), 60);
    const afterClaim = await repository.listDue(new Date('2026-11-25T21:00:02Z'), 10);

    expect(before).toEqual([]);
    expect(tooEarly.applied).toBe(false);
    expect(after).toEqual([{ communicationId: 'deferred-1', channel: 'SMS' }]);
    expect(claimed).toMatchObject({ applied: true, communication: { status: 'Sending' } });
    expect(afterClaim).toEqual([]);
  });
});

describe('dashboard counters', () => {
  it('counts each outcome at once by default, and no step on the way to one', async () => {
    // Act: a message created (Pending), one scheduled, a call logged, the first message sent and delivered
    const message = email();
    await repository.create(message);
    await repository.create(email({ scheduledFor: new Date('2026-11-25T20:00:00.000Z') }));
    await repository.create(call(NOW));
    await repository.claim(message.communicationId, new Date(NOW), 60);
    await repository.transition(message.communicationId, { status: 'Sent', at: new Date(NOW) });
    await repository.transition(message.communicationId, { status: 'Delivered', at: new Date(NOW) });

    // Assert: Scheduled, Pending and Sending are steps; what waits is the schedule index's count
    expect(await repository.countsByDay('2026-11-25', '2026-11-25')).toEqual([
      { day: '2026-11-25', counts: { Email: { Sent: 1, Delivered: 1 }, Call: { Logged: 1 } } },
    ]);
    expect(await repository.countScheduled(10)).toBe(1);
  });

  it('writes no counter when a message to send is created', async () => {
    const writes: string[] = [];
    const spy = jest.spyOn(table.documents, 'send');
    await repository.create(email());
    for (const [command] of spy.mock.calls) writes.push(command.constructor.name);
    spy.mockRestore();

    expect(writes).not.toContain('UpdateCommand');
  });

  it('buffers counts until flushed, then writes them in one update per day', async () => {
    const buffered = new DynamoCommunicationRepository(table.documents, table.tableName, manualClock(NOW), {
      bufferedCounts: true,
    });
    const first = email();
    const second = email();
    for (const message of [first, second]) {
      await buffered.create(message);
      await buffered.claim(message.communicationId, new Date(NOW), 60);
      await buffered.transition(message.communicationId, { status: 'Sent', at: new Date(NOW) });
    }
    await buffered.create(call(NOW));
    expect(await buffered.countsByDay('2026-11-25', '2026-11-25')).toEqual([]);

    const writes: string[] = [];
    const spy = jest.spyOn(table.documents, 'send');
    await buffered.flushCounts();
    for (const [command] of spy.mock.calls) writes.push(command.constructor.name);
    spy.mockRestore();

    expect(writes).toEqual(['UpdateCommand']);
    const counted = [{ day: '2026-11-25', counts: { Email: { Sent: 2 }, Call: { Logged: 1 } } }];
    expect(await buffered.countsByDay('2026-11-25', '2026-11-25')).toEqual(counted);
    await buffered.flushCounts();
    expect(await buffered.countsByDay('2026-11-25', '2026-11-25')).toEqual(counted);
  });
});

describe('the claim condition', () => {
  it("is core's claim rule: for any status, lease and due time, the write succeeds exactly when canClaim says", async () => {
    const now = new Date(NOW);
    const offsets = [undefined, -60_000, 0, 60_000];
    const time = (offset: number | undefined) =>
      offset === undefined ? undefined : new Date(now.getTime() + offset).toISOString();

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...COMMUNICATION_STATUSES),
        fc.constantFrom(...offsets),
        fc.constantFrom(...offsets),
        async (status, leaseOffset, dueOffset) => {
          const message = email();
          await repository.create(message);
          const claimExpiresAt = time(leaseOffset);
          const scheduledFor = time(dueOffset);
          // The stored state as the test wants it, whatever path would have led there.
          await table.documents.send(
            new UpdateCommand({
              TableName: table.tableName,
              Key: { PK: `COMMUNICATION#${message.communicationId}`, SK: 'DETAILS' },
              UpdateExpression: `SET #status = :status${claimExpiresAt ? ', claimExpiresAt = :lease' : ''}${scheduledFor ? ', scheduledFor = :due' : ''}`,
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':status': status,
                ...(claimExpiresAt ? { ':lease': claimExpiresAt } : {}),
                ...(scheduledFor ? { ':due': scheduledFor } : {}),
              },
            }),
          );

          const claimed = await repository.claim(message.communicationId, now, 60);

          expect({ status, claimExpiresAt, scheduledFor, claimed: claimed.applied }).toEqual({
            status,
            claimExpiresAt,
            scheduledFor,
            claimed: canClaim(
              {
                status,
                ...(claimExpiresAt ? { claimExpiresAt } : {}),
                ...(scheduledFor ? { scheduledFor } : {}),
              },
              now,
            ),
          });
        },
      ),
      { numRuns: 60, seed: 15 },
    );
  });
});
