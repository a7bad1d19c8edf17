import {
  CALL_OUTCOMES,
  CHANNELS,
  COMMUNICATION_STATUSES,
  COMMUNICATION_TYPES,
  MEETING_OUTCOMES,
  MESSAGE_CATEGORIES,
  SCHEDULE_REASONS,
} from '@import-comms/core';
import { described, idSchema, isoDate, isoDateTime, PageQuerySchema } from './common.js';
import { followUpShape } from './tasks.js';
import { multiLine, singleLine } from './text.js';
import * as z from './zod.js';

const customerId = z.string().check(z.minLength(1), z.maxLength(64), z.meta({ example: 'CU-2001' }));
const vehicleId = z.string().check(z.minLength(1), z.maxLength(64), z.meta({ example: 'VH-1001' }));

export const StatusEntrySchema = z.object({
  status: z.enum(COMMUNICATION_STATUSES),
  at: z.string(),
  reason: z.optional(z.string()),
  by: z.optional(z.string()).check(described('The rep who made this change; absent for the system.')),
});

const summaryShape = {
  communicationId: z.string(),
  customerId: z.string(),
  vehicleId: z.optional(z.string()),
  customerName: z
    .optional(z.string())
    .check(described("The customer's name when it was written (absent on older items).")),
  vehicleLabel: z
    .optional(z.string())
    .check(described('The vehicle as reps name it ("2021 Toyota Land Cruiser 70") when it was written.')),
  type: z.enum(COMMUNICATION_TYPES),
  direction: z.enum(['outbound', 'inbound']),
  category: z.optional(z.enum(MESSAGE_CATEGORIES)),
  address: z.optional(z.string()),
  subject: z.optional(z.string()),
  templateId: z.optional(z.string()),
  templateVersion: z.optional(z.number().check(z.int())),
  trigger: z.optional(
    z.object({ eventId: z.string(), source: z.string(), detailType: z.string(), triggerId: z.string() }),
  ),
  resentFrom: z.optional(z.string()).check(described('The message this one sends again.')),
  resentAs: z.optional(z.array(z.string())).check(described('The messages that sent this one again.')),
  repliesTo: z.optional(z.string()).check(described('The message this one answers.')),
  threadId: z.optional(z.string()).check(described('The first message of the conversation it belongs to.')),
  inbound: z
    .optional(z.object({ inboundId: z.string(), from: z.string(), attachments: z.number().check(z.int()) }))
    .check(described('A message the customer sent: its full text and files are in the Inbox.')),
  status: z.enum(COMMUNICATION_STATUSES),
  statusReason: z.optional(z.string()),
  statusHistory: z.array(StatusEntrySchema).check(described('Every status with when and why.')),
  providerMessageId: z.optional(z.string()),
  scheduledFor: z.optional(z.string()).check(described('When a Scheduled message goes out.')),
  scheduledReason: z
    .optional(z.enum(SCHEDULE_REASONS))
    .check(
      described(
        "Why it waits: the customer's quiet hours, a payment reminder's time before the due date, or a rep's choice.",
      ),
    ),
  interaction: z.optional(
    z.object({
      durationMinutes: z.optional(z.number()),
      outcome: z.optional(z.string()),
      participants: z.optional(z.array(z.string())),
      followUpDate: z.optional(z.string()),
    }),
  ),
  sms: z.optional(z.object({ encoding: z.enum(['GSM-7', 'UCS-2']), segments: z.number().check(z.int()) })),
  priceUsd: z.optional(z.number()),
  sentAt: z.optional(z.string()),
  deliveredAt: z.optional(z.string()),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
};

export const CommunicationSummarySchema = z
  .object({ ...summaryShape, preview: z.string().check(described('Start of the plain text.')) })
  .register(z.globalRegistry, { id: 'CommunicationSummary' });

export const CommunicationSchema = z
  .object({
    ...summaryShape,
    content: z.string().check(described('Plain text: SMS body, email text part, or call notes.')),
    contentHtml: z.optional(z.string()),
  })
  .register(z.globalRegistry, { id: 'Communication' });

export const CommunicationPageSchema = z
  .object({ items: z.array(CommunicationSummarySchema), cursor: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'CommunicationPage' });

const dateBound = z
  .union([isoDateTime, isoDate])
  .check(z.meta({ description: 'ISO 8601 date or date-time', example: '2026-11-01' }));

