import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type * as z from 'zod/mini';
import { allContracts, validateDetail } from '../catalogue.js';
import type { EventContract } from '../contract.js';
import type { ValidationIssue } from '../validation.js';

/** One event to publish: the contract it follows and its detail (typed by that contract's schema). */
export interface OutgoingEvent<C extends EventContract = EventContract> {
  contract: C;
  detail: z.input<C['schema']>;
}

export type PublishResult =
  | { index: number; eventId: string; status: 'published'; awsEventId: string; attempts: number }
  | {
      index: number;
      eventId: string;
      status: 'failed';
      errorCode: string;
      errorMessage: string;
      attempts: number;
    };

/** Events that break their contract: nothing was sent; every issue of every event is listed. */
export class PublishValidationError extends Error {
  constructor(readonly failures: { index: number; issues: ValidationIssue[] }[]) {
    super(
      `${failures.length} event(s) break their contract, none was sent: ${failures
        .map(
          (failure) =>
            `#${failure.index}: ${failure.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
        )
        .join(' | ')}`,
    );
    this.name = 'PublishValidationError';
  }
}

export interface PublisherOptions {
  busName: string;
  /** Any EventBridge client: the AWS default chain, or one pointed at the local runtime's endpoint. */
  client?: Pick<EventBridgeClient, 'send'>;
  /** Tries per entry, first one included (default 5). */
  maxAttempts?: number;
  /** Backoff base; each retry waits a random time up to base × 2^attempt (full jitter). */
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface Publisher {
  publish(events: OutgoingEvent | readonly OutgoingEvent[]): Promise<PublishResult[]>;
}

/** PutEvents takes at most 10 entries and 256 KB per request. */
const MAX_ENTRIES = 10;
const MAX_REQUEST_BYTES = 256 * 1024;

function entrySize(entry: PutEventsRequestEntry): number {
  // How AWS counts an entry's size: detail, detail-type, source and resources in UTF-8, plus 14 for the time.
  const bytes = (text: string | undefined) => (text ? Buffer.byteLength(text, 'utf8') : 0);
  return bytes(entry.Detail) + bytes(entry.DetailType) + bytes(entry.Source) + 14;
}

/** Splits entries into requests of at most 10 entries and 256 KB. */
export function batchesOf<T extends { entry: PutEventsRequestEntry }>(items: readonly T[]): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const item of items) {
    const itemSize = entrySize(item.entry);
    if (current.length > 0 && (current.length === MAX_ENTRIES || size + itemSize > MAX_REQUEST_BYTES)) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(item);
    size += itemSize;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * The typed way for other teams to publish: each event is validated against its contract before anything is
 * sent (a typed error lists every issue), source and detail-type come from the contract, entries go in
 * batches of 10 within the size limit, only failed entries are retried (throttling, internal errors) with
 * backoff and jitter, and every event gets its own result.
 *
 * @example
 * const publisher = createPublisher({ busName: 'import-events' });
 * await publisher.publish({ contract: contracts.paymentDueV1, detail: { schemaVersion: 1, … } });
 */
export function createPublisher(options: PublisherOptions): Publisher {
  const client = options.client ?? new EventBridgeClient({});
  const maxAttempts = options.maxAttempts ?? 5;
  const baseDelayMs = options.baseDelayMs ?? 100;
  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));

  return {
    async publish(input) {
      const events = Array.isArray(input) ? input : [input as OutgoingEvent];
      const failures: { index: number; issues: ValidationIssue[] }[] = [];
      const pending = events.map((event, index) => {
        const known = allContracts.includes(event.contract);
        const validated = validateDetail(event.contract.source, event.contract.detailType, event.detail);
        if (!known || !validated.success) {
          failures.push({
            index,
            issues: known
              ? validated.success
                ? []
                : validated.issues
              : [
                  {
                    path: 'contract',
                    message: 'not a contract of @import-comms/events',
                    code: 'unknown_event',
                  },
                ],
          });
        }
        const detail = event.detail as { eventId?: string };
        return {
          index,
          eventId: String(detail.eventId ?? ''),
          attempts: 0,
          entry: {
            EventBusName: options.busName,
            Source: event.contract.source,
            DetailType: event.contract.detailType,
            Detail: JSON.stringify(validated.success ? validated.data.detail : event.detail),
          } satisfies PutEventsRequestEntry,
        };
      });
      if (failures.length > 0) throw new PublishValidationError(failures);

      const results: PublishResult[] = [];
      let todo = pending;
      for (let attempt = 1; todo.length > 0; attempt += 1) {
        if (attempt > 1) await sleep(Math.random() * baseDelayMs * 2 ** (attempt - 1));
        const retry: typeof pending = [];
        for (const batch of batchesOf(todo)) {
          // A request that fails as a whole (after the SDK's own retries) fails each of its entries this time.
          const response = await client
            .send(new PutEventsCommand({ Entries: batch.map((item) => item.entry) }))
            .catch((error: unknown) => ({
              Entries: batch.map(() => ({
                ErrorCode: error instanceof Error ? error.name : 'RequestFailed',
                ErrorMessage: error instanceof Error ? error.message : String(error),
              })),
            }));
          batch.forEach((item, position) => {
            const answer = response.Entries?.[position] as
              | { EventId?: string; ErrorCode?: string; ErrorMessage?: string }
              | undefined;
            const attempts = attempt;
            if (answer?.EventId) {
              results.push({
                index: item.index,
                eventId: item.eventId,
                status: 'published',
                awsEventId: answer.EventId,
                attempts,
              });
            } else if (attempt < maxAttempts) {
              retry.push(item);
            } else {
              results.push({
                index: item.index,
                eventId: item.eventId,
                status: 'failed',
                errorCode: answer?.ErrorCode ?? 'NoAnswer',
                errorMessage: answer?.ErrorMessage ?? 'EventBridge returned no entry for this event',
                attempts,
              });
            }
          });
        }
        todo = retry;
      }
      return results.sort((a, b) => a.index - b.index);
    },
  };
}
