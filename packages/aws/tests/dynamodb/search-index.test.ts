import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Communication, type CustomerContact, newOutboundMessage } from '@import-comms/core';
import {
  communicationItems,
  DynamoCommunicationRepository,
  DynamoCustomerRepository,
  reindexSearch,
  searchIndexIsCurrent,
} from '../../src/index.js';
import { createTestTable, manualClock, type TestTable } from '../support/table.js';

const NOW = '2026-11-25T12:00:00.000Z';
let table: TestTable;
let customers: DynamoCustomerRepository;
let communications: DynamoCommunicationRepository;
let sequence = 0;

beforeEach(async () => {
  table = await createTestTable();
  customers = new DynamoCustomerRepository(table.documents, table.tableName, manualClock(NOW));
  communications = new DynamoCommunicationRepository(table.documents, table.tableName, manualClock(NOW));
});

/** What the table is asked and what it evaluates for it, as DynamoDB bills a search. */
function meter(): { queries: number; evaluated: number } {
  const counter = { queries: 0, evaluated: 0 };
  table.documents.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'QueryCommand') {
        counter.queries++;
        counter.evaluated += (result.output as { ScannedCount?: number }).ScannedCount ?? 0;
      }
      return result;
    },
    { step: 'initialize', name: `meter${sequence++}` },
  );
  return counter;
}

const person = (overrides: Partial<CustomerContact>): CustomerContact => ({
  customerId: 'CU-1',
  firstName: 'Aiko',
  lastName: 'Tanaka',
  email: 'aiko.tanaka@example.jp',
  phone: '+81 90-1234-5678',
  language: 'ja',
  timezone: 'Asia/Tokyo',
  asOf: '2026-11-01T00:00:00Z',
  updatedAt: NOW,
  ...overrides,
});

const FIRST_NAMES = ['Liam', 'Olivia', 'Noah', 'Amelia', 'Jack', 'Isla', 'Oliver', 'Mia', 'William', 'Ava'];
const LAST_NAMES = [
  'Smith',
  'Wilson',
  'Brown',
  'Taylor',
  'Müller',
  'Nguyen',
  'Williams',
  'Jones',
  'Singh',
  'Lee',
];

async function saveCustomers(count: number): Promise<void> {
  for (let index = 0; index < count; index++) {
    await customers.saveContact(
      person({
        customerId: `CU-${3000 + index}`,
        firstName: FIRST_NAMES[index % FIRST_NAMES.length] ?? 'Liam',
        lastName: LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length] ?? 'Smith',
        email: `person${index}@mail.example.nz`,
        phone: `+6421${String(1_000_000 + index).padStart(7, '0')}`,
      }),
    );
  }
}

describe('customer search', () => {
  it('finds a customer by a first name, an email, a phone in any format and an id, reading little', async () => {
    await saveCustomers(100);
    await customers.saveContact(person({}));
    const names = async (query: string) =>
      (await customers.searchCustomers(query, 10)).map((found) => `${found.firstName} ${found.lastName}`);

    expect(await names('aiko')).toEqual(['Aiko Tanaka']);
    expect(await names('TANAKA')).toEqual(['Aiko Tanaka']);
    expect(await names('aiko.tanaka@example.jp')).toEqual(['Aiko Tanaka']);
    expect(await names('090 1234 5678')).toEqual(['Aiko Tanaka']);
    expect(await names('+81 (90) 1234-5678')).toEqual(['Aiko Tanaka']);
    expect(await names('CU-3007')).toEqual(['Mia Smith']);
    expect(await names('Muller liam')).toEqual(['Liam Müller']);
    const startingOl = await names('ol');
    expect(startingOl.slice(0, 3)).toEqual(['Oliver Brown', 'Olivia Brown', 'Oliver Jones']);
    expect(startingOl).toHaveLength(10);

    const metered = meter();
    const found = await customers.searchCustomers('liam', 10);
    expect(found).toHaveLength(10);
    // The partition of "liam" holds the Liams (and the Williams, for its prefix "li"…): a page, not the directory.
    expect(metered.evaluated / found.length).toBeLessThanOrEqual(5);
    expect(metered.queries).toBe(1);
  });

  it('forgets the old name once a customer is renamed, and keeps one set of postings', async () => {
    await customers.saveContact(person({}));
    await customers.saveContact(
      person({ lastName: 'Sato', email: 'aiko.sato@example.jp', asOf: '2026-11-02T00:00:00Z' }),
    );

    expect(await customers.searchCustomers('tanaka', 10)).toEqual([]);
    expect((await customers.searchCustomers('sato aiko', 10)).map((found) => found.lastName)).toEqual([
      'Sato',
    ]);
    const postings = await table.documents.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': 'SEARCH#CUSTOMER#ta' },
      }),
    );
    expect(postings.Items).toEqual([]);
  });

  it('answers every hostile query with results or nothing, never an error', async () => {
    await customers.saveContact(person({}));
    for (const query of [
      '',
      '   ',
      '%',
      "' OR 1=1 --",
      '\u0000\u0007\u202e',
      '😀'.repeat(200),
      'a'.repeat(5_000),
      'アイコ',
      'contains(searchText, :x)',
    ]) {
      await expect(customers.searchCustomers(query, 10)).resolves.toEqual(expect.any(Array));
    }
  });
});

