import * as z from 'zod/mini';

const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));
const upTo = (max: number) => z.string().check(z.maxLength(max));
const nonEmpty = z.string().check(z.minLength(1));

/**
 * What SES receiving publishes to SNS after its S3 action wrote the raw message (the "Received" notification),
 * as far as this service reads it. SES scans each message for viruses; its verdict is the attachment scanner.
 */
export const sesReceivedSchema = z.object({
  notificationType: z.literal('Received'),
  mail: z.object({
    messageId: text(1, 200),
    timestamp: z.string(),
    source: upTo(500),
    commonHeaders: z.optional(
      z.object({ from: z.optional(z.array(z.string())), subject: z.optional(z.string()) }),
    ),
  }),
  receipt: z.object({
    recipients: z.array(upTo(500)).check(z.maxLength(100)),
    virusVerdict: z.optional(z.object({ status: z.string() })),
    spamVerdict: z.optional(z.object({ status: z.string() })),
    action: z.object({
      type: z.literal('S3'),
      bucketName: nonEmpty,
      objectKey: nonEmpty,
    }),
  }),
});
export type SesReceived = z.infer<typeof sesReceivedSchema>;

/** What AWS End User Messaging publishes to SNS for an inbound SMS on a two-way number. */
export const inboundSmsSchema = z.object({
  originationNumber: z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number')),
  destinationNumber: text(1, 20),
  messageKeyword: z.optional(upTo(100)),
  messageBody: upTo(1600),
  inboundMessageId: text(1, 200),
  previousPublishedMessageId: z.optional(upTo(200)),
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
