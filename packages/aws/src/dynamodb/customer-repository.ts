import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  Clock,
  CustomerContact,
  CustomerPreferences,
  CustomerRepository,
  Preferences,
  Recipient,
  SaveResult,
  VehicleDetails,
  VehicleProjection,
  VehicleStage,
} from '@import-comms/core';
import {
  customerSearchWords,
  DIRECTORY_TERM_KEYS,
  matchesAll,
  queryTermsOf,
  systemClock,
  termsText,
  vehicleSearchWords,
} from '@import-comms/core';
import { batchGet } from './batch.js';
import { conditionally, withoutStorageAttributes } from './conditional.js';
import { keys } from './keys.js';
import { customerPostings, nameSortKey, vehiclePostings } from './search/directory-postings.js';
import { DirectorySearch } from './search/directory-search.js';
import { putSilenceWatch } from './silence-watch-store.js';
import { INDEXES } from './table-definition.js';

const STORAGE_ONLY = ['PK', 'SK', 'entity', 'directoryKey', 'directorySortKey', 'searchName'] as const;

const CUSTOMER_DIRECTORY = 'CUSTOMERS';
const vehiclesOf = (customerId: string) => `VEHICLES#${customerId}`;
/** ISO instants compare correctly as strings only in one form: normalise to UTC with milliseconds. */
const utc = (iso: string) => new Date(iso).toISOString();

/**
 * Customer and vehicle projections (fed by CRM and pipeline events, possibly out of order) and customer
 * preferences with their revision history.
 */