describe('vehicle search', () => {
  it('finds a vehicle by VIN, id, make and model, and forgets a corrected VIN', async () => {
    const vehicle = {
      vehicleId: 'VH-1001',
      customerId: 'CU-1',
      make: 'Toyota',
      model: 'Land Cruiser 70',
      year: 2021,
      vin: 'JTMHV05J604123456',
      asOf: '2026-11-01T00:00:00Z',
    };
    await customers.saveVehicleDetails(vehicle);
    await customers.saveVehicleDetails({ ...vehicle, vehicleId: 'VH-1002', make: 'Nissan', model: 'Patrol' });
    const ids = async (query: string) =>
      (await customers.searchVehicles(query, 10)).map((found) => found.vehicleId);

    expect(await ids('JTMHV05J604123456')).toEqual(['VH-1001', 'VH-1002']);
    expect(await ids('land cruiser')).toEqual(['VH-1001']);
    expect(await ids('vh-1002')).toEqual(['VH-1002']);

    await customers.saveVehicleDetails({
      ...vehicle,
      vin: 'JTMHV05J604999999',
      asOf: '2026-11-02T00:00:00Z',
    });
    expect(await ids('JTMHV05J604123456')).toEqual(['VH-1002']);
    expect(await ids('JTMHV05J604999999')).toEqual(['VH-1001']);
  });
});

describe('message search over the whole log', () => {
  const PORTS = ['Melbourne', 'Sydney', 'Brisbane', 'Auckland', 'Fremantle'];
  /** 300 messages of three kinds, a port each; "ETA" is in every shipping update. */
  function messages(): Communication[] {
    return Array.from({ length: 300 }, (_, index) => {
      const port = PORTS[index % PORTS.length] ?? 'Melbourne';
      const kind = index % 3;
      return newOutboundMessage(
        {
          communicationId: `message-${index}`,
          customerId: `CU-${index % 40}`,
          vehicleId: `VH-${index % 40}`,
          channel: 'Email',
          address: 'someone@example.com',
          subject: kind === 0 ? 'Shipping update' : kind === 1 ? 'Payment reminder' : 'Customs update',
          content:
            kind === 0
              ? `${'Your vehicle is on the water. '.repeat(20)}ETA ${port}: Friday.`
              : kind === 1
                ? `A payment of NZ$1,200 is due. Pay by bank transfer; your agent in ${port} confirms.`
                : `Customs cleared the vehicle at ${port}.`,
          templateId: ['shipping-update', 'payment-reminder', 'customs-update'][kind] ?? 'shipping-update',
          createdBy: 'system:trigger-service',
          category: 'transactional',
        },
        new Date(Date.parse(NOW) - (index + 1) * 600_000),
      );
    });
  }

  it('finds two words anywhere in the body, in any order, newest first, paging while time passes', async () => {
    const clock = manualClock(NOW);
    const timed = new DynamoCommunicationRepository(table.documents, table.tableName, clock);
    const all = messages();
    for (const message of all) await timed.create(message);
    const expected = all
      .filter((message) => message.content.includes('ETA Melbourne'))
      .map((message) => message.communicationId);
    expect(expected.length).toBe(20);

    const seen: string[] = [];
    let cursor: string | undefined;
    const metered = meter();
    do {
      const page = await timed.list({ q: 'melbourne eta', limit: 6, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.communicationId));
      cursor = page.cursor;
      // A rep reads the page, and a minute passes before "Load more".
      clock.set(new Date(clock.now().getTime() + 61_000).toISOString());
    } while (cursor);

    expect(seen).toEqual(expected);
    expect(metered.evaluated / seen.length).toBeLessThanOrEqual(5);
  });

  it('finds words past the first 400 characters, accents folded, with the log filters', async () => {
    for (const message of messages()) await communications.create(message);

    const eta = await communications.list({ q: 'FRÍDAY fremantle', limit: 100 });
    expect(eta.items.length).toBe(20);
    expect(eta.items.every((item) => item.templateId === 'shipping-update')).toBe(true);
    const payments = await communications.list({ q: 'auckland', templateId: 'payment-reminder', limit: 100 });
    expect(
      payments.items.map((item) => item.communicationId).every((id) => Number(id.split('-')[1]) % 3 === 1),
    ).toBe(true);
    expect(payments.items).toHaveLength(20);
    expect((await communications.list({ q: 'auckland sydney', limit: 10 })).items).toEqual([]);
    // Nothing searchable (stop words, punctuation) finds nothing, not everything.
    expect(await communications.list({ q: 'the, of!', limit: 10 })).toEqual({ items: [] });
  });

  it('makes a message searchable when a create that stopped half way is retried', async () => {
    const message = messages()[0] as Communication;
    const broken = new DynamoCommunicationRepository(table.documents, table.tableName, manualClock(NOW));
    let failed = false;
    table.documents.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName?.startsWith('BatchWrite') && !failed) {
          failed = true;
          throw new Error('connection reset');
        }
        return next(args);
      },
      { step: 'initialize', name: `failOnce${sequence++}` },
    );

    await expect(broken.create(message)).rejects.toThrow('connection reset');
    expect((await communications.list({ q: 'melbourne', limit: 5 })).items).toEqual([]);
    await expect(broken.create(message)).resolves.toEqual({ created: true });

    expect(
      (await communications.list({ q: 'melbourne', limit: 5 })).items.map((item) => item.communicationId),
    ).toEqual([message.communicationId]);
  });
});

