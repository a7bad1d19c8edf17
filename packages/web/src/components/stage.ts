/** Import stages as reps read them. */
const STAGE_LABELS: Record<string, string> = {
  INQUIRY: 'Inquiry',
  VEHICLE_SELECTED: 'Vehicle selected',
  DEPOSIT_PAID: 'Deposit paid',
  PURCHASED: 'Purchased',
  EXPORT_PREPARATION: 'Export preparation',
  SHIPPED: 'Shipped',
  ARRIVED_AT_PORT: 'Arrived at port',
  CUSTOMS_CLEARANCE: 'In customs clearance',
  CUSTOMS_CLEARED: 'Customs cleared',
  COMPLIANCE: 'Compliance',
  READY_FOR_DELIVERY: 'Ready for delivery',
  DELIVERED: 'Delivered',
  ON_HOLD: 'On hold',
  CANCELLED: 'Cancelled',
};

/** The import process in order (the labels' order), and the stages that end it. */
export const IMPORT_STAGES = Object.keys(STAGE_LABELS);
export const FINAL_STAGES = ['DELIVERED', 'CANCELLED'];

export const stageLabel = (stage: string | undefined) =>
  stage ? (STAGE_LABELS[stage] ?? stage) : 'Unknown stage';
