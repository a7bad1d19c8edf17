import { z } from '@hono/zod-openapi';
import { INBOX_STATES } from '@import-comms/core';
import { idSchema, PageQuerySchema } from './common.js';
import { assigneeSchema } from './tasks.js';
import { multiLine, singleLine } from './text.js';

const KINDS = ['reply', 'auto-reply', 'bounce', 'opt-out', 'opt-in', 'help'] as const;

export const InboundIdParamSchema = z.object({ id: idSchema('id', '3f0c9a1e2b4d4c6e8a0b1c2d3e4f5a6b') });
export const AttachmentParamSchema = InboundIdParamSchema.extend({
  attachmentId: idSchema('attachmentId', '1'),
});

export const InboxEntrySchema = z
  .object({
    inboundId: z.string(),
    channel: z.enum(['Email', 'SMS']),
    kind: z
      .enum(KINDS)
      .openapi({ description: 'A reply in the customer’s words, or an SMS keyword acted on.' }),
    receivedAt: z.string(),
    from: z.string(),
    fromName: z.string().optional(),
    subject: z.string().optional(),
    preview: z
      .string()
      .openapi({ description: 'What the customer wrote this time (quotes and signature cut).' }),
    customerId: z.string().optional().openapi({ description: 'Absent while the message is unmatched.' }),
    customerName: z.string().optional(),
    vehicleId: z.string().optional(),
    communicationId: z.string().optional(),
    assignee: z.string().optional().openapi({ description: 'Absent: the team’s.' }),
    state: z.enum(INBOX_STATES),
    version: z.number().int(),
    history: z.array(
      z.object({ action: z.string(), by: z.string(), at: z.string(), to: z.string().optional() }),
    ),
  })
  .openapi('InboxEntry');

export const InboxQuerySchema = PageQuerySchema.extend({
  view: z.enum(['mine', 'team', 'unmatched']).default('mine').openapi({
    description: 'The caller’s, the team’s (no one assigned), or messages with no customer yet.',
  }),
});

export const InboxPageSchema = z
  .object({
    items: z.array(InboxEntrySchema),
    cursor: z.string().optional(),
    counts: z
      .object({ mine: z.number().int(), team: z.number().int(), unmatched: z.number().int() })
      .openapi({
        description: 'Unread messages in the caller’s list, the team’s and Unmatched (each up to 99).',
      }),
  })
  .openapi('InboxPage');

const AttachmentSchema = z.object({
  attachmentId: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  stored: z.boolean(),
  refused: z.string().optional().openapi({ description: 'Why the file was not kept.' }),
});

export const InboundMessageSchema = z
  .object({
    entry: InboxEntrySchema.optional().openapi({ description: 'Absent for automatic answers and bounces.' }),
    message: z.object({
      inboundId: z.string(),
      channel: z.enum(['Email', 'SMS']),
      kind: z.enum(KINDS),
      receivedAt: z.string(),
      from: z.string(),
      fromName: z.string().optional(),
      to: z.string(),
      subject: z.string().optional(),
      text: z.string().openapi({ description: 'The whole text, quotes included.' }),
      reply: z.string(),
      html: z.string().optional().openapi({
        description: 'Sanitised (no scripts, styles, forms or remote images); show it sandboxed.',
      }),
      attachments: z.array(AttachmentSchema),
      malformed: z.string().optional(),
      hasRaw: z.boolean(),
      repliesTo: z.string().optional(),
      threadId: z.string().optional(),
      matchedBy: z.string().optional(),
    }),
  })
  .openapi('InboundMessage');

export const InboxAssignSchema = z
  .object({ assignee: assigneeSchema.nullable().openapi({ description: 'null: back to the team.' }) })
  .strict();

export const InboxMatchSchema = z
  .object({
    customerId: idSchema('customerId', 'CU-2001'),
    vehicleId: idSchema('vehicleId', 'VH-1001').optional(),
  })
  .strict();

export const InboxReplySchema = z
  .object({
    subject: singleLine(200).optional().openapi({ description: 'Email only; by default "Re: " and theirs.' }),
    content: multiLine(10_000).refine((text) => text.trim().length > 0, 'write the reply'),
  })
  .strict();
