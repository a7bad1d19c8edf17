import {
  type Actor,
  type Communication,
  type CommunicationType,
  InvalidInputError,
  newLoggedInteraction,
  recipientNames,
  requireRole,
} from '@import-comms/core';
import type { ApiDependencies } from './dependencies.js';
import { assertSameRequest, requestedCommunicationId, requestFingerprint } from './idempotency.js';
import { loadRecords } from './records.js';
import { createTask } from './tasks.js';

export interface InteractionRequest {
  type: CommunicationType;
  direction: 'inbound' | 'outbound';
  customerId: string;
  vehicleId?: string;
  subject?: string;
  notes: string;
  occurredAt?: string;
  durationMinutes?: number;
  outcome?: string;
  participants?: string[];
  followUpDate?: string;
  /** Inbound email or SMS: the address it came from. */
  from?: string;
  /** A follow-up task to open, linked to what is logged. */
  followUp?: { dueAt: string; assignee?: string; note?: string; title?: string };
}

/** How far ahead of the server's clock a device's "now" may run before a time counts as the future. */
const CLOCK_SKEW_MS = 5 * 60_000;

const TYPE_NAMES: Record<CommunicationType, string> = {
  Call: 'call',
  Meeting: 'meeting',
  Email: 'email',
  SMS: 'SMS',
};

/** Records a call, meeting or inbound message against the customer (and vehicle); final as logged. */
export async function logInteraction(
  request: InteractionRequest,
  actor: Actor,
  deps: ApiDependencies,
  idempotencyKey?: string,
): Promise<{ communication: Communication; created: boolean }> {
  requireRole(actor, 'agent', 'logging an interaction');
  if (request.occurredAt && Date.parse(request.occurredAt) > deps.clock.now().getTime() + CLOCK_SKEW_MS)
    throw new InvalidInputError([
      {
        path: 'occurredAt',
        message: 'is in the future: log what happened, and open a follow-up for what will',
      },
    ]);
  const { contact, vehicle } = await loadRecords(deps.customers, request.customerId, request.vehicleId);
  const interaction = {
    ...(request.durationMinutes !== undefined ? { durationMinutes: request.durationMinutes } : {}),
    ...(request.outcome ? { outcome: request.outcome } : {}),
    ...(request.participants ? { participants: request.participants } : {}),
    ...(request.followUpDate ? { followUpDate: request.followUpDate } : {}),
  };
  const fingerprint = idempotencyKey ? requestFingerprint(request) : undefined;
  const logged = newLoggedInteraction(
    {
      communicationId: requestedCommunicationId(actor.id, 'log', idempotencyKey),
      customerId: contact.customerId,
      ...(vehicle ? { vehicleId: vehicle.vehicleId } : {}),
      ...recipientNames(contact, vehicle),
      type: request.type,
      direction: request.direction,
      ...(request.from ? { address: request.from } : {}),
      ...(request.subject ? { subject: request.subject } : {}),
      content: request.notes,
      ...(Object.keys(interaction).length > 0 ? { interaction } : {}),
      ...(request.occurredAt ? { occurredAt: new Date(request.occurredAt) } : {}),
      createdBy: actor.id,
    },
    deps.clock.now(),
  );
  const communication = fingerprint ? { ...logged, requestFingerprint: fingerprint } : logged;
  const result = await deps.communications.create(communication);
  if (!result.created && fingerprint && idempotencyKey)
    assertSameRequest(result.existing, fingerprint, idempotencyKey);
  // After the communication, under an id derived from it: a retried request opens the same task, once.
  if (request.followUp) {
    const { title, ...followUp } = request.followUp;
    await createTask(
      {
        customerId: contact.customerId,
        ...(vehicle ? { vehicleId: vehicle.vehicleId } : {}),
        title:
          title ?? `Follow up the ${TYPE_NAMES[request.type]} with ${contact.firstName} ${contact.lastName}`,
        ...followUp,
        communicationId: communication.communicationId,
      },
      actor,
      deps,
      { taskId: followUpTaskId(communication.communicationId) },
    );
  }
  if (result.created) return { communication, created: true };
  const existing = await deps.communications.get(communication.communicationId);
  return { communication: existing ?? communication, created: false };
}

/** The follow-up task a logged interaction opened. */
export function followUpTaskId(communicationId: string): string {
  return `followup-${communicationId}`;
}
