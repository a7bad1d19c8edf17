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

/** Vehicle facts from `Vehicle Upserted`. */
export interface VehicleDetails {
  vehicleId: string;
  customerId: string;
  make: string;
  model: string;
  year: number;
  vin?: string;
  chassisNumber?: string;
  colour?: string;
  /** occurredAt of the event these details came from. */
  asOf: string;
}

/** Where the vehicle is in the import process, from `Import Stage Changed`. */
export interface VehicleStage {
  vehicleId: string;
  customerId: string;
  stage: ImportStage;
  /** Highest stageSequence seen: a stage change with a sequence not above it is stale. */
  stageSequence: number;
  stageChangedAt: string;
  /** The event that carried it: a redelivery of the same event is not stale. */
  stageEventId: string;
}

/** What this system knows of a vehicle; either part may arrive first. */
export interface VehicleProjection extends Partial<Omit<VehicleDetails, 'vehicleId' | 'customerId'>> {
  vehicleId: string;
  customerId: string;
  stage?: ImportStage;
  stageSequence?: number;
  stageChangedAt?: string;
  stageEventId?: string;
  updatedAt: string;
}

export function fullName(contact: Pick<CustomerContact, 'firstName' | 'lastName'>): string {
  return `${contact.firstName} ${contact.lastName}`.trim();
}

/** How a rep names a vehicle: "2021 Toyota Land Cruiser 70" (what is known of it), else its id. */
export function describeVehicle(
  vehicle: Pick<VehicleProjection, 'vehicleId' | 'year' | 'make' | 'model'>,
): string {
  return [vehicle.year, vehicle.make, vehicle.model].filter(Boolean).join(' ') || vehicle.vehicleId;
}

/** The names a communication carries for the lists reps read (ADR 0021): as they were when it was written. */
export function recipientNames(
  contact: Pick<CustomerContact, 'firstName' | 'lastName'>,
  vehicle?: Pick<VehicleProjection, 'vehicleId' | 'year' | 'make' | 'model'>,
): { customerName: string; vehicleLabel?: string } {
  return { customerName: fullName(contact), ...(vehicle ? { vehicleLabel: describeVehicle(vehicle) } : {}) };
}
