import { CommunicationStatusChangedV1 } from '@import-comms/events';
import { InvalidStatusTransitionError } from '../errors.js';

/** The statuses of a sent message are part of the published contract; `Logged` is for calls and meetings. */
export const COMMUNICATION_STATUSES = [
  ...CommunicationStatusChangedV1.COMMUNICATION_STATUSES,
  'Logged',
] as const;
export type CommunicationStatus = (typeof COMMUNICATION_STATUSES)[number];

/**
 * Forward-only status machine of an outbound message.
 * - Scheduled: deferred (quiet hours, reminder before a due date) until its due time.
 * - Sending → Delivered/Bounced: a provider callback may overtake the dispatcher's own "Sent" write.
 * - Delivered → Complained: a complaint arrives after delivery.
 * Logged (calls, meetings, inbound messages), NotSent and Cancelled are final from the start.
 */
const NEXT: Record<CommunicationStatus, readonly CommunicationStatus[]> = {
  // A due Scheduled message is claimed straight from Scheduled by the dispatcher the sweeper enqueued it for.
  Scheduled: ['Pending', 'Sending', 'NotSent', 'Cancelled'],
  Pending: ['Sending', 'NotSent', 'Failed', 'Cancelled'],
  Sending: ['Sent', 'Delivered', 'Bounced', 'Complained', 'Failed'],
  Sent: ['Delivered', 'Bounced', 'Complained', 'Failed'],
  Delivered: ['Complained'],
  Bounced: [],
  Complained: [],
  Failed: [],
  NotSent: [],
  Cancelled: [],
  Logged: [],
};

export function canTransition(from: CommunicationStatus, to: CommunicationStatus): boolean {
  return NEXT[from].includes(to);
}

export function assertTransition(from: CommunicationStatus, to: CommunicationStatus): void {
  if (!canTransition(from, to)) throw new InvalidStatusTransitionError(from, to);
}

/** Statuses from which `to` may be reached; a store turns this into a conditional write. */
export function predecessorsOf(to: CommunicationStatus): CommunicationStatus[] {
  return COMMUNICATION_STATUSES.filter((from) => NEXT[from].includes(to));
}

export function isFinal(status: CommunicationStatus): boolean {
  return NEXT[status].length === 0;
}

/** What the claim rule reads of a communication: its status, when it is due, when a claim on it runs out. */
export interface ClaimState {
  status: CommunicationStatus;
  scheduledFor?: string;
  /** When the current claim's lease ends (ISO); storage keeps it beside the status. */
  claimExpiresAt?: string;
}

/** The statuses from which a message may be claimed for sending, depending on `canClaim`'s conditions. */
export const CLAIMABLE_STATUSES: readonly CommunicationStatus[] = ['Pending', 'Sending', 'Scheduled'];

/**
 * The claim rule: a message may be claimed for sending (→ Sending, with a lease) when it is Pending, when it is
 * Sending but its claim's lease has run out (the holder died), or when it is Scheduled and due. The repository
 * applies the same rule as a conditional write (a test holds the two equal), so two dispatchers never both win.
 */
export function canClaim(state: ClaimState, now: Date): boolean {
  const at = now.toISOString();
  switch (state.status) {
    case 'Pending':
      return true;
    case 'Sending':
      return state.claimExpiresAt !== undefined && state.claimExpiresAt <= at;
    case 'Scheduled':
      return state.scheduledFor !== undefined && state.scheduledFor <= at;
    default:
      return false;
  }
}
