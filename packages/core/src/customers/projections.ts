import type { ImportStage } from '@import-comms/events';

/** What this system knows of a customer, projected from `Customer Upserted` events. */
export interface CustomerContact {
  customerId: string;
  firstName: string;
  lastName: string;
  email?: string;
  phone?: string;
  language: string;
  timezone: string;
  /** occurredAt of the event this projection was built from: older events never overwrite newer ones. */
  asOf: string;
  updatedAt: string;
}

/** What this system knows of a vehicle, projected from `Vehicle Upserted` and `Import Stage Changed`. */
export interface VehicleProjection {
  vehicleId: string;
  customerId: string;
  make?: string;
  model?: string;
  year?: number;
  vin?: string;
  chassisNumber?: string;
  colour?: string;
  currentStage?: ImportStage;
  /** Highest stageSequence seen: a stage change with a lower sequence is stale. */
  stageSequence?: number;
  asOf: string;
  updatedAt: string;
}

export function fullName(contact: Pick<CustomerContact, 'firstName' | 'lastName'>): string {
  return `${contact.firstName} ${contact.lastName}`.trim();
}

export function isStaleStageChange(vehicle: VehicleProjection | undefined, stageSequence: number): boolean {
  return vehicle?.stageSequence !== undefined && stageSequence <= vehicle.stageSequence;
}
