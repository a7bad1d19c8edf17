import { contracts } from '@import-comms/events';
import type { CustomerContact, VehicleProjection } from '../customers/projections.js';

/**
 * The `event` a template sees when a rep sends it by hand: what the records already say (the vehicle's current
 * stage for stage-change templates), then the values the rep typed, which win. Nothing is invented: a
 * variable neither provides makes the render fail with its name, so the rep is asked for it.
 */
export function manualEventDetail(
  triggerId: string | undefined,
  records: { contact: CustomerContact; vehicle?: VehicleProjection },
  variables: Record<string, unknown> = {},
): Record<string, unknown> {
  const { contact, vehicle } = records;
  const fromRecords: Record<string, unknown> = {
    customerId: contact.customerId,
    ...(vehicle ? { vehicleId: vehicle.vehicleId } : {}),
  };
  if (triggerId === contracts.importStageChangedV1.id && vehicle?.stage) {
    Object.assign(fromRecords, {
      toStage: vehicle.stage,
      ...(vehicle.stageSequence !== undefined ? { stageSequence: vehicle.stageSequence } : {}),
      ...(vehicle.stageChangedAt ? { occurredAt: vehicle.stageChangedAt } : {}),
      stageData: {},
    });
  }
  return { ...fromRecords, ...variables };
}
