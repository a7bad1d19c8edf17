import { randomUUID } from 'node:crypto';
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { endpoint, type RuntimeConfig } from '../config.js';
import { LOCAL_ACCOUNT } from './eventbridge.js';
import type { Running } from './listen.js';
import { type CapturedSms, SMS_TEST_NUMBERS } from './sms.js';

/** The configuration set whose event destination feeds the callback queue in AWS. */
export const CONFIGURATION_SET = 'import-comms';

interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  /** Epoch seconds (the emulator's resolution). */
  at: number;
}

type Outcome = 'Delivery' | 'Bounce' | 'Complaint' | 'Suppressed';

/** SES's mailbox simulator: what each address does in AWS, it does here. */
function outcomeFor(address: string): Outcome {
  const [local = '', domain = ''] = address.toLowerCase().split('@');
  if (domain !== 'simulator.amazonses.com') return 'Delivery';
  const kind = local.split('+')[0];
  if (kind === 'bounce') return 'Bounce';
  if (kind === 'complaint') return 'Complaint';
  if (kind === 'suppressionlist') return 'Suppressed';
  return 'Delivery'; // success@, ooto@ (delivered; the auto-reply goes to the sender)
}

/** SES event publishing records, as a configuration set sends them to SNS (raw delivery) and on to SQS. */
export function sesEventsFor(email: StoredEmail, region: string): Record<string, unknown>[] {
  // The store keeps whole seconds; events of the same second are placed after the send, as SES's are.
  const sentAt = new Date(email.at * 1000 + 999);
  const recipients = [...email.destination.to, ...email.destination.cc, ...email.destination.bcc];
  const mail = {
    timestamp: sentAt.toISOString(),
    source: email.from,
    sourceArn: `arn:aws:ses:${region}:${LOCAL_ACCOUNT}:identity/${email.from.split('@')[1] ?? email.from}`,
    sendingAccountId: LOCAL_ACCOUNT,
    messageId: email.messageId,
    destination: recipients,
    headersTruncated: false,
    commonHeaders: {
      from: [email.from],
      to: email.destination.to,
      messageId: email.messageId,
      subject: email.subject,
    },
    tags: { 'ses:configuration-set': [CONFIGURATION_SET], 'ses:source-ip': ['127.0.0.1'] },
  };
  const at = (ms: number) => new Date(sentAt.getTime() + ms).toISOString();
  const events: Record<string, unknown>[] = [{ eventType: 'Send', mail, send: {} }];
  const delivered = recipients.filter(
    (recipient) => outcomeFor(recipient) === 'Delivery' || outcomeFor(recipient) === 'Complaint',
  );
  if (delivered.length > 0) {
    events.push({
      eventType: 'Delivery',
      mail,
      delivery: {
        timestamp: at(800),
        processingTimeMillis: 800,
        recipients: delivered,
        smtpResponse: '250 2.6.0 Message received',
        reportingMTA: 'local-ses.import-comms',
      },
    });
  }
  for (const recipient of recipients) {
    const outcome = outcomeFor(recipient);
    if (outcome === 'Bounce' || outcome === 'Suppressed') {
      events.push({
        eventType: 'Bounce',
        mail,
        bounce: {
          bounceType: 'Permanent',
          bounceSubType: outcome === 'Suppressed' ? 'OnAccountSuppressionList' : 'General',
          bouncedRecipients: [
            {
              emailAddress: recipient,
              action: 'failed',
              status: '5.1.1',
              diagnosticCode:
                outcome === 'Suppressed'
                  ? 'Amazon SES did not send the message to this address because it is on the suppression list for your account.'
                  : 'smtp; 550 5.1.1 user unknown',
            },
          ],
          timestamp: at(900),
          feedbackId: randomUUID(),
          reportingMTA: 'dsn; local-ses.import-comms',
        },
      });
    }
    if (outcome === 'Complaint') {
      events.push({
        eventType: 'Complaint',
        mail,
        complaint: {
          complainedRecipients: [{ emailAddress: recipient }],
          timestamp: at(60_000),
          feedbackId: randomUUID(),
          complaintFeedbackType: 'abuse',
          userAgent: 'local mailbox simulator',
        },
      });
    }
  }
  return events;
}

/** An SNS SMS delivery status record, as SNS logs it (and a subscription forwards it) in AWS. */
export function smsReceiptFor(sms: CapturedSms): Record<string, unknown> {
  const failed = sms.phoneNumber === SMS_TEST_NUMBERS.failsDelivery;
  return {
    notification: { messageId: sms.messageId, timestamp: sms.receivedAt },
    delivery: {
      destination: sms.phoneNumber,
      smsType: sms.smsType ?? 'Transactional',
      numberOfMessageParts: 1,
      priceInUSD: failed ? 0 : 0.0403,
      phoneCarrier: 'Local Carrier',
      mcc: 505,
      mnc: 1,
      providerResponse: failed
        ? 'Phone is currently unreachable/unavailable'
        : 'Message has been accepted by phone carrier',
      dwellTimeMs: 250,
      ...(failed ? {} : { dwellTimeMsUntilDeviceAck: 1200 }),
    },
    status: failed ? 'FAILURE' : 'SUCCESS',
  };
}

async function enqueue(sqs: SQSClient, queueUrl: string, records: Record<string, unknown>[]): Promise<void> {
  for (let offset = 0; offset < records.length; offset += 10) {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: records
          .slice(offset, offset + 10)
          .map((record, index) => ({ Id: String(index), MessageBody: JSON.stringify(record) })),
      }),
    );
  }
}

/**
 * Emits, to the callback queue, what AWS would for every message sent locally: SES events for each email the
 * SES emulator stored (mailbox-simulator addresses bounce or complain like in AWS) and SNS delivery receipts
 * for each captured SMS (the failing test number fails).
 */
export function startCallbacks(options: {
  config: RuntimeConfig;
  sqs: SQSClient;
  callbackQueueUrl: string;
  onError: (message: string, error: unknown) => void;
}): Running & { smsSent: (sms: CapturedSms) => void } {
  const { config, sqs, callbackQueueUrl, onError } = options;
  // Read only what is new: emails from the last second seen on (the store's resolution), skipping those of that
  // second already emitted. Reading the whole store every poll grew with every email ever sent.
  let since = 0;
  let emittedInLastSecond = new Set<string>();
  let running = true;
  let polling = Promise.resolve();
  const poll = async () => {
    try {
      const response = await fetch(`${endpoint(config, 'ses')}/store?since=${since}`);
      const { emails } = (await response.json()) as { emails: StoredEmail[] };
      for (const email of emails) {
        if (email.at < since || (email.at === since && emittedInLastSecond.has(email.messageId))) continue;
        await enqueue(sqs, callbackQueueUrl, sesEventsFor(email, config.region));
        if (email.at > since) {
          since = email.at;
          emittedInLastSecond = new Set();
        }
        emittedInLastSecond.add(email.messageId);
      }
    } catch (error) {
      if (running) onError('SES callbacks could not be emitted', error);
    }
  };
  const timer = setInterval(() => {
    polling = polling.then(poll);
  }, config.pollIntervalMs);
  return {
    smsSent: (sms) => {
      enqueue(sqs, callbackQueueUrl, [smsReceiptFor(sms)]).catch((error: unknown) =>
        onError('SMS delivery receipt could not be emitted', error),
      );
    },
    stop: async () => {
      running = false;
      clearInterval(timer);
      await polling;
    },
  };
}
