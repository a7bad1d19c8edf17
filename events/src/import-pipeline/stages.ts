import * as z from 'zod/mini';

/** The import process, in order. ON_HOLD and CANCELLED can interrupt it at any point. */
export const IMPORT_STAGES = [
  'INQUIRY',
  'VEHICLE_SELECTED',
  'DEPOSIT_PAID',
  'PURCHASED',
  'EXPORT_PREPARATION',
  'SHIPPED',
  'ARRIVED_AT_PORT',
  'CUSTOMS_CLEARANCE',
  'CUSTOMS_CLEARED',
  'COMPLIANCE',
  'READY_FOR_DELIVERY',
  'DELIVERED',
  'ON_HOLD',
  'CANCELLED',
] as const;

export const importStage = z.enum(IMPORT_STAGES);
export type ImportStage = z.infer<typeof importStage>;

export const CUSTOMS_STATUSES = [
  'LODGED',
  'UNDER_ASSESSMENT',
  'INSPECTION_REQUIRED',
  'DUTY_PAYABLE',
  'RELEASED',
] as const;
export const customsStatus = z.enum(CUSTOMS_STATUSES);
