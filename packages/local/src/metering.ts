import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';

/** Every AWS call the runtime made, the DynamoDB capacity they consumed, and how long the functions ran. */
export interface MeterReading {
  calls: Record<string, number>;
  dynamodb: { readUnits: number; writeUnits: number };
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
  let reading: MeterReading = { calls: {}, dynamodb: { readUnits: 0, writeUnits: 0 }, invocations: {} };
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
          else reading.dynamodb.writeUnits += consumed.WriteCapacityUnits ?? units;
        }
        return output;
      });
    };
  }
  return {
    reading: () => structuredClone(reading),
    reset: () => {
      reading = { calls: {}, dynamodb: { readUnits: 0, writeUnits: 0 }, invocations: {} };
    },
    invoked: (handler, ms) => {
      const entry = reading.invocations[handler] ?? { count: 0, milliseconds: 0 };
      entry.count += 1;
      entry.milliseconds += ms;
      reading.invocations[handler] = entry;
    },
  };
}
