import {
  createDocumentClient,
  createDynamoClient,
  DynamoCustomerRepository,
  DynamoTemplateRepository,
  moveLegacyStatusCounts,
  moveShardedLogEntries,
  reindexSearch,
  searchIndexIsCurrent,
} from '@import-comms/aws';
import {
  type CustomerContact,
  DEFAULT_PREFERENCES,
  LiquidTemplateEngine,
  type Preferences,
  SAMPLE_CUSTOMER,
  SAMPLE_VEHICLE,
  seedDefaultTemplates,
  systemClock,
  type VehicleDetails,
  type VehicleStage,
} from '@import-comms/core';
import { IMPORT_STAGES } from '@import-comms/events';
import { endpoint, type RuntimeConfig } from './config.js';

interface DemoCustomer {
  contact: Omit<CustomerContact, 'asOf' | 'updatedAt'>;
  preferences: Preferences;
  vehicles: {
    details: Omit<VehicleDetails, 'customerId' | 'asOf'>;
    stage: VehicleStage['stage'];
    sequence: number;
  }[];
}

/** Demo customers in different stages of the import process, with different preferences. */
export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  {
    // The customer and vehicle template previews use, so what a rep previews matches the demo data.
    contact: SAMPLE_CUSTOMER,
    preferences: DEFAULT_PREFERENCES,
    vehicles: [
      {
        details: SAMPLE_VEHICLE,
        stage: 'SHIPPED',
        sequence: 6,
      },
    ],
  },
  {
    contact: {
      customerId: 'CU-2002',
      firstName: 'Wei',
      lastName: 'Zhang',
      email: 'wei.zhang@example.com',
      phone: '+61400111222',
      language: 'zh-CN',
      timezone: 'Australia/Sydney',
    },
    preferences: { ...DEFAULT_PREFERENCES, delivery: 'preferred', channelOrder: ['SMS', 'Email'] },
    vehicles: [
      {
        details: {
          vehicleId: 'VH-1002',
          make: 'Nissan',
          model: 'Skyline GT-R V-Spec',
          year: 1999,
          chassisNumber: 'BNR34-400123',
          colour: 'Bayside Blue',
        },
        stage: 'CUSTOMS_CLEARANCE',
        sequence: 8,
      },
    ],
  },
  {
    contact: {
      customerId: 'CU-2003',
      firstName: 'Liam',
      lastName: "O'Connor",
      email: 'liam.oconnor@example.com',
      language: 'en-NZ',
      timezone: 'Pacific/Auckland',
    },
    preferences: {
      ...DEFAULT_PREFERENCES,
      channels: ['Email'],
      optedOutCategories: ['marketing', 'reminders'],
    },
    vehicles: [
      {
        details: {
          vehicleId: 'VH-1003',
          make: 'Mazda',
          model: 'Eunos Roadster',
          year: 1995,
          chassisNumber: 'NA8C-500321',
          colour: 'Classic Red',
        },
        stage: 'READY_FOR_DELIVERY',
        sequence: 11,
      },
      {
        details: {
          vehicleId: 'VH-1004',
          make: 'Honda',
          model: 'Civic Type R',
          year: 2018,
          vin: 'SHHFK8G70JU201234',
          colour: 'Championship White',
        },
        stage: 'VEHICLE_SELECTED',
        sequence: 1,
      },
    ],
  },
  {
    contact: {
      customerId: 'CU-2004',
      firstName: 'Priya',
      lastName: 'Sharma',
      email: 'bounce@simulator.amazonses.com',
      phone: '+61400000013',
      language: 'en',
      timezone: 'Australia/Perth',
    },
    preferences: { ...DEFAULT_PREFERENCES, quietHours: null },
    vehicles: [
      {
        details: {
          vehicleId: 'VH-1005',
          make: 'Subaru',
          model: 'Impreza WRX STI',
          year: 2004,
          chassisNumber: 'GDB-012345',
          colour: 'WR Blue',
        },
        stage: 'DEPOSIT_PAID',
        sequence: 2,
      },
    ],
  },
];

const demoStageEventId = (vehicleId: string, sequence: number) => `seed-${vehicleId}-${sequence}`;

