import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { communicationItems, DynamoCustomerRepository } from '@import-comms/aws';
import type { Communication, CommunicationStatus, CommunicationType } from '@import-comms/core';

/** The shape of a stored data set: how many communications, of how many customers, over how long. */
export interface DataSet {
  communications: number;
  customers: number;
  vehiclesPerCustomer: number;
  days: number;
}

/** What the history and load benchmarks read: 100k communications of 10k customers over a quarter. */
export const DENSE: DataSet = {
  communications: 100_000,
  customers: 10_000,
  vehiclesPerCustomer: 2,
  days: 90,
};

/** A young or quiet account: a few messages a week over a year. */
export const SPARSE: DataSet = { communications: 156, customers: 40, vehiclesPerCustomer: 2, days: 365 };

/** A small deterministic generator, so every run stores the same data. */
export function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const TYPES: [CommunicationType, number][] = [
  ['Email', 0.5],
  ['SMS', 0.35],
  ['Call', 0.1],
  ['Meeting', 0.05],
];
const pick = <T>(weights: [T, number][], r: number): T => {
  let sum = 0;
  for (const [value, weight] of weights) {
    sum += weight;
    if (r < sum) return value;
  }
  return weights[weights.length - 1]?.[0] as T;
};

export const customerIdOf = (index: number) => `CU-${index}`;

/** 40 first names × 50 last names: a name search by one of them finds 1 in 40 (or 50) customers. */
export const FIRST_NAMES = [
  'Liam',
  'Olivia',
  'Noah',
  'Amelia',
  'Jack',
  'Isla',
  'Oliver',
  'Mia',
  'William',
  'Ava',
  'Leo',
  'Grace',
  'Lucas',
  'Chloe',
  'Henry',
  'Zoe',
  'Thomas',
  'Ella',
  'James',
  'Ruby',
  'Aiko',
  'Haruto',
  'Yui',
  'Sota',
  'Mei',
  'Wei',
  'Jun',
  'Hana',
  'Omar',
  'Layla',
  'Mateo',
  'Sofia',
  'Arjun',
  'Priya',
  'Tane',
  'Aroha',
  'Finn',
  'Maia',
  'Eli',
  'Nora',
];
export const LAST_NAMES = [
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
  'Tanaka',
  'Sato',
  'Suzuki',
  'Takahashi',
  'Wang',
  'Li',
  'Zhang',
  'Chen',
  'Haddad',
  'Khan',
  'Patel',
  'García',
  'Rossi',
  'Kowalski',
  'Novak',
  'Walker',
  'Harris',
  'Martin',
  'Thompson',
  'White',
  'Clark',
  'Young',
  'King',
  'Wright',
  'Scott',
  'Green',
  'Baker',
  'Adams',
  'Nelson',
  'Hill',
  'Campbell',
  'Mitchell',
  'Roberts',
  'Carter',
  'Phillips',
  'Evans',
  'Turner',
  'Parker',
  'Collins',
  'Edwards',
];
export const firstNameOf = (customer: number) => FIRST_NAMES[customer % FIRST_NAMES.length] ?? 'Liam';
export const lastNameOf = (customer: number) =>
  LAST_NAMES[Math.floor(customer / FIRST_NAMES.length) % LAST_NAMES.length] ?? 'Smith';
/** Where a vehicle lands and on what: a port is named in 1 of 5 sent messages, a vessel in 1 of 8. */
export const PORTS = ['Melbourne', 'Sydney', 'Brisbane', 'Auckland', 'Fremantle'];
export const VESSELS = ['Aurora', 'Boreas', 'Celeste', 'Dorado', 'Elara', 'Fortuna', 'Galene', 'Helios'];
export const vehicleIdOf = (customer: number, vehicle: number) => `VH-${customer}-${vehicle}`;

function generate(set: DataSet, index: number, next: () => number, now: number): Communication {
  const customer = index % set.customers;
  const type = pick(TYPES, next());
  const createdAt = new Date(now - Math.floor(next() * set.days * 86_400_000)).toISOString();
  const sent = type === 'Email' || type === 'SMS';
  const status: CommunicationStatus = sent ? (next() < 0.03 ? 'Failed' : 'Delivered') : 'Logged';
  const port = PORTS[Math.floor(next() * PORTS.length)];
  const vessel = VESSELS[Math.floor(next() * VESSELS.length)];
  const content = sent
    ? `Hi ${firstNameOf(customer)}, your vehicle has moved to a new stage. Track it on the portal. ${'Details follow. '.repeat(20)}Vessel ${vessel}, ETA ${port}.`
    : `Call with ${firstNameOf(customer)} ${index}: discussed shipping and customs timing.`;
  return {
    communicationId: `bench${String(index).padStart(27, '0')}`,
    customerId: customerIdOf(customer),
    vehicleId: vehicleIdOf(customer, index % set.vehiclesPerCustomer),
    type,
    direction: sent ? 'outbound' : 'inbound',
    ...(type === 'Email' ? { subject: `Update ${index}` } : {}),
    content,
    status,
    statusHistory: [{ status, at: createdAt }],
    createdAt,
    createdBy: sent ? 'system:trigger-service' : 'ava',
    updatedAt: createdAt,
  };
}

type WriteRequest = { PutRequest: { Item: Record<string, unknown> } };

/**
 * Stores the data set exactly as `create` would (both items of each communication and its search postings);
 * answers the seconds taken.
 */
export async function loadCommunications(
  documents: DynamoDBDocumentClient,
  tableName: string,
  set: DataSet,
): Promise<number> {
  const next = random(42);
  const now = Date.now();
  const started = performance.now();
  const requests: WriteRequest[] = [];
  for (let index = 0; index < set.communications; index += 1) {
    const communication = generate(set, index, next, now);
    const items = communicationItems(communication);
    for (const item of [items.details, items.content, ...items.postings])
      requests.push({ PutRequest: { Item: item } });
  }
  const batches: WriteRequest[][] = [];
  for (let start = 0; start < requests.length; start += 25) batches.push(requests.slice(start, start + 25));
  let cursor = 0;
  const worker = async () => {
    while (cursor < batches.length) {
      let batch = batches[cursor++] ?? [];
      while (batch.length > 0) {
        const response = await documents.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: batch } }),
        );
        batch = (response.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return (performance.now() - started) / 1000;
}

/** Stores `count` customers through the repository (contact and search postings); answers the seconds taken. */
export async function loadCustomers(
  documents: DynamoDBDocumentClient,
  tableName: string,
  count: number,
): Promise<number> {
  const customers = new DynamoCustomerRepository(documents, tableName);
  const asOf = new Date().toISOString();
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const firstName = firstNameOf(index);
      const lastName = lastNameOf(index);
      await customers.saveContact({
        customerId: customerIdOf(index),
        firstName,
        lastName,
        email: `${firstName}.${lastName}${index}@mail.example`.toLowerCase(),
        phone: `+6421${String(1_000_000 + index).padStart(7, '0')}`,
        language: 'en',
        timezone: 'Pacific/Auckland',
        asOf,
        updatedAt: asOf,
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return (performance.now() - started) / 1000;
}
