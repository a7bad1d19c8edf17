import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { EmailSender, OutboundEmail, SendReceipt } from '@import-comms/core';
import { classifyProviderError } from '../provider-errors.js';

export interface SesSettings {
  fromAddress: string;
  configurationSetName: string;
  /** Reply-to for customers answering a message; defaults to the from address. */
  replyToAddress?: string;
}

/**
 * SES v2 SendEmail with the configuration set (its event destination feeds the log-service) and the
 * communication id as a message tag; HTML with its plain-text alternative; List-Unsubscribe when given.
 */
export class SesEmailSender implements EmailSender {
  constructor(
    private readonly ses: SESv2Client,
    private readonly settings: SesSettings,
  ) {}

  async send(email: OutboundEmail): Promise<SendReceipt> {
    const replyTo = email.replyTo ?? this.settings.replyToAddress;
    const headers = [
      ...(email.unsubscribeUrl
        ? [
            { Name: 'List-Unsubscribe', Value: `<${email.unsubscribeUrl}>` },
            { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
          ]
        : []),
      // A rep's answer threads under the customer's email in their mail program.
      ...(email.inReplyTo
        ? [
            { Name: 'In-Reply-To', Value: `<${email.inReplyTo}>` },
            { Name: 'References', Value: `<${email.inReplyTo}>` },
          ]
        : []),
    ];
    try {
      const response = await this.ses.send(
        new SendEmailCommand({
          FromEmailAddress: this.settings.fromAddress,
          Destination: { ToAddresses: [email.to] },
          ...(replyTo ? { ReplyToAddresses: [replyTo] } : {}),
          ConfigurationSetName: this.settings.configurationSetName,
          EmailTags: [{ Name: 'communicationId', Value: email.communicationId }],
          Content: {
            Simple: {
              Subject: { Data: email.subject, Charset: 'UTF-8' },
              Body: {
                Html: { Data: email.html, Charset: 'UTF-8' },
                Text: { Data: email.text, Charset: 'UTF-8' },
              },
              ...(headers.length > 0 ? { Headers: headers } : {}),
            },
          },
        }),
      );
      if (!response.MessageId) throw new Error('SES returned no MessageId');
      return { providerMessageId: response.MessageId };
    } catch (error) {
      throw classifyProviderError(error, 'SES');
    }
  }
}
