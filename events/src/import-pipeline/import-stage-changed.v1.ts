import * as z from 'zod/mini';
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
export const stageData = z.strictObject({
  vesselName: z.optional(singleLine(100)),
  voyageNumber: z.optional(singleLine(40)),
  portOfLoading: z.optional(singleLine(100)),
  portOfDischarge: z.optional(singleLine(100)),
  eta: z.optional(isoDateTime),
  customsStatus: z.optional(customsStatus),
  customsReference: z.optional(singleLine(60)),
  amountDue: z.optional(money),
  dueDate: z.optional(isoDate),
  deliveryDate: z.optional(isoDate),
  deliveryLocation: z.optional(singleLine(200)),
  holdReason: z.optional(singleLine(500)),
  note: z.optional(multiLine(1000)),
});

export const schema = z
  .strictObject({
    schemaVersion: schemaVersion(version),
    eventId,
    vehicleId: entityId,
    customerId: entityId,
    fromStage: z.nullable(importStage).check(z.describe('null when the vehicle enters the pipeline')),
    toStage: importStage,
    stageSequence: z
      .int()
      .check(
        z.nonnegative(),
        z.describe('Increases with every stage change of the vehicle; lets consumers drop stale events'),
      ),
    occurredAt: isoDateTime,
    stageData: z.optional(stageData),
  })
  .check(
    z.refine((detail) => detail.fromStage !== detail.toStage, {
      message: 'toStage must differ from fromStage',
      path: ['toStage'],
    }),
  );

export type Detail = z.infer<typeof schema>;
