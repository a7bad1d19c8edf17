import { dispatchRecord, type QueueHandlerDependencies, sqsBatchHandler } from '@import-comms/aws';
import type {
  Communication,
  DispatchDependencies,
  DispatchQueue,
  EmailSender,
  OutboundEmail,
} from '@import-comms/core';

/** What the email dispatcher runs on: built from the environment in AWS, from test doubles in tests. */
export interface EmailDispatcherDependencies extends QueueHandlerDependencies<DispatchDependencies> {
  sender: EmailSender;
  /** Its own queue, for a send put off by the sending rate. */
  queue: DispatchQueue;
  /** Where "Manage how we contact you" leads in every email that is not transactional. */
  preferencesUrl: string;
}

/** The email a stored communication becomes: marketing and service mail carry the unsubscribe link. */
export function emailOf(communication: Communication, preferencesUrl: string): OutboundEmail {
  return {
    communicationId: communication.communicationId,
    to: communication.address ?? '',
    subject: communication.subject ?? '',
    html: communication.contentHtml ?? communication.content,
    text: communication.content,
    ...(communication.category && communication.category !== 'transactional'
      ? { unsubscribeUrl: preferencesUrl }
      : {}),
  };
}

/** email-queue → SES, each communication sent at most once, within the account's sending rate. */
export function createHandler(dependencies: EmailDispatcherDependencies) {
  const { deps, flushCounts, sender, queue, deadLetter, preferencesUrl, logger, metrics } = dependencies;
  return sqsBatchHandler(
    logger,
    dispatchRecord({
      channel: 'Email',
      deps,
      queue,
      logger,
      ...(metrics ? { metrics } : {}),
      send: (communication) => sender.send(emailOf(communication, preferencesUrl)),
    }),
    flushCounts,
    deadLetter,
    metrics,
  );
}
