import {
  type CustomerContact,
  type CustomerPreferences,
  type CustomerRepository,
  InvalidInputError,
  NotFoundError,
  type VehicleProjection,
} from '@import-comms/core';

/** The customer (and vehicle) a request names, with the customer's preferences, in one read; the vehicle must be theirs. */
export async function loadRecords(
  customers: CustomerRepository,
  customerId: string,
  vehicleId: string | undefined,
): Promise<{ contact: CustomerContact; vehicle?: VehicleProjection; preferences?: CustomerPreferences }> {
  const { contact, vehicle, preferences } = await customers.getRecipient(customerId, vehicleId);
  if (!contact) throw new NotFoundError(`customer ${customerId} does not exist`);
  if (vehicleId && !vehicle) throw new NotFoundError(`vehicle ${vehicleId} does not exist`);
  if (vehicle && vehicle.customerId !== customerId) {
    throw new InvalidInputError([
      { path: 'vehicleId', message: `vehicle ${vehicle.vehicleId} belongs to another customer` },
    ]);
  }
  return { contact, ...(vehicle ? { vehicle } : {}), ...(preferences ? { preferences } : {}) };
}
