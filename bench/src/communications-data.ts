import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { communicationItems, communicationPostings } from '@import-comms/aws';
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
export const vehicleIdOf = (customer: number, vehicle: number) => `VH-${customer}-${vehicle}`;

function generate(set: DataSet, index: number, next: () => number, now: number): Communication {
  const customer = index % set.customers;
  const type = pick(TYPES, next());
  const createdAt = new Date(now - Math.floor(next() * set.days * 86_400_000)).toISOString();
  const sent = type === 'Email' || type === 'SMS';
  const status: CommunicationStatus = sent ? (next() < 0.03 ? 'Failed' : 'Delivered') : 'Logged';
  const content = sent
    ? `Hi customer ${customer}, your vehicle has moved to a new stage. Track it on the portal. ${'Details follow. '.repeat(20)}`
    : `Call notes ${index}: discussed shipping and customs timing.`;
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
    for (const item of [items.details, items.content, ...communicationPostings(communication)])
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
