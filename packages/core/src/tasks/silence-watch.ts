import { IMPORT_STAGES, type ImportStage } from '@import-comms/events';
import type { CommunicationSummary } from '../communications/communication.js';
import { stageLabel } from '../templates/filters.js';

/**
 * The longest a customer may go without hearing from us, in days, per import stage: long legs (at sea) get
 * more, waiting on papers (customs, delivery) less. Stages not listed are not watched. Admins change them.
 */
export const DEFAULT_SILENCE_LIMITS_DAYS: Partial<Record<ImportStage, number>> = {
  DEPOSIT_PAID: 7,
  PURCHASED: 7,
  EXPORT_PREPARATION: 10,
  SHIPPED: 10,
  ARRIVED_AT_PORT: 5,
  CUSTOMS_CLEARANCE: 3,
  CUSTOMS_CLEARED: 5,
  COMPLIANCE: 7,
  READY_FOR_DELIVERY: 3,
};

/** Whose list a silence lands on when no rep has been in touch: the team's shared queue. */
export const UNASSIGNED = 'unassigned';

export interface SilenceSettings {
  limitsDays: Partial<Record<ImportStage, number>>;
  /** Gets the task when no rep has written to or called the customer about this vehicle. */
  fallbackAssignee: string;
  /** Increments with every change; saves are conditional on it. */
  version: number;
  updatedAt?: string;
  updatedBy?: string;
}

export const DEFAULT_SILENCE_SETTINGS: SilenceSettings = {
  limitsDays: DEFAULT_SILENCE_LIMITS_DAYS,
  fallbackAssignee: UNASSIGNED,
  version: 0,
};

export const WATCHABLE_STAGES: readonly ImportStage[] = IMPORT_STAGES;

/** A vehicle the watch follows: in this stage since its last stage change, last heard from us at `since`. */
export interface SilenceWatch {
  vehicleId: string;
  customerId: string;
  stage: ImportStage;
  stageSequence: number;
  /** The later of the stage change and the last contact the watch saw (ISO 8601). */
  since: string;
}

/** What counts as the customer hearing from us: a message that left, or a call or meeting either way. */
const REACHED = new Set(['Sent', 'Delivered', 'Complained']);

/**
 * The latest contact in a vehicle's timeline (newest first), and the rep who was last in touch — the one a
 * silence task goes to. Automated messages count as contact but have no rep.
 */
export function latestContact(
  timeline: readonly Pick<
    CommunicationSummary,
    'type' | 'direction' | 'status' | 'sentAt' | 'createdAt' | 'createdBy'
  >[],
): { at?: string; rep?: string } {
  let at: string | undefined;
  let rep: string | undefined;
  for (const item of timeline) {
    const contact =
      item.type === 'Call' || item.type === 'Meeting'
        ? item.status === 'Logged'
        : item.direction === 'outbound' && REACHED.has(item.status);
    if (!contact) continue;
    const when = item.sentAt ?? item.createdAt;
    if (!at || when > at) at = when;
    if (!rep && !item.createdBy.startsWith('system:')) rep = item.createdBy;
  }
  return { ...(at ? { at } : {}), ...(rep ? { rep } : {}) };
}

/** One task per silence: the vehicle, its stage, and when the silence began. */
export function silenceTaskId(watch: Pick<SilenceWatch, 'vehicleId' | 'stageSequence' | 'since'>): string {
  return `silence-${watch.vehicleId}-${watch.stageSequence}-${Date.parse(watch.since)}`;
}

export function silenceTaskTitle(customerName: string, stage: ImportStage, days: number): string {
  const label = stageLabel(stage, { locale: 'en', timezone: 'UTC' });
  return `No word to ${customerName} in ${days} day${days === 1 ? '' : 's'} (stage: ${label})`;
}

/** Who the watch writes as when it opens or closes a task. */
export const SILENCE_WATCH_ACTOR = 'system:silence-watch';
