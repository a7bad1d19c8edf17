import type { Clock, CommunicationRepository, DispatchQueue } from '@import-comms/core';
import type { SilenceWatchDependencies } from './watch-silence.js';

export interface ReleaseDependencies {
  communications: CommunicationRepository;
  queue: DispatchQueue;
  clock: Clock;
}

/** What a sweep works with: the release of due messages, and the silence watch. */
export type SweepDependencies = ReleaseDependencies & SilenceWatchDependencies;

const PAGE = 200;

/**
 * Hands every Scheduled communication whose time has come to its dispatcher. The communication stays Scheduled
 * until a dispatcher claims it, so a sweep that crashes halfway loses nothing: the next sweep enqueues it again,
 * and the claim keeps a message enqueued twice from being sent twice.
 */
export async function releaseDue(deps: ReleaseDependencies): Promise<{ released: number }> {
  const due = await deps.communications.listDue(deps.clock.now(), PAGE);
  if (due.length === 0) return { released: 0 };
  const failed = await deps.queue.enqueue(due);
  if (failed.length > 0)
    throw new Error(`could not enqueue ${failed.length} due communication(s); the next sweep retries`);
  return { released: due.length };
}
