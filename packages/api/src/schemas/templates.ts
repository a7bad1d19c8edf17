import { z } from '@hono/zod-openapi';
import { CHANNELS, MESSAGE_CATEGORIES, TEMPLATE_VERSION_STATES, VERSION_ACTIONS } from '@import-comms/core';
import { idSchema, PageQuerySchema } from './common.js';
import { multiLine, singleLine } from './text.js';

export const TemplateSchema = z
  .object({
    templateId: z.string(),
    name: z.string(),
    type: z.enum(CHANNELS),
    category: z.enum(MESSAGE_CATEGORIES),
    triggerEvent: z.string().optional(),
    triggerFilter: z.record(z.string(), z.unknown()).optional(),
    fallback: z.boolean().optional(),
    channelFallback: z.boolean().optional(),
    dueDateOffsetDays: z.number().int().optional(),
    defaultLocale: z.string(),
    subject: z.string().optional(),
    content: z.string(),
    variables: z.array(z.string()),
    latestVersion: z.number().int(),
    activeVersions: z.record(z.string(), z.number().int()),
    isActive: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string(),
  })
  .openapi('Template');

export const TemplateVersionSchema = z
  .object({
    templateId: z.string(),
    version: z.number().int(),
    locale: z.string(),
    subject: z.string().optional(),
    content: z.string(),
    variables: z.array(z.string()),
    state: z.enum(TEMPLATE_VERSION_STATES),
    createdAt: z.string(),
    createdBy: z.string(),
    changeNote: z.string().optional(),
    submittedBy: z.string().optional(),
    submittedAt: z.string().optional(),
    reviewedBy: z.string().optional(),
    reviewedAt: z.string().optional(),
    reviewComment: z.string().optional(),
    comments: z
      .array(z.object({ by: z.string(), at: z.string(), text: z.string() }))
      .optional()
      .openapi({ description: 'Between its author and reviewers, oldest first.' }),
    activatedBy: z.string().optional(),
    activatedAt: z.string().optional(),
    retiredAt: z.string().optional(),
  })
  .openapi('TemplateVersion');

/** A version as the caller sees it: with the review actions they may take on it now. */
export const ReviewableVersionSchema = TemplateVersionSchema.extend({
  allowedActions: z.array(z.enum(VERSION_ACTIONS)).openapi({
    description: 'What the caller may do to this version now (their roles, the four-eyes rule, its state).',
  }),
}).openapi('ReviewableVersion');

export const TemplatePageSchema = z
  .object({ items: z.array(TemplateSchema), cursor: z.string().optional() })
  .openapi('TemplatePage');

const locale = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as en or zh-CN')
  .openapi({ example: 'en' });
const subject = z.string().max(300);
const content = z.string().max(100_000);
const changeNote = z.string().trim().max(500);

export const NewTemplateSchema = z
  .object({
    templateId: z.string().openapi({ example: 'finance-update-email' }),
    name: singleLine(120, { trim: true }),
    type: z.enum(CHANNELS),
    category: z.enum(MESSAGE_CATEGORIES),
    triggerEvent: z
      .string()
      .max(100)
      .optional()
      .openapi({ description: 'Trigger id; none for manual sends.' }),
    triggerFilter: z.record(z.string(), z.unknown()).optional(),
    fallback: z.boolean().optional(),
    channelFallback: z.boolean().optional().openapi({
      description:
        'A message that cannot reach the customer goes out once on the other channel (same trigger).',
    }),
    locale,
    subject: subject.optional(),
    content,
    changeNote: changeNote.optional(),
  })
  .strict()
  .openapi('NewTemplate');

export const TemplateRevisionSchema = z
  .object({ locale, subject: subject.optional(), content, changeNote: changeNote.optional() })
  .strict()
  .openapi('TemplateRevision');

export const DraftPreviewSchema = z
  .object({
    type: z.enum(CHANNELS),
    triggerEvent: z.string().max(100).optional(),
    locale,
    subject: subject.optional(),
    content,
    customerId: z.string().max(64).optional().openapi({ description: 'Render for this customer.' }),
    vehicleId: z.string().max(64).optional(),
  })
  .strict()
  .openapi('DraftPreview');

export const PreviewRecordsSchema = z
  .object({ customerId: z.string().max(64).optional(), vehicleId: z.string().max(64).optional() })
  .strict()
  .refine((value) => value.vehicleId === undefined || value.customerId !== undefined, {
    message: 'vehicleId needs customerId',
    path: ['vehicleId'],
  });

const issue = z.object({
  code: z.string().optional(),
  message: z.string(),
  part: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});

export const PreviewSchema = z
  .union([
    z.object({
      ok: z.literal(true),
      channel: z.literal('Email'),
      email: z.object({ subject: z.string(), html: z.string(), text: z.string() }),
    }),
    z.object({
      ok: z.literal(true),
      channel: z.literal('SMS'),
      sms: z.object({
        text: z.string(),
        encoding: z.enum(['GSM-7', 'UCS-2']),
        segments: z.number().int(),
        charactersLeft: z.number().int(),
        nonGsmCharacters: z.array(z.string()),
        warnings: z.array(z.string()),
      }),
    }),
    z.object({ ok: z.literal(false), issues: z.array(issue) }),
  ])
  .openapi('Preview');

export const ReviewSchema = z
  .object({ comment: z.string().trim().max(1000).optional() })
  .strict()
  .openapi('Review');

export const RejectionSchema = z
  .object({ comment: z.string().trim().min(1).max(1000) })
  .strict()
  .openapi('Rejection');

export const TemplateParamSchema = z.object({ templateId: idSchema('templateId', 'shipping-update-email') });

export const VersionParamSchema = TemplateParamSchema.extend({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .openapi({ param: { name: 'version', in: 'path' }, example: 1 }),
});

export const DiffQuerySchema = z.object({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
});

const lineChange = z.object({ kind: z.enum(['added', 'removed', 'unchanged']), text: z.string() });
export const DiffSchema = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    subject: z.array(lineChange),
    content: z.array(lineChange),
  })
  .openapi('TemplateDiff');

export const TemplateListQuerySchema = PageQuerySchema;

export const TriggerSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    source: z.string().optional(),
    detailType: z.string().optional(),
    hasVehicle: z.boolean(),
    variables: z.array(
      z.object({
        path: z.string(),
        type: z.string(),
        format: z.string().optional(),
        values: z.array(z.string()).optional(),
        description: z.string().optional(),
        optional: z.boolean(),
      }),
    ),
  })
  .openapi('Trigger');

export const ReviewInboxItemSchema = ReviewableVersionSchema.extend({
  templateName: z.string(),
  type: z.enum(CHANNELS),
  activeVersion: z
    .number()
    .int()
    .optional()
    .openapi({ description: 'The version live for this locale now: what the change is made against.' }),
}).openapi('ReviewInboxItem');

export const VersionCommentSchema = z
  .object({ text: multiLine(2_000, { trim: true }).min(1) })
  .strict()
  .openapi('VersionComment');
