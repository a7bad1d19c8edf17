import { CheckIfPhoneNumberIsOptedOutCommand, PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import {
  type OutboundSms,
  PermanentDeliveryError,
  type SendReceipt,
  type SmsSender,
} from '@import-comms/core';
import { classifyProviderError } from '../provider-errors.js';

export interface SmsSettings {
  /** Alphanumeric sender id (up to 11 characters), where the destination country supports it. */
  senderId: string;
  /** Upper bound on the price of one message, in USD: SNS refuses to send above it. */
  maxPriceUsd: string;
}

/** SNS Publish to a phone number, transactional, after checking the number has not opted out at the carrier. */
export class SnsSmsSender implements SmsSender {
  constructor(
    private readonly sns: SNSClient,
    private readonly settings: SmsSettings,
  ) {}

  async send(sms: OutboundSms): Promise<SendReceipt> {
    try {
      const optOut = await this.sns.send(new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: sms.to }));
      if (optOut.isOptedOut)
        throw new PermanentDeliveryError('SNS: the number has opted out of SMS (replied STOP)');
      const response = await this.sns.send(
        new PublishCommand({
          PhoneNumber: sms.to,
          Message: sms.text,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: this.settings.senderId },
            'AWS.SNS.SMS.MaxPrice': { DataType: 'Number', StringValue: this.settings.maxPriceUsd },
          },
        }),
      );
      if (!response.MessageId) throw new Error('SNS returned no MessageId');
      return { providerMessageId: response.MessageId };
    } catch (error) {
      if (error instanceof PermanentDeliveryError) throw error;
      throw classifyProviderError(error, 'SNS');
    }
  }
}
