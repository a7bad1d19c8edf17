import * as z from 'zod';

/**
 * What SES receiving publishes to SNS after its S3 action wrote the raw message (the "Received" notification),
 * as far as this service reads it. SES scans each message for viruses; its verdict is the attachment scanner.
 */
export const sesReceivedSchema = z.object({
  notificationType: z.literal('Received'),
  mail: z.object({
    messageId: z.string().min(1).max(200),
    timestamp: z.string(),
    source: z.string().max(500),
    commonHeaders: z
      .object({ from: z.array(z.string()).optional(), subject: z.string().optional() })
      .optional(),
  }),
  receipt: z.object({
    recipients: z.array(z.string().max(500)).max(100),
    virusVerdict: z.object({ status: z.string() }).optional(),
    spamVerdict: z.object({ status: z.string() }).optional(),
    action: z.object({
      type: z.literal('S3'),
      bucketName: z.string().min(1),
      objectKey: z.string().min(1),
    }),
  }),
});
export type SesReceived = z.infer<typeof sesReceivedSchema>;

/** What AWS End User Messaging publishes to SNS for an inbound SMS on a two-way number. */
export const inboundSmsSchema = z.object({
  originationNumber: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number'),
  destinationNumber: z.string().min(1).max(20),
  messageKeyword: z.string().max(100).optional(),
  messageBody: z.string().max(1600),
  inboundMessageId: z.string().min(1).max(200),
  previousPublishedMessageId: z.string().max(200).optional(),
});
export type InboundSms = z.infer<typeof inboundSmsSchema>;

export type Notification = { kind: 'email'; notification: SesReceived } | { kind: 'sms'; sms: InboundSms };

/** Which of the two a queue message is, or the issues of the closer one when it is neither. */
export function readNotification(
  body: unknown,
): { ok: true; value: Notification } | { ok: false; issues: string[] } {
  const email = sesReceivedSchema.safeParse(body);
  if (email.success) return { ok: true, value: { kind: 'email', notification: email.data } };
  const sms = inboundSmsSchema.safeParse(body);
  if (sms.success) return { ok: true, value: { kind: 'sms', sms: sms.data } };
  const closer =
    typeof body === 'object' && body !== null && 'originationNumber' in body ? sms.error : email.error;
  return {
    ok: false,
    issues: closer.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`),
  };
}
