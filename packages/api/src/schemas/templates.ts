import { CHANNELS, MESSAGE_CATEGORIES, TEMPLATE_VERSION_STATES, VERSION_ACTIONS } from '@import-comms/core';
import { described, idSchema, PageQuerySchema } from './common.js';
import { multiLine, singleLine } from './text.js';
import * as z from './zod.js';

const integer = () => z.number().check(z.int());

export const TemplateSchema = z
  .object({
    templateId: z.string(),
    name: z.string(),
    type: z.enum(CHANNELS),
    category: z.enum(MESSAGE_CATEGORIES),
    triggerEvent: z.optional(z.string()),
    triggerFilter: z.optional(z.record(z.string(), z.unknown())),
    fallback: z.optional(z.boolean()),
    channelFallback: z.optional(z.boolean()),
    dueDateOffsetDays: z.optional(integer()),
    defaultLocale: z.string(),
    subject: z.optional(z.string()),
    content: z.string(),
    variables: z.array(z.string()),
    latestVersion: integer(),
    activeVersions: z.record(z.string(), integer()),
    isActive: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    createdBy: z.string(),
  })
  .register(z.globalRegistry, { id: 'Template' });

const templateVersionShape = {
  templateId: z.string(),
  version: integer(),
  locale: z.string(),
  subject: z.optional(z.string()),
  content: z.string(),
  variables: z.array(z.string()),
  state: z.enum(TEMPLATE_VERSION_STATES),
  createdAt: z.string(),
  createdBy: z.string(),
  changeNote: z.optional(z.string()),
  submittedBy: z.optional(z.string()),
  submittedAt: z.optional(z.string()),
  reviewedBy: z.optional(z.string()),
  reviewedAt: z.optional(z.string()),
  reviewComment: z.optional(z.string()),
  comments: z
    .optional(z.array(z.object({ by: z.string(), at: z.string(), text: z.string() })))
    .check(described('Between its author and reviewers, oldest first.')),
  activatedBy: z.optional(z.string()),
  activatedAt: z.optional(z.string()),
  retiredAt: z.optional(z.string()),
};

export const TemplateVersionSchema = z
  .object(templateVersionShape)
  .register(z.globalRegistry, { id: 'TemplateVersion' });

const reviewableShape = {
  ...templateVersionShape,
  allowedActions: z
    .array(z.enum(VERSION_ACTIONS))
    .check(
      described('What the caller may do to this version now (their roles, the four-eyes rule, its state).'),
    ),
};

/** A version as the caller sees it: with the review actions they may take on it now. */
export const ReviewableVersionSchema = z
  .object(reviewableShape)
  .register(z.globalRegistry, { id: 'ReviewableVersion' });

export const TemplatePageSchema = z
  .object({ items: z.array(TemplateSchema), cursor: z.optional(z.string()) })
  .register(z.globalRegistry, { id: 'TemplatePage' });

const locale = z
  .string()
  .check(
    z.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as en or zh-CN'),
    z.meta({ example: 'en' }),
  );
const subject = z.string().check(z.maxLength(300));
const content = z.string().check(z.maxLength(100_000));
const changeNote = z.string().check(z.trim(), z.maxLength(500));

export const NewTemplateSchema = z
  .strictObject({
    templateId: z.string().check(z.meta({ example: 'finance-update-email' })),
    name: singleLine(120, { trim: true }),
    type: z.enum(CHANNELS),
    category: z.enum(MESSAGE_CATEGORIES),
    triggerEvent: z
      .optional(z.string().check(z.maxLength(100)))
      .check(described('Trigger id; none for manual sends.')),
    triggerFilter: z.optional(z.record(z.string(), z.unknown())),
    fallback: z.optional(z.boolean()),
    channelFallback: z
      .optional(z.boolean())
      .check(
        described(
          'A message that cannot reach the customer goes out once on the other channel (same trigger).',
        ),
      ),
    locale,
    subject: z.optional(subject),
    content,
    changeNote: z.optional(changeNote),
  })
  .register(z.globalRegistry, { id: 'NewTemplate' });

