import * as CommunicationStatusChangedV1 from './comms/communication-status-changed.v1.js';
import { contractOf, type EventContract } from './contract.js';
import * as CustomerUpsertedV1 from './crm/customer-upserted.v1.js';
import { eventBridgeEventSchema } from './envelope.js';
import * as PaymentDueV1 from './finance/payment-due.v1.js';
import * as PaymentReceivedV1 from './finance/payment-received.v1.js';
import * as ImportStageChangedV1 from './import-pipeline/import-stage-changed.v1.js';
import * as VehicleUpsertedV1 from './import-pipeline/vehicle-upserted.v1.js';
import * as VesselEtaUpdatedV1 from './logistics/vessel-eta-updated.v1.js';
import { type ValidationIssue, type ValidationResult, validate } from './validation.js';

export const contracts = {
  importStageChangedV1: contractOf(ImportStageChangedV1),
  vehicleUpsertedV1: contractOf(VehicleUpsertedV1),
  paymentDueV1: contractOf(PaymentDueV1),
  paymentReceivedV1: contractOf(PaymentReceivedV1),
  vesselEtaUpdatedV1: contractOf(VesselEtaUpdatedV1),
  customerUpsertedV1: contractOf(CustomerUpsertedV1),
  communicationStatusChangedV1: contractOf(CommunicationStatusChangedV1),
} as const;

export const allContracts: readonly EventContract[] = Object.values(contracts);

/** The newest version wins when a detail does not say which one it follows. */
export function findContract(
  source: string,
  detailType: string,
  version?: number,
): EventContract | undefined {
  const candidates = allContracts
    .filter((contract) => contract.source === source && contract.detailType === detailType)
    .filter((contract) => version === undefined || contract.version === version)
    .sort((a, b) => b.version - a.version);
  return candidates[0];
}

export interface ValidatedEvent {
  contract: EventContract;
  /** EventBridge's id of the delivery envelope. */
  envelopeId: string;
  time: string;
  detail: Record<string, unknown>;
}

function declaredVersion(detail: unknown): number | undefined {
  if (typeof detail === 'object' && detail !== null && 'schemaVersion' in detail) {
    const { schemaVersion } = detail as { schemaVersion: unknown };
    return typeof schemaVersion === 'number' ? schemaVersion : undefined;
  }
  return undefined;
}

/** Validates a detail against the contract named by source + detail-type + schemaVersion. */
export function validateDetail(
  source: string,
  detailType: string,
  detail: unknown,
): ValidationResult<{ contract: EventContract; detail: Record<string, unknown> }> {
  const version = declaredVersion(detail);
  const contract = findContract(source, detailType, version);
  if (!contract) {
    const known = findContract(source, detailType);
    const issue: ValidationIssue = known
      ? {
          path: 'detail.schemaVersion',
          message: `unknown version ${String(version)} of ${detailType}`,
          code: 'unknown_version',
        }
      : {
          path: 'detail-type',
          message: `no contract for source "${source}" and detail-type "${detailType}"`,
          code: 'unknown_event',
        };
    return { success: false, issues: [issue] };
  }
  const result = validate(contract.schema, detail, 'detail');
  return result.success
    ? { success: true, data: { contract, detail: result.data as Record<string, unknown> } }
    : result;
}

/** Validates a whole EventBridge event (envelope and detail), e.g. an SQS message body. */
export function validateEvent(input: unknown): ValidationResult<ValidatedEvent> {
  const envelope = validate(eventBridgeEventSchema, input);
  if (!envelope.success) return envelope;
  const { source, 'detail-type': detailType, detail, id, time } = envelope.data;
  const result = validateDetail(source, detailType, detail);
  if (!result.success) return result;
  return { success: true, data: { ...result.data, envelopeId: id, time } };
}
