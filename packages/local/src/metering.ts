import { createRequire } from 'node:module';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';

/** Every AWS call the runtime made, the DynamoDB capacity they consumed, and how long the functions ran. */
export interface MeterReading {
  calls: Record<string, number>;
  dynamodb: {
    readUnits: number;
    /** Table writes, as dynalite reports them. */
    writeUnits: number;
    /** Global secondary index writes, as AWS charges them (dynalite reports none). */
    indexWriteUnits: number;
    /** Table write units by operation and item kind (the key prefixes), to show where the writes go. */
    writeUnitsByItem: Record<string, number>;
    /** Index write units by index. */
    indexWriteUnitsByIndex: Record<string, number>;
  };
  invocations: Record<string, { count: number; milliseconds: number }>;
}

/** DynamoDB operations that can report the capacity they consumed. */
const CAPACITY = new Set([
  'Get',
  'Put',
  'Update',
  'Delete',
  'Query',
  'Scan',
  'BatchGet',
  'BatchWrite',
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchGetItem',
  'BatchWriteItem',
]);

interface IndexDefinition {
  IndexName: string;
  KeySchema: { AttributeName: string }[];
  Projection: { ProjectionType: string; NonKeyAttributes?: string[] };
}
type StoredItem = Record<string, unknown> | null | undefined;
interface DynaliteDb {
  updateIndexes(
    store: unknown,
    table: { KeySchema: { AttributeName: string }[]; GlobalSecondaryIndexes?: IndexDefinition[] },
    existing: StoredItem,
    item: StoredItem,
    callback: unknown,
  ): void;
  itemSize(item: Record<string, unknown>): number;
}

/** AWS adds this much to every index entry's size. */
const INDEX_ENTRY_OVERHEAD_BYTES = 100;

/**
 * Write units one table write costs in the global secondary indexes, by AWS's rule: an index is written when
 * the item enters or leaves it (one write of the entry's size), when its index key changes (a delete and a
 * put), or when a projected attribute changes; each entry is rounded up to 1 KB.
 */
function indexWriteUnits(
  db: DynaliteDb,
  tableKeys: string[],
  indexes: IndexDefinition[],
  existing: StoredItem,
  item: StoredItem,
): Record<string, number> {
  const byIndex: Record<string, number> = {};
  for (const index of indexes) {
    let units = 0;
    const keys = index.KeySchema.map((key) => key.AttributeName);
    const entry = (source: StoredItem) => {
      if (!source || !keys.every((key) => source[key] != null)) return undefined;
      if (index.Projection.ProjectionType === 'ALL') return source;
      const attributes = [...keys, ...tableKeys, ...(index.Projection.NonKeyAttributes ?? [])];
      return Object.fromEntries(
        attributes.filter((name) => source[name] != null).map((name) => [name, source[name]]),
      );
    };
    const size = (value: Record<string, unknown>) =>
      Math.ceil((db.itemSize(value) + INDEX_ENTRY_OVERHEAD_BYTES) / 1024);
    const before = entry(existing);
    const after = entry(item);
    if (!before && !after) continue;
    if (before && after) {
      const sameKey = keys.every((key) => JSON.stringify(before[key]) === JSON.stringify(after[key]));
      if (!sameKey) units += size(before) + size(after);
      else if (JSON.stringify(before) !== JSON.stringify(after)) units += size(after);
    } else units += size((after ?? before) as Record<string, unknown>);
    if (units > 0) byIndex[index.IndexName] = units;
  }
  return byIndex;
}

/** Item kind of a key, e.g. `COMMUNICATION#…/DETAILS` → `COMMUNICATION/DETAILS`. */
function itemKind(input: Record<string, unknown>): string {
  const key = (input.Key ?? input.Item ?? {}) as Record<string, unknown>;
  const prefix = (value: unknown) => String(value ?? '?').split('#')[0];
  return `${prefix(key.PK)}/${prefix(key.SK)}`;
}

interface Consumed {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

/**
 * Counts the AWS SDK calls of this process by service and operation (for the cost benchmark): wraps `send` of
 * the SDK's base client once, asks DynamoDB for the capacity each call consumed, and sums it. Off unless the
 * runtime is started with IMPORT_COMMS_METER=1.
 */
export function installMeter(): {
  reading(): MeterReading;
  reset(): void;
  invoked(handler: string, ms: number): void;
} {
  const empty = (): MeterReading => ({
    calls: {},
    dynamodb: {
      readUnits: 0,
      writeUnits: 0,
      indexWriteUnits: 0,
      writeUnitsByItem: {},
      indexWriteUnitsByIndex: {},
    },
    invocations: {},
  });
  let reading = empty();
  // dynalite's write actions maintain the indexes through this export: count what AWS would charge there.
  const db = createRequire(import.meta.url)('dynalite/db/index.js') as DynaliteDb;
  const updateIndexes = db.updateIndexes;
  db.updateIndexes = (store, table, existing, item, callback) => {
    const tableKeys = table.KeySchema.map((key) => key.AttributeName);
    const written = indexWriteUnits(db, tableKeys, table.GlobalSecondaryIndexes ?? [], existing, item);
    for (const [index, units] of Object.entries(written)) {
      reading.dynamodb.indexWriteUnits += units;
      reading.dynamodb.indexWriteUnitsByIndex[index] =
        (reading.dynamodb.indexWriteUnitsByIndex[index] ?? 0) + units;
    }
    updateIndexes(store, table, existing, item, callback);
  };
  const bases = new Set(
    [DynamoDBClient, EventBridgeClient, SQSClient, SESv2Client, SNSClient].map(
      (client) =>
        Object.getPrototypeOf(client.prototype) as { send: (...args: unknown[]) => Promise<unknown> },
    ),
  );
  for (const base of bases) {
    const original = base.send;
    base.send = function meteredSend(this: { config?: { serviceId?: string } }, ...args: unknown[]) {
      const command = args[0] as { constructor: { name: string }; input?: Record<string, unknown> };
      const service = this.config?.serviceId ?? 'unknown';
      const operation = command.constructor.name.replace(/Command$/, '');
      const key = `${service}.${operation}`;
      reading.calls[key] = (reading.calls[key] ?? 0) + 1;
      const measured = service === 'DynamoDB' && CAPACITY.has(operation) && command.input;
      if (measured && command.input) command.input.ReturnConsumedCapacity ??= 'TOTAL';
      const result = original.apply(this, args) as Promise<{ ConsumedCapacity?: Consumed | Consumed[] }>;
      if (!measured) return result;
      return result.then((output) => {
        for (const consumed of [output?.ConsumedCapacity ?? []].flat()) {
          // dynalite reports CapacityUnits only: reads and writes are told apart by the operation.
          const units = consumed.CapacityUnits ?? 0;
          if (/^(Get|Query|Scan|BatchGet)/.test(operation))
            reading.dynamodb.readUnits += consumed.ReadCapacityUnits ?? units;
          else {
            const written = consumed.WriteCapacityUnits ?? units;
            reading.dynamodb.writeUnits += written;
            const kind = `${operation} ${itemKind(command.input ?? {})}`;
            reading.dynamodb.writeUnitsByItem[kind] =
              (reading.dynamodb.writeUnitsByItem[kind] ?? 0) + written;
          }
        }
        return output;
      });
    };
  }
  return {
    reading: () => structuredClone(reading),
    reset: () => {
      reading = empty();
    },
    invoked: (handler, ms) => {
      const entry = reading.invocations[handler] ?? { count: 0, milliseconds: 0 };
      entry.count += 1;
      entry.milliseconds += ms;
      reading.invocations[handler] = entry;
    },
  };
}
