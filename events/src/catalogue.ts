import type * as z from 'zod/mini';
import * as CommunicationStatusChangedV1 from './comms/communication-status-changed.v1.js';
import * as CustomerMessageReceivedV1 from './comms/customer-message-received.v1.js';
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
  customerMessageReceivedV1: contractOf(CustomerMessageReceivedV1),
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

/** A contract's name in `contracts` (e.g. `importStageChangedV1`): what a validated event is keyed by. */
export type ContractName = keyof typeof contracts;

/** The detail of a contract, as its schema parses it. */
export type DetailOf<Name extends ContractName> = z.infer<(typeof contracts)[Name]['schema']>;

/** A detail that passed its contract, keyed by the contract's name so consumers narrow instead of casting. */
export type ValidatedDetail = {
  [Name in ContractName]: { name: Name; contract: EventContract; detail: DetailOf<Name> };
}[ContractName];

export type ValidatedEvent = ValidatedDetail & {
  /** EventBridge's id of the delivery envelope. */
  envelopeId: string;
  time: string;
};

const contractNames = new Map<EventContract, ContractName>(
  Object.entries(contracts).map(([name, contract]) => [contract, name as ContractName]),
);

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
): ValidationResult<ValidatedDetail> {
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
  if (!result.success) return result;
  const name = contractNames.get(contract);
  if (!name) throw new Error(`contract ${contract.id} is not in the catalogue`);
  // The schema parsed the detail: its shape is the named contract's (the map pairs them).
  return { success: true, data: { name, contract, detail: result.data } as ValidatedDetail };
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
