import { contracts, type EventContract } from '@import-comms/events';

/** What fires a template: an inbound event contract, or `manual` (sent by a rep from the compose screen). */
export interface TriggerDefinition {
  id: string;
  label: string;
  contract?: EventContract;
  /** Whether the event is about one vehicle, so `vehicle.*` is available to its templates. */
  hasVehicle: boolean;
}

export const MANUAL_TRIGGER = 'manual';

export const TRIGGERS: readonly TriggerDefinition[] = [
  {
    id: contracts.customerUpsertedV1.id,
    label: 'Customer created or updated',
    contract: contracts.customerUpsertedV1,
    hasVehicle: false,
  },
  {
    id: contracts.importStageChangedV1.id,
    label: 'Import stage changed',
    contract: contracts.importStageChangedV1,
    hasVehicle: true,
  },
  { id: contracts.paymentDueV1.id, label: 'Payment due', contract: contracts.paymentDueV1, hasVehicle: true },
  {
    id: contracts.paymentReceivedV1.id,
    label: 'Payment received',
    contract: contracts.paymentReceivedV1,
    hasVehicle: true,
  },
  {
    id: contracts.vesselEtaUpdatedV1.id,
    label: 'Vessel ETA updated',
    contract: contracts.vesselEtaUpdatedV1,
    hasVehicle: true,
  },
  {
    id: contracts.vehicleUpsertedV1.id,
    label: 'Vehicle created or updated',
    contract: contracts.vehicleUpsertedV1,
    hasVehicle: true,
  },
  { id: MANUAL_TRIGGER, label: 'Sent by a rep', hasVehicle: true },
];

export function findTrigger(id: string): TriggerDefinition | undefined {
  return TRIGGERS.find((trigger) => trigger.id === id);
}

export function triggerForContract(contract: EventContract): TriggerDefinition | undefined {
  return TRIGGERS.find((trigger) => trigger.contract === contract);
}
