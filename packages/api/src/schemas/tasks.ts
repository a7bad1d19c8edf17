import { TASK_STATUSES } from '@import-comms/core';
import { described, idSchema, isoDateTime, PageQuerySchema } from './common.js';
import { multiLine, singleLine } from './text.js';
import * as z from './zod.js';

const boundedId = () => z.string().check(z.minLength(1), z.maxLength(64));

/** A rep's id as the sign-in gives it (the token's `username`). */
export const assigneeSchema = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(128),
    z.regex(/^[A-Za-z0-9][A-Za-z0-9._@+-]*$/, 'a user name: letters, digits, dots, dashes, @, + or _'),
    z.meta({ example: 'ava' }),
  );

const TaskEventSchema = z.object({
  action: z.enum(['created', 'completed', 'snoozed', 'reassigned', 'reopened']),
  at: z.string(),
  by: z.string(),
  detail: z.optional(z.string()),
});

export const TaskSchema = z
  .object({
    taskId: z.string(),
    title: z.string(),
    note: z.optional(z.string()),
    customerId: z.string(),
    vehicleId: z.optional(z.string()),
    customerName: z.optional(z.string()),
    vehicleLabel: z.optional(z.string()),
    assignee: z.string(),
    dueAt: z.string(),
    status: z.enum(TASK_STATUSES),
    source: z
      .optional(
        z.union([
          z.object({ kind: z.literal('communication'), communicationId: z.string() }),
          z.object({ kind: z.literal('silence'), stage: z.string(), stageSequence: z.number() }),
        ]),
      )
      .check(described('What it follows up: a logged call or a message, or a silence the watch noticed.')),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    completedAt: z.optional(z.string()),
    completedBy: z.optional(z.string()),
    history: z.array(TaskEventSchema).check(described('Every change, with who made it.')),
    version: z.number().check(z.int()),
  })
  .register(z.globalRegistry, { id: 'Task' });

export const TaskPageSchema = z
  .object({ items: z.array(TaskSchema), cursor: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'TaskPage' });

/** The follow-up a call or a message opens: when, whose, and what to do. */
export const followUpShape = {
  dueAt: isoDateTime.check(z.meta({ description: 'When it is due.', example: '2026-12-03T09:00:00+11:00' })),
  assignee: z.optional(assigneeSchema).check(described('Whose list; by default whoever creates it.')),
  note: z.optional(multiLine(2_000, { trim: true })),
};

export const NewTaskSchema = z
  .strictObject({
    customerId: boundedId(),
    vehicleId: z.optional(boundedId()),
    communicationId: z.optional(boundedId()).check(described('What it follows up.')),
    title: singleLine(200, { trim: true }),
    ...followUpShape,
  })
  .register(z.globalRegistry, { id: 'NewTask' });

export const TaskListQuerySchema = z.extend(PageQuerySchema, {
  assignee: z.optional(assigneeSchema).check(described('Whose list; by default the caller’s.')),
  status: z._default(z.enum(TASK_STATUSES), 'Open'),
  customerId: z.optional(boundedId()).check(described('Every task about this customer.')),
  vehicleId: z.optional(boundedId()).check(described('Every task about this vehicle.')),
});

export const TaskIdParamSchema = z.object({ id: idSchema('a1b2c3') });

export const SnoozeSchema = z
  .strictObject({ until: isoDateTime.check(described('Due then instead.')) })
  .register(z.globalRegistry, { id: 'Snooze' });

export const ReassignSchema = z
  .strictObject({ assignee: assigneeSchema })
  .register(z.globalRegistry, { id: 'Reassign' });
