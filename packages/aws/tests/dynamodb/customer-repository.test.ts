import { type CustomerContact, DEFAULT_PREFERENCES } from '@import-comms/core';
import { DynamoCustomerRepository } from '../../src/index.js';
import { createTestTable, manualClock } from '../support/table.js';

let repository: DynamoCustomerRepository;

beforeEach(async () => {
  const table = await createTestTable();
  repository = new DynamoCustomerRepository(
    table.documents,
    table.tableName,
    manualClock('2026-11-25T00:00:00Z'),
  );
});

const contact = (asOf: string, overrides: Partial<CustomerContact> = {}): CustomerContact => ({
  customerId: 'CU-1',
  firstName: 'Aiko',
  lastName: 'Tanaka',
  email: 'aiko@example.com',
  phone: '+61412345678',
  language: 'en-AU',
  timezone: 'Australia/Melbourne',
  asOf,
  updatedAt: '2026-11-25T00:00:00.000Z',
  ...overrides,
});

describe('customer contact projection', () => {
  it('keeps the newest contact details when CRM events arrive out of order', async () => {
    // Prepare
    await repository.saveContact(contact('2026-11-02T00:00:00Z', { email: 'new@example.com' }));

    // Act
    const older = await repository.saveContact(contact('2026-11-01T00:00:00Z', { email: 'old@example.com' }));

    // Assess
    expect(older).toEqual({ saved: false, reason: 'stale' });
    expect(await repository.getContact('CU-1')).toMatchObject({ email: 'new@example.com' });
  });

  it('compares instants, not strings, when offsets differ', async () => {
    await repository.saveContact(contact('2026-11-02T10:00:00+10:00', { firstName: 'First' }));

    // 01:00Z is after 00:00Z (10:00+10:00) although the string sorts before it.
    const later = await repository.saveContact(contact('2026-11-02T01:00:00Z', { firstName: 'Second' }));

    expect(later).toEqual({ saved: true });
    expect(await repository.getContact('CU-1')).toMatchObject({ firstName: 'Second' });
  });

  it('returns undefined for a customer it has never seen', async () => {
    expect(await repository.getContact('CU-unknown')).toBeUndefined();
  });
});

describe('vehicle projection', () => {
  const details = (asOf: string, colour: string) => ({
    vehicleId: 'VH-1',
    customerId: 'CU-1',
    make: 'Toyota',
    model: 'Land Cruiser 70',
    year: 2021,
    colour,
    asOf,
  });
  const stage = (stageSequence: number, value: 'SHIPPED' | 'ARRIVED_AT_PORT') => ({
    vehicleId: 'VH-1',
    customerId: 'CU-1',
    stage: value,
    stageSequence,
    stageChangedAt: '2026-11-20T00:00:00Z',
    stageEventId: `stage-${stageSequence}`,
  });

  it('merges details and stage whichever arrives first', async () => {
    await repository.recordStageChange(stage(6, 'SHIPPED'));
    await repository.saveVehicleDetails(details('2026-10-01T00:00:00Z', 'Sand Beige'));

    expect(await repository.getVehicle('VH-1')).toMatchObject({
      make: 'Toyota',
      colour: 'Sand Beige',
      stage: 'SHIPPED',
      stageSequence: 6,
    });
  });

  it('refuses a stage change whose sequence is not above the recorded one, but accepts a redelivery of the same event', async () => {
    await repository.recordStageChange(stage(7, 'ARRIVED_AT_PORT'));

    expect(await repository.recordStageChange(stage(6, 'SHIPPED'))).toEqual({
      saved: false,
      reason: 'stale',
    });
    expect(
      await repository.recordStageChange({ ...stage(7, 'ARRIVED_AT_PORT'), stageEventId: 'another-event' }),
    ).toEqual({ saved: false, reason: 'stale' });
    expect(await repository.recordStageChange(stage(7, 'ARRIVED_AT_PORT'))).toEqual({ saved: true });
    expect(await repository.getVehicle('VH-1')).toMatchObject({ stage: 'ARRIVED_AT_PORT', stageSequence: 7 });
  });

  it('refuses older vehicle details without touching the stage', async () => {
    await repository.saveVehicleDetails(details('2026-10-02T00:00:00Z', 'White'));
    await repository.recordStageChange(stage(6, 'SHIPPED'));

    const stale = await repository.saveVehicleDetails(details('2026-10-01T00:00:00Z', 'Sand Beige'));

    expect(stale).toEqual({ saved: false, reason: 'stale' });
    expect(await repository.getVehicle('VH-1')).toMatchObject({ colour: 'White', stage: 'SHIPPED' });
  });
});

describe('preferences', () => {
  it('saves with optimistic locking and keeps every revision as a consent record', async () => {
    // Prepare
    const smsOnly = { ...DEFAULT_PREFERENCES, channels: ['SMS' as const] };

    // Act
    const first = await repository.savePreferences(
      'CU-1',
      DEFAULT_PREFERENCES,
      0,
      'customer:CU-1',
      new Date('2026-11-01T00:00:00Z'),
    );
    const second = await repository.savePreferences(
      'CU-1',
      smsOnly,
      1,
      'rep:mia',
      new Date('2026-11-02T00:00:00Z'),
    );
    const lostUpdate = await repository.savePreferences(
      'CU-1',
      DEFAULT_PREFERENCES,
      1,
      'rep:noah',
      new Date(),
    );

    // Assess
    expect([first, second, lostUpdate]).toEqual([
      { saved: true },
      { saved: true },
      { saved: false, reason: 'conflict' },
    ]);
    expect(await repository.getPreferences('CU-1')).toEqual({
      customerId: 'CU-1',
      preferences: smsOnly,
      revision: 2,
      updatedAt: '2026-11-02T00:00:00.000Z',
      updatedBy: 'rep:mia',
    });
    const history = await repository.listPreferenceHistory('CU-1', 10);
    expect(history.map((entry) => [entry.revision, entry.updatedBy])).toEqual([
      [2, 'rep:mia'],
      [1, 'customer:CU-1'],
    ]);
  });

  it('refuses to create preferences twice from revision 0', async () => {
    await repository.savePreferences('CU-1', DEFAULT_PREFERENCES, 0, 'a', new Date());

    expect(await repository.savePreferences('CU-1', DEFAULT_PREFERENCES, 0, 'b', new Date())).toEqual({
      saved: false,
      reason: 'conflict',
    });
  });
});

describe('recipient', () => {
  it('reads contact, preferences and the vehicle in one request, as the single reads would', async () => {
    await repository.saveContact(contact('2026-11-01T00:00:00Z'));
    await repository.savePreferences(
      'CU-1',
      DEFAULT_PREFERENCES,
      0,
      'rep:mia',
      new Date('2026-11-02T00:00:00Z'),
    );
    await repository.saveVehicleDetails({
      vehicleId: 'VH-1',
      customerId: 'CU-1',
      make: 'Toyota',
      model: 'Land Cruiser 70',
      year: 2021,
      asOf: '2026-11-01T00:00:00Z',
    });

    const recipient = await repository.getRecipient('CU-1', 'VH-1');

    expect(recipient).toEqual({
      contact: await repository.getContact('CU-1'),
      preferences: await repository.getPreferences('CU-1'),
      vehicle: await repository.getVehicle('VH-1'),
    });
    expect(recipient.vehicle).toMatchObject({ make: 'Toyota' });
    expect(await repository.getRecipient('CU-2')).toEqual({});
    expect(await repository.getRecipient('CU-1')).not.toHaveProperty('vehicle');
  });
});
