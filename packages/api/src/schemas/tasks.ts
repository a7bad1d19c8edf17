import { z } from '@hono/zod-openapi';
import { TASK_STATUSES } from '@import-comms/core';
import { idSchema, isoDateTime, PageQuerySchema } from './common.js';
import { multiLine, singleLine } from './text.js';

/** A rep's id as the sign-in gives it (the token's `username`). */
export const assigneeSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._@+-]*$/, 'a user name: letters, digits, dots, dashes, @, + or _')
  .openapi({ example: 'ava' });

const TaskEventSchema = z.object({
  action: z.enum(['created', 'completed', 'snoozed', 'reassigned', 'reopened']),
  at: z.string(),
  by: z.string(),
  detail: z.string().optional(),
});

export const TaskSchema = z
  .object({
    taskId: z.string(),
    title: z.string(),
    note: z.string().optional(),
    customerId: z.string(),
    vehicleId: z.string().optional(),
    customerName: z.string().optional(),
    vehicleLabel: z.string().optional(),
    assignee: z.string(),
    dueAt: z.string(),
    status: z.enum(TASK_STATUSES),
    source: z
      .union([
        z.object({ kind: z.literal('communication'), communicationId: z.string() }),
        z.object({ kind: z.literal('silence'), stage: z.string(), stageSequence: z.number() }),
      ])
      .optional()
      .openapi({
        description: 'What it follows up: a logged call or a message, or a silence the watch noticed.',
      }),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    completedAt: z.string().optional(),
    completedBy: z.string().optional(),
    history: z.array(TaskEventSchema).openapi({ description: 'Every change, with who made it.' }),
    version: z.number().int(),
  })
  .openapi('Task');

export const TaskPageSchema = z
  .object({ items: z.array(TaskSchema), cursor: z.string().optional() })
  .openapi('TaskPage');

/** The follow-up a call or a message opens: when, whose, and what to do. */
export const followUpShape = {
  dueAt: isoDateTime.openapi({ description: 'When it is due.', example: '2026-12-03T09:00:00+11:00' }),
  assignee: assigneeSchema.optional().openapi({ description: 'Whose list; by default whoever creates it.' }),
  note: multiLine(2_000, { trim: true }).optional(),
};

export const NewTaskSchema = z
  .object({
    customerId: z.string().min(1).max(64),
    vehicleId: z.string().min(1).max(64).optional(),
    communicationId: z.string().min(1).max(64).optional().openapi({ description: 'What it follows up.' }),
    title: singleLine(200, { trim: true }).min(1),
    ...followUpShape,
  })
  .strict()
  .openapi('NewTask');

export const TaskListQuerySchema = PageQuerySchema.extend({
  assignee: assigneeSchema.optional().openapi({ description: 'Whose list; by default the caller’s.' }),
  status: z.enum(TASK_STATUSES).default('Open'),
  customerId: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ description: 'Every task about this customer.' }),
  vehicleId: z.string().min(1).max(64).optional().openapi({ description: 'Every task about this vehicle.' }),
});

export const TaskIdParamSchema = z.object({ id: idSchema('id', 'a1b2c3') });

export const SnoozeSchema = z
  .object({ until: isoDateTime.openapi({ description: 'Due then instead.' }) })
  .strict()
  .openapi('Snooze');

export const ReassignSchema = z.object({ assignee: assigneeSchema }).strict().openapi('Reassign');
