import { INBOX_STATES } from '@import-comms/core';
import { described, idSchema, PageQuerySchema } from './common.js';
import { assigneeSchema } from './tasks.js';
import { multiLine, singleLine } from './text.js';
import * as z from './zod.js';

const KINDS = ['reply', 'auto-reply', 'bounce', 'opt-out', 'opt-in', 'help'] as const;

export const InboundIdParamSchema = z.object({ id: idSchema('3f0c9a1e2b4d4c6e8a0b1c2d3e4f5a6b') });
export const AttachmentParamSchema = z.extend(InboundIdParamSchema, { attachmentId: idSchema('1') });

export const InboxEntrySchema = z
  .object({
    inboundId: z.string(),
    channel: z.enum(['Email', 'SMS']),
    kind: z.enum(KINDS).check(described('A reply in the customer’s words, or an SMS keyword acted on.')),
    receivedAt: z.string(),
    from: z.string(),
    fromName: z.optional(z.string()),
    subject: z.optional(z.string()),
    preview: z.string().check(described('What the customer wrote this time (quotes and signature cut).')),
    customerId: z.optional(z.string()).check(described('Absent while the message is unmatched.')),
    customerName: z.optional(z.string()),
    vehicleId: z.optional(z.string()),
    communicationId: z.optional(z.string()),
    assignee: z.optional(z.string()).check(described('Absent: the team’s.')),
    state: z.enum(INBOX_STATES),
    version: z.number().check(z.int()),
    history: z.array(
      z.object({ action: z.string(), by: z.string(), at: z.string(), to: z.optional(z.string()) }),
    ),
  })
  .register(z.globalRegistry, { id: 'InboxEntry' });

export const InboxQuerySchema = z.extend(PageQuerySchema, {
  view: z
    ._default(z.enum(['mine', 'team', 'unmatched']), 'mine')
    .check(described('The caller’s, the team’s (no one assigned), or messages with no customer yet.')),
});

export const InboxPageSchema = z
  .object({
    items: z.array(InboxEntrySchema),
    cursor: z.optional(z.string()),
    counts: z
      .object({
        mine: z.number().check(z.int()),
        team: z.number().check(z.int()),
        unmatched: z.number().check(z.int()),
      })
      .check(described('Unread messages in the caller’s list, the team’s and Unmatched (each up to 99).')),
  })
  .register(z.globalRegistry, { id: 'InboxPage' });

const AttachmentSchema = z.object({
  attachmentId: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().check(z.int()),
  stored: z.boolean(),
  refused: z.optional(z.string()).check(described('Why the file was not kept.')),
});

export const InboundMessageSchema = z
  .object({
    entry: z.optional(InboxEntrySchema).check(described('Absent for automatic answers and bounces.')),
    message: z.object({
      inboundId: z.string(),
      channel: z.enum(['Email', 'SMS']),
      kind: z.enum(KINDS),
      receivedAt: z.string(),
      from: z.string(),
      fromName: z.optional(z.string()),
      to: z.string(),
      subject: z.optional(z.string()),
      text: z.string().check(described('The whole text, quotes included.')),
      reply: z.string(),
      html: z
        .optional(z.string())
        .check(described('Sanitised (no scripts, styles, forms or remote images); show it sandboxed.')),
      attachments: z.array(AttachmentSchema),
      malformed: z.optional(z.string()),
      hasRaw: z.boolean(),
      repliesTo: z.optional(z.string()),
      threadId: z.optional(z.string()),
      matchedBy: z.optional(z.string()),
    }),
  })
  .register(z.globalRegistry, { id: 'InboundMessage' });

export const InboxAssignSchema = z.strictObject({
  assignee: z.nullable(assigneeSchema).check(described('null: back to the team.')),
});

export const InboxMatchSchema = z.strictObject({
  customerId: idSchema('CU-2001'),
  vehicleId: z.optional(idSchema('VH-1001')),
});

export const InboxReplySchema = z.strictObject({
  subject: z.optional(singleLine(200)).check(described('Email only; by default "Re: " and theirs.')),
  content: multiLine(10_000).check(z.refine((text) => text.trim().length > 0, 'write the reply')),
});