export const TemplateRevisionSchema = z
  .strictObject({ locale, subject: z.optional(subject), content, changeNote: z.optional(changeNote) })
  .register(z.globalRegistry, { id: 'TemplateRevision' });

export const DraftPreviewSchema = z
  .strictObject({
    type: z.enum(CHANNELS),
    triggerEvent: z.optional(z.string().check(z.maxLength(100))),
    locale,
    subject: z.optional(subject),
    content,
    customerId: z.optional(z.string().check(z.maxLength(64))).check(described('Render for this customer.')),
    vehicleId: z.optional(z.string().check(z.maxLength(64))),
  })
  .register(z.globalRegistry, { id: 'DraftPreview' });

export const PreviewRecordsSchema = z
  .strictObject({
    customerId: z.optional(z.string().check(z.maxLength(64))),
    vehicleId: z.optional(z.string().check(z.maxLength(64))),
  })
  .check(
    z.refine((value) => value.vehicleId === undefined || value.customerId !== undefined, {
      message: 'vehicleId needs customerId',
      path: ['vehicleId'],
    }),
  );

const issue = z.object({
  code: z.optional(z.string()),
  message: z.string(),
  part: z.optional(z.string()),
  line: z.optional(integer()),
  column: z.optional(integer()),
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
        segments: integer(),
        charactersLeft: integer(),
        nonGsmCharacters: z.array(z.string()),
        warnings: z.array(z.string()),
      }),
    }),
    z.object({ ok: z.literal(false), issues: z.array(issue) }),
  ])
  .register(z.globalRegistry, { id: 'Preview' });

export const ReviewSchema = z
  .strictObject({ comment: z.optional(z.string().check(z.trim(), z.maxLength(1000))) })
  .register(z.globalRegistry, { id: 'Review' });

export const RejectionSchema = z
  .strictObject({ comment: z.string().check(z.trim(), z.minLength(1), z.maxLength(1000)) })
  .register(z.globalRegistry, { id: 'Rejection' });

export const TemplateParamSchema = z.object({ templateId: idSchema('shipping-update-email') });

export const VersionParamSchema = z.extend(TemplateParamSchema, {
  version: z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1_000_000), z.meta({ example: 1 })),
});

export const DiffQuerySchema = z.object({
  from: z.coerce.number().check(z.int(), z.minimum(1)),
  to: z.coerce.number().check(z.int(), z.minimum(1)),
});

const lineChange = z.object({ kind: z.enum(['added', 'removed', 'unchanged']), text: z.string() });
export const DiffSchema = z
  .object({
    from: integer(),
    to: integer(),
    subject: z.array(lineChange),
    content: z.array(lineChange),
  })
  .register(z.globalRegistry, { id: 'TemplateDiff' });

export const TemplateListQuerySchema = PageQuerySchema;

export const TriggerSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    source: z.optional(z.string()),
    detailType: z.optional(z.string()),
    hasVehicle: z.boolean(),
    variables: z.array(
      z.object({
        path: z.string(),
        type: z.string(),
        format: z.optional(z.string()),
        values: z.optional(z.array(z.string())),
        description: z.optional(z.string()),
        optional: z.boolean(),
      }),
    ),
  })
  .register(z.globalRegistry, { id: 'Trigger' });

export const ReviewInboxItemSchema = z
  .object({
    ...reviewableShape,
    templateName: z.string(),
    type: z.enum(CHANNELS),
    activeVersion: z
      .optional(integer())
      .check(described('The version live for this locale now: what the change is made against.')),
  })
  .register(z.globalRegistry, { id: 'ReviewInboxItem' });

export const VersionCommentSchema = z
  .strictObject({ text: multiLine(2_000, { trim: true }) })
  .register(z.globalRegistry, { id: 'VersionComment' });
