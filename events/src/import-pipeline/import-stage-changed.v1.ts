import * as z from 'zod';
import { entityId, eventId, isoDate, isoDateTime, money, schemaVersion } from '../common.js';
import { customsStatus, importStage } from './stages.js';

export const source = 'import.pipeline';
export const detailType = 'Import Stage Changed';
export const version = 1;
export const description =
  'A vehicle moved from one stage of the import process to another. Drives most customer updates.';

/** Facts that belong to some stages only; each is optional and typed so templates can rely on its shape. */
export const stageData = z
  .object({
    vesselName: z.string().min(1).max(100).optional(),
    voyageNumber: z.string().min(1).max(40).optional(),
    portOfLoading: z.string().min(1).max(100).optional(),
    portOfDischarge: z.string().min(1).max(100).optional(),
    eta: isoDateTime.optional(),
    customsStatus: customsStatus.optional(),
    customsReference: z.string().min(1).max(60).optional(),
    amountDue: money.optional(),
    dueDate: isoDate.optional(),
    deliveryDate: isoDate.optional(),
    deliveryLocation: z.string().min(1).max(200).optional(),
    holdReason: z.string().min(1).max(500).optional(),
    note: z.string().min(1).max(1000).optional(),
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