/**
 * The stage changes that brought the demo vehicles where they are, as PutEvents entries. Published on a fresh
 * start, they go through the real pipeline (rules, trigger-service, dispatchers, callbacks), so the UI opens on
 * a history made the way production makes it. Their event ids are the ones the seed recorded, so they are
 * not taken for stale stage changes.
 */
export function demoStageEvents(eventBusName: string, now: Date) {
  return DEMO_CUSTOMERS.flatMap((demo) =>
    demo.vehicles.map((vehicle) => ({
      EventBusName: eventBusName,
      Source: 'import.pipeline',
      DetailType: 'Import Stage Changed',
      Detail: JSON.stringify({
        schemaVersion: 1,
        eventId: demoStageEventId(vehicle.details.vehicleId, vehicle.sequence),
        vehicleId: vehicle.details.vehicleId,
        customerId: demo.contact.customerId,
        fromStage: IMPORT_STAGES[Math.max(0, IMPORT_STAGES.indexOf(vehicle.stage) - 1)],
        toStage: vehicle.stage,
        stageSequence: vehicle.sequence,
        occurredAt: now.toISOString(),
      }),
    })),
  );
}

export interface SeedSummary {
  templatesCreated: number;
  customers: number;
  vehicles: number;
}

/** Seeds templates and demo data; safe on every start (existing records are left as they are). */
export async function seedLocalData(config: RuntimeConfig): Promise<SeedSummary> {
  const client = createDynamoClient({ endpoint: endpoint(config, 'dynamodb'), region: config.region });
  const documents = createDocumentClient(client);
  try {
    const templates = await seedDefaultTemplates(
      new DynamoTemplateRepository(documents, config.tableName),
      new LiquidTemplateEngine(),
      systemClock,
    );
    const customers = new DynamoCustomerRepository(documents, config.tableName);
    const asOf = '2026-01-01T00:00:00.000Z';
    let vehicles = 0;
    for (const demo of DEMO_CUSTOMERS) {
      await customers.saveContact({ ...demo.contact, asOf, updatedAt: asOf });
      if (!(await customers.getPreferences(demo.contact.customerId))) {
        await customers.savePreferences(
          demo.contact.customerId,
          demo.preferences,
          0,
          'system:seed',
          new Date(asOf),
        );
      }
      for (const vehicle of demo.vehicles) {
        await customers.saveVehicleDetails({ ...vehicle.details, customerId: demo.contact.customerId, asOf });
        await customers.recordStageChange({
          vehicleId: vehicle.details.vehicleId,
          customerId: demo.contact.customerId,
          stage: vehicle.stage,
          stageSequence: vehicle.sequence,
          stageChangedAt: asOf,
          stageEventId: demoStageEventId(vehicle.details.vehicleId, vehicle.sequence),
        });
        vehicles++;
      }
    }
    return { templatesCreated: templates.created.length, customers: DEMO_CUSTOMERS.length, vehicles };
  } finally {
    client.destroy();
  }
}

/**
 * Data kept from an older release has no search postings (or older ones): index it once, so everything stored
 * can be found (docs/adr/0022-search-index.md). A current table is left alone. Dashboard counters of the earlier
 * layout move into their months (ADR 0030), and the log's entries of its sharded layout into its one partition
 * (ADR 0038): a few empty queries once they have.
 */
export async function upgradeStoredData(
  config: RuntimeConfig,
  info: (message: string) => void,
): Promise<void> {
  const client = createDynamoClient({ endpoint: endpoint(config, 'dynamodb'), region: config.region });
  const documents = createDocumentClient(client);
  try {
    const moved = await moveLegacyStatusCounts(documents, config.tableName);
    if (moved > 0) info(`dashboard counters moved to the monthly layout: ${moved} days`);
    const logEntries = await moveShardedLogEntries(documents, config.tableName);
    if (logEntries > 0) info(`the log's entries moved into its one partition: ${logEntries}`);
    if (await searchIndexIsCurrent(documents, config.tableName)) return;
    const summary = await reindexSearch(documents, config.tableName);
    info(
      `indexed for search: ${summary.communications} communications, ${summary.customers} customers, ${summary.vehicles} vehicles`,
    );
  } finally {
    client.destroy();
  }
}
