import * as z from 'zod';
import {
  entityId,
  eventId,
  isoDate,
  isoDateTime,
  money,
  multiLine,
  schemaVersion,
  singleLine,
} from '../common.js';
import { customsStatus, importStage } from './stages.js';

export const source = 'import.pipeline';
export const detailType = 'Import Stage Changed';
export const version = 1;
export const description =
  'A vehicle moved from one stage of the import process to another. Drives most customer updates.';

/** Facts that belong to some stages only; each is optional and typed so templates can rely on its shape. */
export const stageData = z
  .object({
    vesselName: singleLine(100).optional(),
    voyageNumber: singleLine(40).optional(),
    portOfLoading: singleLine(100).optional(),
    portOfDischarge: singleLine(100).optional(),
    eta: isoDateTime.optional(),
    customsStatus: customsStatus.optional(),
    customsReference: singleLine(60).optional(),
    amountDue: money.optional(),
    dueDate: isoDate.optional(),
    deliveryDate: isoDate.optional(),
    deliveryLocation: singleLine(200).optional(),
    holdReason: singleLine(500).optional(),
    note: multiLine(1000).optional(),
  })
  .strict();

export const schema = z
  .object({
    schemaVersion: schemaVersion(version),
    eventId,
    vehicleId: entityId,
    customerId: entityId,
    fromStage: importStage.nullable().describe('null when the vehicle enters the pipeline'),
    toStage: importStage,
    stageSequence: z
      .number()
      .int()
      .nonnegative()
      .describe('Increases with every stage change of the vehicle; lets consumers drop stale events'),
    occurredAt: isoDateTime,
    stageData: stageData.optional(),
  })
  .strict()
  .refine((detail) => detail.fromStage !== detail.toStage, {
    message: 'toStage must differ from fromStage',
    path: ['toStage'],
  });

export type Detail = z.infer<typeof schema>;