export class DynamoCustomerRepository implements CustomerRepository {
  private readonly search: DirectorySearch;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock = systemClock,
  ) {
    this.search = new DirectorySearch(documents, tableName);
  }

  async getContact(customerId: string): Promise<CustomerContact | undefined> {
    return this.getItem<CustomerContact>(keys.customerContact(customerId));
  }

  async getRecipient(customerId: string, vehicleId?: string): Promise<Recipient> {
    const wanted = {
      contact: keys.customerContact(customerId),
      preferences: keys.customerPreferences(customerId),
      ...(vehicleId ? { vehicle: keys.vehicle(vehicleId) } : {}),
    };
    const found = await batchGet(this.documents, this.tableName, Object.values(wanted), { consistent: true });
    const read = <T>(key: { PK: string; SK: string } | undefined): T | undefined => {
      const item = key ? found.get(`${key.PK}|${key.SK}`) : undefined;
      return item ? withoutStorageAttributes<T>(item, STORAGE_ONLY) : undefined;
    };
    const contact = read<CustomerContact>(wanted.contact);
    const preferences = read<CustomerPreferences>(wanted.preferences);
    const vehicle = read<VehicleProjection>(wanted.vehicle);
    return {
      ...(contact ? { contact } : {}),
      ...(preferences ? { preferences } : {}),
      ...(vehicle ? { vehicle } : {}),
    };
  }

  async saveContact(contact: CustomerContact): Promise<SaveResult> {
    const asOf = utc(contact.asOf);
    const saved = await conditionally(() =>
      this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...contact,
            asOf,
            ...keys.customerContact(contact.customerId),
            entity: 'CustomerContact',
            directoryKey: CUSTOMER_DIRECTORY,
            directorySortKey: nameSortKey(contact),
          },
          ConditionExpression: 'attribute_not_exists(PK) OR asOf < :asOf',
          ExpressionAttributeValues: { ':asOf': asOf },
          ReturnValues: 'ALL_OLD',
        }),
      ),
    );
    if (!saved) return { saved: false, reason: 'stale' };
    // Postings follow the contact; a save racing this one may leave a stale posting, which search re-checks.
    const before = saved.Attributes as CustomerContact | undefined;
    await this.search.reindex(
      before ? await customerPostings(before) : undefined,
      await customerPostings(contact),
    );
    return { saved: true };
  }

  async getVehicle(vehicleId: string): Promise<VehicleProjection | undefined> {
    return this.getItem<VehicleProjection>(keys.vehicle(vehicleId));
  }

  async saveVehicleDetails(details: VehicleDetails): Promise<SaveResult> {
    const asOf = utc(details.asOf);
    const { vehicleId } = details;
    const fields = {
      ...details,
      asOf,
      updatedAt: this.clock.now().toISOString(),
      directoryKey: vehiclesOf(details.customerId),
      directorySortKey: vehicleId,
    };
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':asOf': asOf, ':entity': 'Vehicle' };
    const sets = ['entity = :entity'];
    for (const [name, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      names[`#${name}`] = name;
      values[`:${name}`] = value;
      sets.push(`#${name} = :${name}`);
    }
    // Details and stage live on one item but come from different events: each part has its own guard.
    const saved = await conditionally(() =>
      this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.vehicle(vehicleId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'attribute_not_exists(#asOf) OR #asOf < :asOf',
          ExpressionAttributeNames: { ...names, '#asOf': 'asOf' },
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_OLD',
        }),
      ),
    );
    if (!saved) return { saved: false, reason: 'stale' };
    const before = saved.Attributes as (VehicleDetails & { asOf?: string }) | undefined;
    await this.search.reindex(
      before?.asOf && before.make !== undefined ? vehiclePostings(before) : undefined,
      vehiclePostings(details),
    );
    return { saved: true };
  }

  async recordStageChange(stage: VehicleStage): Promise<SaveResult> {
    const saved = await conditionally(() =>
      this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.vehicle(stage.vehicleId),
          UpdateExpression:
            'SET entity = :entity, vehicleId = :vehicleId, customerId = :customerId, stage = :stage, ' +
            'stageSequence = :sequence, stageChangedAt = :changedAt, stageEventId = :eventId, updatedAt = :now, ' +
            'directoryKey = :directory, directorySortKey = :vehicleId',
          // The same event again (a redelivery) is accepted: it is not stale, it is the same news.
          ConditionExpression:
            'attribute_not_exists(stageSequence) OR stageSequence < :sequence OR stageEventId = :eventId',
          ExpressionAttributeValues: {
            ':entity': 'Vehicle',
            ':vehicleId': stage.vehicleId,
            ':customerId': stage.customerId,
            ':stage': stage.stage,
            ':sequence': stage.stageSequence,
            ':changedAt': utc(stage.stageChangedAt),
            ':eventId': stage.stageEventId,
            ':now': this.clock.now().toISOString(),
            ':directory': vehiclesOf(stage.customerId),
          },
        }),
      ),
    );
    if (!saved) return { saved: false, reason: 'stale' };
    // The silence watch follows the vehicle from its new stage on: silent since the change.
    await putSilenceWatch(this.documents, this.tableName, {
      vehicleId: stage.vehicleId,
      customerId: stage.customerId,
      stage: stage.stage,
      stageSequence: stage.stageSequence,
      since: utc(stage.stageChangedAt),
    });
    return { saved: true };
  }

  async searchCustomers(query: string, limit: number): Promise<CustomerContact[]> {
    if (query.trim() === '') return this.listDirectory(limit);
    const terms = queryTermsOf(query, DIRECTORY_TERM_KEYS);
    const refs = await this.search.find('CUSTOMER', terms, limit);
    return this.readFound<CustomerContact>(refs, 'CONTACT', async (contact) =>
      matchesAll(termsText(await customerSearchWords(contact)), terms),
    );
  }

  async searchVehicles(query: string, limit: number): Promise<VehicleProjection[]> {
    const terms = queryTermsOf(query, DIRECTORY_TERM_KEYS);
    const refs = await this.search.find('VEHICLE', terms, limit);
    return this.readFound<VehicleProjection>(
      refs,
      'VEHICLE',
      (vehicle) =>
        vehicle.make !== undefined &&
        matchesAll(termsText(vehicleSearchWords(vehicle as VehicleDetails)), terms),
    );
  }

  /**
   * The items search postings point at, in their order, kept only if they still have the words: a posting left by
   * a save that lost a race names words the item no longer has.
   */
  private async readFound<T>(
    refs: string[],
    sortKey: string,
    stillMatches: (item: T) => boolean | Promise<boolean>,
  ): Promise<T[]> {
    const found = await batchGet(
      this.documents,
      this.tableName,
      refs.map((ref) => ({ PK: ref, SK: sortKey })),
    );
    const items = refs
      .map((ref) => found.get(`${ref}|${sortKey}`))
      .filter((item): item is Record<string, unknown> => item !== undefined)
      .map((item) => withoutStorageAttributes<T>(item, STORAGE_ONLY));
    const matches = await Promise.all(items.map(stillMatches));
    return items.filter((_, index) => matches[index]);
  }

  /** The first customers by name: what the picker shows before anything is typed. */
  private listDirectory(limit: number): Promise<CustomerContact[]> {
    return this.directory<CustomerContact>(CUSTOMER_DIRECTORY, limit);
  }

  async listVehicles(customerId: string): Promise<VehicleProjection[]> {
    return this.directory<VehicleProjection>(vehiclesOf(customerId), 100);
  }

  /** The first `limit` entries of one partition of the directory index, in its order. */
  private async directory<T>(partition: string, limit: number): Promise<T[]> {
    const response = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INDEXES.directory.name,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': INDEXES.directory.partitionKey },
        ExpressionAttributeValues: { ':pk': partition },
        Limit: limit,
      }),
    );
    return (response.Items ?? []).map((item) => withoutStorageAttributes<T>(item, STORAGE_ONLY));
  }

  async getPreferences(customerId: string): Promise<CustomerPreferences | undefined> {
    return this.getItem<CustomerPreferences>(keys.customerPreferences(customerId));
  }

  async savePreferences(
    customerId: string,
    preferences: Preferences,
    expectedRevision: number,
    changedBy: string,
    at: Date,
  ): Promise<SaveResult> {
    const record: CustomerPreferences = {
      customerId,
      preferences,
      revision: expectedRevision + 1,
      updatedAt: at.toISOString(),
      updatedBy: changedBy,
    };
    const saved = await conditionally(() =>
      this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...record, ...keys.customerPreferences(customerId), entity: 'CustomerPreferences' },
          ConditionExpression:
            expectedRevision === 0 ? 'attribute_not_exists(PK)' : 'revision = :expectedRevision',
          ...(expectedRevision === 0
            ? {}
            : { ExpressionAttributeValues: { ':expectedRevision': expectedRevision } }),
        }),
      ),
    );
    if (!saved) return { saved: false, reason: 'conflict' };
    // The revision log is append-only; writing it after the head means a crash can lose one log entry but never
    // log a change that did not happen (the head still names who changed it last).
    await conditionally(() =>
      this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...record,
            ...keys.customerPreferencesRevision(customerId, record.revision),
            entity: 'CustomerPreferencesRevision',
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      ),
    );
    return { saved: true };
  }

  async listPreferenceHistory(customerId: string, limit: number): Promise<CustomerPreferences[]> {
    const response = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.customerPreferences(customerId).PK,
          ':prefix': 'PREFERENCES#REV#',
        },
        ScanIndexForward: false,
        Limit: Math.min(Math.max(1, limit), 100),
      }),
    );
    return (response.Items ?? []).map((item) =>
      withoutStorageAttributes<CustomerPreferences>(item, STORAGE_ONLY),
    );
  }

  private async getItem<T>(key: { PK: string; SK: string }): Promise<T | undefined> {
    const response = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return response.Item ? withoutStorageAttributes<T>(response.Item, STORAGE_ONLY) : undefined;
  }
}
