import { dispatchRecord, type QueueHandlerDependencies, sqsBatchHandler } from '@import-comms/aws';
import {
  type Communication,
  type DispatchDependencies,
  type DispatchQueue,
  type EmailSender,
  type OutboundEmail,
  replyAddressFor,
} from '@import-comms/core';

/** What the email dispatcher runs on: built from the environment in AWS, from test doubles in tests. */
export interface EmailDispatcherDependencies extends QueueHandlerDependencies<DispatchDependencies> {
  sender: EmailSender;
  /** Its own queue, for a send put off by the sending rate. */
  queue: DispatchQueue;
  /** Where "Manage how we contact you" leads in every email that is not transactional. */
  preferencesUrl: string;
  /** Signs each email's reply address (`reply+<token>@<domain>`); absent, replies go to the configured reply-to. */
  replies?: { domain: string; secret: () => Promise<string> };
}

/** The email a stored communication becomes: marketing and service mail carry the unsubscribe link. */
export function emailOf(
  communication: Communication,
  preferencesUrl: string,
  replyTo?: string,
): OutboundEmail {
  return {
    communicationId: communication.communicationId,
    to: communication.address ?? '',
    subject: communication.subject ?? '',
    html: communication.contentHtml ?? communication.content,
    text: communication.content,
    ...(communication.category && communication.category !== 'transactional'
      ? { unsubscribeUrl: preferencesUrl }
      : {}),
    ...(replyTo ? { replyTo } : {}),
    ...(communication.answersMessageId ? { inReplyTo: communication.answersMessageId } : {}),
  };
}

/** email-queue → SES, each communication sent at most once, within the account's sending rate. */
export function createHandler(dependencies: EmailDispatcherDependencies) {
  const { deps, flushCounts, sender, queue, deadLetter, preferencesUrl, replies, logger, metrics } =
    dependencies;
  const replyAddressOf = async (communicationId: string) =>
    replies ? replyAddressFor(communicationId, await replies.secret(), replies.domain) : undefined;
  return sqsBatchHandler(
    logger,
    dispatchRecord({
      channel: 'Email',
      deps,
      queue,
      logger,
      ...(metrics ? { metrics } : {}),
      send: async (communication) =>
        sender.send(
          emailOf(communication, preferencesUrl, await replyAddressOf(communication.communicationId)),
        ),
    }),
    flushCounts,
    deadLetter,
    metrics,
  );
}
