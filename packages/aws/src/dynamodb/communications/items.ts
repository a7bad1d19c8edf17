import {
  type Communication,
  type CommunicationStatus,
  type CommunicationSummary,
  communicationSearchWords,
  MESSAGE_TERM_KEYS,
  previewOf,
  termsText,
} from '@import-comms/core';
import { withoutStorageAttributes } from '../conditional.js';
import { keys, timelineKeys } from '../keys.js';
import { postingItems, SEARCH_TEXT } from '../search/postings.js';

/**
 * How much of a message's distinct words (subject first, then body) is stored and indexed for search: enough
 * for every template and most letters, and small enough that a posting stays one write unit (ADR 0022).
 */
export const MESSAGE_SEARCH_TEXT_LENGTH = 600;

/** One partition for everything Scheduled: few at a time (quiet hours, reminders), read by one sweeper. */
export const SCHEDULE_KEY = 'SCHEDULED';

/** Final statuses worth finding across all customers (the status filter of the log); the rest are common. */
export const INDEXED_STATUSES: readonly CommunicationStatus[] = [
  'Failed',
  'Bounced',
  'Complained',
  'NotSent',
];

const STORAGE_ONLY = [
  'claimExpiresAt',
  'scheduleKey',
  'scheduleSortKey',
  'PK',
  'SK',
  'entity',
  'statusTimelineKey',
] as const;

/** A DETAILS item as the domain sees it: without the keys and attributes only the table needs. */
export function toSummary(item: Record<string, unknown>): CommunicationSummary {
  return withoutStorageAttributes<CommunicationSummary>(item, STORAGE_ONLY);
}

/** The id of the communication an item (or an index entry) belongs to. */
export function communicationIdOf(item: Record<string, unknown>): string {
  return String(item.PK).slice('COMMUNICATION#'.length);
}

/**
 * The items of a communication. DETAILS is the hot half — status, history, address, preview — kept under 1 KB
 * so each status change costs one write unit. CONTENT is written once: the body, the trigger, and the timeline
 * index keys with the attributes the timelines project (search words included), so the indexes are written when
 * a communication is created and never again. Its search postings (ADR 0022) come from the same words. Exported
 * for bulk loads (benchmarks) that must write exactly what `create` writes.
 */
export function communicationItems(communication: Communication): {
  details: Record<string, unknown>;
  content: Record<string, unknown>;
  postings: Record<string, unknown>[];
} {
  const { content, contentHtml, trigger, renderDetail, ...details } = communication;
  const id = communication.communicationId;
  // Segmenting the text is the dear part: once, for the stored words and the postings alike.
  const words = messageSearchWords(communication);
  return {
    postings: communicationPostings(communication, words),
    content: {
      ...keys.communicationContent(id),
      entity: 'CommunicationContent',
      content,
      contentHtml,
      trigger,
      renderDetail,
      communicationId: id,
      customerId: communication.customerId,
      vehicleId: communication.vehicleId,
      type: communication.type,
      direction: communication.direction,
      templateId: communication.templateId,
      createdBy: communication.createdBy,
      createdAt: communication.createdAt,
      customerTimelineKey: timelineKeys.customer(communication.customerId),
      vehicleTimelineKey: communication.vehicleId ? timelineKeys.vehicle(communication.vehicleId) : undefined,
      logTimelineKey: timelineKeys.log,
      timelineSortKey: timelineKeys.sort(communication.createdAt, id),
      [SEARCH_TEXT]: termsText(words),
    },
    details: {
      ...details,
      ...keys.communication(id),
      entity: 'Communication',
      preview: previewOf(content),
      ...(INDEXED_STATUSES.includes(communication.status)
        ? { statusTimelineKey: timelineKeys.status(communication.status) }
        : {}),
      ...(communication.status === 'Scheduled' && communication.scheduledFor
        ? {
            scheduleKey: SCHEDULE_KEY,
            scheduleSortKey: timelineKeys.sort(communication.scheduledFor, id),
          }
        : {}),
    },
  };
}

/** The words of a communication as stored and indexed for search. */
export function messageSearchWords(communication: Pick<Communication, 'subject' | 'content'>): string[] {
  return communicationSearchWords(communication.subject, communication.content, MESSAGE_SEARCH_TEXT_LENGTH);
}

/**
 * The search postings of a communication (ADR 0022): one per key of its words, each with what the log filters
 * on, so a text search over the whole log reads one partition of the index and nothing else.
 */
export function communicationPostings(
  communication: Communication,
  words: readonly string[] = messageSearchWords(communication),
): Record<string, unknown>[] {
  return postingItems({
    kind: 'MESSAGE',
    rule: MESSAGE_TERM_KEYS,
    words,
    sortKey: timelineKeys.sort(communication.createdAt, communication.communicationId),
    ref: keys.communication(communication.communicationId).PK,
    attributes: {
      customerId: communication.customerId,
      vehicleId: communication.vehicleId,
      type: communication.type,
      templateId: communication.templateId,
      createdBy: communication.createdBy,
    },
  });
}