describe('bringing older data into the index', () => {
  it('indexes communications, customers and vehicles stored before the index existed, once', async () => {
    const message = newOutboundMessage(
      {
        communicationId: 'old-1',
        customerId: 'CU-1',
        channel: 'Email',
        category: 'transactional',
        address: 'aiko@example.jp',
        subject: 'Shipping update',
        content: 'Your vehicle sails on the Aurora; ETA Melbourne on Friday.',
        createdBy: 'system:trigger-service',
      },
      new Date('2026-11-20T00:00:00Z'),
    );
    // As an older release wrote them: no postings, the search text a lower-cased prefix of the body.
    const { details, content } = communicationItems(message);
    for (const Item of [details, { ...content, searchText: 'shipping update your vehicle sails' }])
      await table.documents.send(new PutCommand({ TableName: table.tableName, Item }));
    await table.documents.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...person({}),
          PK: 'CUSTOMER#CU-1',
          SK: 'CONTACT',
          entity: 'CustomerContact',
          directoryKey: 'CUSTOMERS',
        },
      }),
    );
    await table.documents.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          PK: 'VEHICLE#VH-1',
          SK: 'VEHICLE',
          entity: 'Vehicle',
          vehicleId: 'VH-1',
          customerId: 'CU-1',
          make: 'Toyota',
          model: 'Land Cruiser',
          year: 2021,
          asOf: '2026-11-01T00:00:00.000Z',
          updatedAt: NOW,
        },
      }),
    );
    expect(await searchIndexIsCurrent(table.documents, table.tableName)).toBe(false);
    expect((await communications.list({ q: 'melbourne', limit: 5 })).items).toEqual([]);
    expect(await customers.searchCustomers('aiko', 5)).toEqual([]);

    expect(await reindexSearch(table.documents, table.tableName)).toEqual({
      communications: 1,
      customers: 1,
      vehicles: 1,
    });

    expect(await searchIndexIsCurrent(table.documents, table.tableName)).toBe(true);
    expect(
      (await communications.list({ q: 'melbourne aurora', limit: 5 })).items.map(
        (item) => item.communicationId,
      ),
    ).toEqual(['old-1']);
    // The customer's timeline filters on the words the index stores now.
    expect(
      (await communications.list({ customerId: 'CU-1', q: 'friday', limit: 5 })).items.map(
        (item) => item.communicationId,
      ),
    ).toEqual(['old-1']);
    expect((await customers.searchCustomers('aiko', 5)).map((found) => found.customerId)).toEqual(['CU-1']);
    expect((await customers.searchVehicles('cruiser', 5)).map((found) => found.vehicleId)).toEqual(['VH-1']);
    // Again: the same postings, nothing doubled.
    await reindexSearch(table.documents, table.tableName);
    expect((await communications.list({ q: 'melbourne', limit: 5 })).items).toHaveLength(1);
  });
});
