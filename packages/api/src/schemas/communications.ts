import { z } from '@hono/zod-openapi';
import {
  CALL_OUTCOMES,
  CHANNELS,
  COMMUNICATION_STATUSES,
  COMMUNICATION_TYPES,
  MEETING_OUTCOMES,
  MESSAGE_CATEGORIES,
  SCHEDULE_REASONS,
} from '@import-comms/core';
import { idSchema, isoDate, isoDateTime, PageQuerySchema } from './common.js';
import { followUpShape } from './tasks.js';
import { multiLine, singleLine } from './text.js';

const customerId = z.string().min(1).max(64).openapi({ example: 'CU-2001' });
const vehicleId = z.string().min(1).max(64).openapi({ example: 'VH-1001' });

export const StatusEntrySchema = z.object({
  status: z.enum(COMMUNICATION_STATUSES),
  at: z.string(),
  reason: z.string().optional(),
  by: z.string().optional().openapi({ description: 'The rep who made this change; absent for the system.' }),
});

const summaryShape = {
  communicationId: z.string(),
  customerId: z.string(),
  vehicleId: z.string().optional(),
  customerName: z
    .string()
    .optional()
    .openapi({ description: "The customer's name when it was written (absent on older items)." }),
  vehicleLabel: z.string().optional().openapi({
    description: 'The vehicle as reps name it ("2021 Toyota Land Cruiser 70") when it was written.',
  }),
  type: z.enum(COMMUNICATION_TYPES),
  direction: z.enum(['outbound', 'inbound']),
  category: z.enum(MESSAGE_CATEGORIES).optional(),
  address: z.string().optional(),
  subject: z.string().optional(),
  templateId: z.string().optional(),
  templateVersion: z.number().int().optional(),
  trigger: z
    .object({ eventId: z.string(), source: z.string(), detailType: z.string(), triggerId: z.string() })
    .optional(),
  resentFrom: z.string().optional().openapi({ description: 'The message this one sends again.' }),
  resentAs: z.array(z.string()).optional().openapi({ description: 'The messages that sent this one again.' }),
  repliesTo: z.string().optional().openapi({ description: 'The message this one answers.' }),
  threadId: z
    .string()
    .optional()
    .openapi({ description: 'The first message of the conversation it belongs to.' }),
  inbound: z
    .object({ inboundId: z.string(), from: z.string(), attachments: z.number().int() })
    .optional()
    .openapi({ description: 'A message the customer sent: its full text and files are in the Inbox.' }),
  status: z.enum(COMMUNICATION_STATUSES),
  statusReason: z.string().optional(),
  statusHistory: z.array(StatusEntrySchema).openapi({ description: 'Every status with when and why.' }),
  providerMessageId: z.string().optional(),
  scheduledFor: z.string().optional().openapi({ description: 'When a Scheduled message goes out.' }),
  scheduledReason: z.enum(SCHEDULE_REASONS).optional().openapi({
    description:
      "Why it waits: the customer's quiet hours, a payment reminder's time before the due date, or a rep's choice.",
  }),
  interaction: z
    .object({
      durationMinutes: z.number().optional(),
      outcome: z.string().optional(),
      participants: z.array(z.string()).optional(),
      followUpDate: z.string().optional(),
    })
    .optional(),
  sms: z.object({ encoding: z.enum(['GSM-7', 'UCS-2']), segments: z.number().int() }).optional(),
  priceUsd: z.number().optional(),
  sentAt: z.string().optional(),
  deliveredAt: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
};

export const CommunicationSummarySchema = z
  .object({ ...summaryShape, preview: z.string().openapi({ description: 'Start of the plain text.' }) })
  .openapi('CommunicationSummary');

export const CommunicationSchema = z
  .object({
    ...summaryShape,
    content: z.string().openapi({ description: 'Plain text: SMS body, email text part, or call notes.' }),
    contentHtml: z.string().optional(),
  })
  .openapi('Communication');

export const CommunicationPageSchema = z
  .object({ items: z.array(CommunicationSummarySchema), cursor: z.string().optional() })
  .openapi('CommunicationPage');

const dateBound = z
  .union([isoDateTime, isoDate])
  .openapi({ description: 'ISO 8601 date or date-time', example: '2026-11-01' });

/** Filters of the log; dates as days are whole days (from: start, to: end) in UTC. */
export const CommunicationFiltersSchema = PageQuerySchema.extend({
  customerId: customerId.optional(),
  vehicleId: vehicleId.optional(),
  type: z.enum(COMMUNICATION_TYPES).optional(),
  status: z.enum(COMMUNICATION_STATUSES).optional(),
  templateId: z.string().max(64).optional(),
  createdBy: z.string().max(128).optional(),
  from: dateBound.optional(),
  to: dateBound.optional(),
  q: z.string().trim().min(2).max(100).optional().openapi({ description: 'Text in subject or content.' }),
});

