import {
  type Actor,
  type Communication,
  type CommunicationType,
  newLoggedInteraction,
  recipientNames,
  requireRole,
} from '@import-comms/core';
import type { ApiDependencies } from './dependencies.js';
import { assertSameRequest, requestedCommunicationId, requestFingerprint } from './idempotency.js';
import { loadRecords } from './records.js';

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
}

/** Records a call, meeting or inbound message against the customer (and vehicle); final as logged. */
export async function logInteraction(
  request: InteractionRequest,
  actor: Actor,
  deps: ApiDependencies,
  idempotencyKey?: string,
): Promise<{ communication: Communication; created: boolean }> {
  requireRole(actor, 'agent', 'logging an interaction');
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
  if (result.created) return { communication, created: true };
  if (fingerprint && idempotencyKey) assertSameRequest(result.existing, fingerprint, idempotencyKey);
  const existing = await deps.communications.get(communication.communicationId);
  return { communication: existing ?? communication, created: false };
}