/** Filters of the log; dates as days are whole days (from: start, to: end) in UTC. */
export const CommunicationFiltersSchema = z.extend(PageQuerySchema, {
  customerId: z.optional(customerId),
  vehicleId: z.optional(vehicleId),
  type: z.optional(z.enum(COMMUNICATION_TYPES)),
  status: z.optional(z.enum(COMMUNICATION_STATUSES)),
  templateId: z.optional(z.string().check(z.maxLength(64))),
  createdBy: z.optional(z.string().check(z.maxLength(128))),
  from: z.optional(dateBound),
  to: z.optional(dateBound),
  q: z.optional(
    z.string().check(z.trim(), z.minLength(2), z.maxLength(100), described('Text in subject or content.')),
  ),
});

export const CommunicationIdParamSchema = z.object({
  id: idSchema('3f2b9c0d8e7a4b1c9d0e1f2a3b4c5d6e'),
});

const optionalVehicle = { vehicleId: z.optional(vehicleId) };

const interactionShape = {
  customerId,
  ...optionalVehicle,
  subject: z.optional(singleLine(200, { trim: true })),
  notes: multiLine(20_000, { trim: true }).check(described('What was said or agreed.')),
  occurredAt: z.optional(isoDateTime).check(described('When it happened, if not now (not in the future).')),
  followUp: z
    .optional(z.strictObject({ ...followUpShape, title: z.optional(singleLine(200, { trim: true })) }))
    .check(described('Opens a follow-up task (by default on the caller’s list) linked to what is logged.')),
};

const meetingParts = {
  direction: z.enum(['outbound', 'inbound']),
  durationMinutes: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(1440))),
  participants: z.optional(z.array(singleLine(120, { trim: true })).check(z.maxLength(20))),
  followUpDate: z
    .optional(isoDate)
    .check(z.meta({ deprecated: true, description: 'Use followUp: it opens a task.' })),
};

export const LogInteractionSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('Call'),
      outcome: z.optional(z.enum(CALL_OUTCOMES)),
      ...meetingParts,
      ...interactionShape,
    }),
    z.strictObject({
      type: z.literal('Meeting'),
      outcome: z.optional(z.enum(MEETING_OUTCOMES)),
      ...meetingParts,
      ...interactionShape,
    }),
    z.strictObject({
      type: z.enum(['Email', 'SMS']),
      direction: z.literal('inbound').check(described('Outbound messages are sent, not logged.')),
      from: z
        .optional(singleLine(254, { trim: true, minLength: 3 }))
        .check(described('Address it came from.')),
      ...interactionShape,
    }),
  ])
  .register(z.globalRegistry, { id: 'LogInteraction' });

const sendShape = {
  customerId,
  ...optionalVehicle,
  templateId: z
    .optional(z.string().check(z.minLength(1), z.maxLength(64)))
    .check(described('Send the active version.')),
  variables: z
    .optional(z.record(z.string(), z.unknown()))
    .check(described('Values for `event.*` in the template (e.g. amount, dueDate).')),
  category: z.optional(z.enum(MESSAGE_CATEGORIES)).check(described('Free-form only; default transactional.')),
};

export const SendEmailSchema = z
  .strictObject({
    ...sendShape,
    subject: z.optional(singleLine(200, { trim: true })),
    content: z.optional(multiLine(50_000, { trim: true })).check(described('Free-form plain text.')),
  })
  .check(z.superRefine(requireTemplateOrContent(['subject', 'content'])))
  .register(z.globalRegistry, { id: 'SendEmail' });

export const SendSmsSchema = z
  .strictObject({ ...sendShape, content: z.optional(multiLine(1600, { trim: true })) })
  .check(z.superRefine(requireTemplateOrContent(['content'])))
  .register(z.globalRegistry, { id: 'SendSms' });

function requireTemplateOrContent(fields: readonly string[]) {
  return (value: Record<string, unknown>, context: z.core.$RefinementCtx) => {
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
    scheduledFor: z.optional(z.string()).check(described('Held back until then (quiet hours).')),
  })
  .register(z.globalRegistry, { id: 'SendAccepted' });

export const IdempotencyHeaderSchema = z.object({
  'idempotency-key': z
    .optional(z.string().check(z.minLength(8), z.maxLength(128)))
    .check(described('Retrying with the same key returns the first result instead of sending again.')),
});

export const RescheduleSchema = z
  .strictObject({
    scheduledFor: isoDateTime.check(
      z.meta({
        description: 'When it should go out instead (ISO 8601 with a zone).',
        example: '2026-12-03T08:00:00+09:00',
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'Reschedule' });

export const ResendSchema = z
  .strictObject({
    channel: z
      .optional(z.enum(CHANNELS))
      .check(
        described('Send it on this channel instead; by default, on its own (after the address was fixed).'),
      ),
  })
  .register(z.globalRegistry, { id: 'Resend' });