export const CommunicationIdParamSchema = z.object({
  id: idSchema('id', '3f2b9c0d8e7a4b1c9d0e1f2a3b4c5d6e'),
});

const optionalVehicle = { vehicleId: vehicleId.optional() };

const interactionShape = {
  customerId,
  ...optionalVehicle,
  subject: singleLine(200, { trim: true }).optional(),
  notes: multiLine(20_000, { trim: true }).openapi({ description: 'What was said or agreed.' }),
  occurredAt: isoDateTime
    .optional()
    .openapi({ description: 'When it happened, if not now (not in the future).' }),
  followUp: z
    .object({ ...followUpShape, title: singleLine(200, { trim: true }).min(1).optional() })
    .strict()
    .optional()
    .openapi({
      description: 'Opens a follow-up task (by default on the caller’s list) linked to what is logged.',
    }),
};

const meetingParts = {
  direction: z.enum(['outbound', 'inbound']),
  durationMinutes: z.number().int().min(0).max(1440).optional(),
  participants: z
    .array(singleLine(120, { trim: true }))
    .max(20)
    .optional(),
  followUpDate: isoDate
    .optional()
    .openapi({ deprecated: true, description: 'Use followUp: it opens a task.' }),
};

export const LogInteractionSchema = z
  .discriminatedUnion('type', [
    z
      .object({
        type: z.literal('Call'),
        outcome: z.enum(CALL_OUTCOMES).optional(),
        ...meetingParts,
        ...interactionShape,
      })
      .strict(),
    z
      .object({
        type: z.literal('Meeting'),
        outcome: z.enum(MEETING_OUTCOMES).optional(),
        ...meetingParts,
        ...interactionShape,
      })
      .strict(),
    z
      .object({
        type: z.enum(['Email', 'SMS']),
        direction: z.literal('inbound').openapi({ description: 'Outbound messages are sent, not logged.' }),
        from: singleLine(254, { trim: true })
          .min(3)
          .optional()
          .openapi({ description: 'Address it came from.' }),
        ...interactionShape,
      })
      .strict(),
  ])
  .openapi('LogInteraction');

const sendShape = {
  customerId,
  ...optionalVehicle,
  templateId: z.string().min(1).max(64).optional().openapi({ description: 'Send the active version.' }),
  variables: z
    .record(z.string(), z.unknown())
    .optional()
    .openapi({ description: 'Values for `event.*` in the template (e.g. amount, dueDate).' }),
  category: z
    .enum(MESSAGE_CATEGORIES)
    .optional()
    .openapi({ description: 'Free-form only; default transactional.' }),
};

export const SendEmailSchema = z
  .object({
    ...sendShape,
    subject: singleLine(200, { trim: true }).optional(),
    content: multiLine(50_000, { trim: true }).optional().openapi({ description: 'Free-form plain text.' }),
  })
  .strict()
  .superRefine(requireTemplateOrContent(['subject', 'content']))
  .openapi('SendEmail');

export const SendSmsSchema = z
  .object({ ...sendShape, content: multiLine(1600, { trim: true }).optional() })
  .strict()
  .superRefine(requireTemplateOrContent(['content']))
  .openapi('SendSms');

function requireTemplateOrContent(fields: readonly string[]) {
  return (value: Record<string, unknown>, context: z.RefinementCtx) => {
    if (value.templateId !== undefined) {
      for (const field of [...fields, 'category']) {
        if (value[field] !== undefined)
          context.addIssue({ code: 'custom', path: [field], message: `not allowed with templateId` });
      }
      return;
    }
    if (value.variables !== undefined)
      context.addIssue({ code: 'custom', path: ['variables'], message: 'only with templateId' });
    for (const field of fields) {
      if (value[field] === undefined)
        context.addIssue({ code: 'custom', path: [field], message: 'required without templateId' });
    }
  };
}

export const SendAcceptedSchema = z
  .object({
    communicationId: z.string(),
    status: z.enum(COMMUNICATION_STATUSES),
    channel: z.enum(CHANNELS),
    scheduledFor: z.string().optional().openapi({ description: 'Held back until then (quiet hours).' }),
  })
  .openapi('SendAccepted');

export const IdempotencyHeaderSchema = z.object({
  'idempotency-key': z.string().min(8).max(128).optional().openapi({
    description: 'Retrying with the same key returns the first result instead of sending again.',
  }),
});

export const RescheduleSchema = z
  .object({
    scheduledFor: isoDateTime.openapi({
      description: 'When it should go out instead (ISO 8601 with a zone).',
      example: '2026-12-03T08:00:00+09:00',
    }),
  })
  .strict()
  .openapi('Reschedule');

export const ResendSchema = z
  .object({
    channel: z.enum(CHANNELS).optional().openapi({
      description: 'Send it on this channel instead; by default, on its own (after the address was fixed).',
    }),
  })
  .strict()
  .openapi('Resend');
