import type {
  Clock,
  CommunicationRepository,
  CustomerRepository,
  DispatchQueue,
  InboundStore,
  QueueMonitor,
  RateLimiter,
  RepDirectory,
  SilenceWatchStore,
  TaskRepository,
  TemplateRepository,
  TemplateService,
} from '@import-comms/core';

/** What the API's use cases work with: ports only, so the same code runs on AWS and locally. */
export interface ApiDependencies {
  communications: CommunicationRepository;
  customers: CustomerRepository;
  templates: TemplateRepository;
  tasks: TaskRepository;
  silence: SilenceWatchStore;
  templateService: TemplateService;
  queue: DispatchQueue;
  rateLimiter: RateLimiter;
  clock: Clock;
  /** Who the reps are (names for the ids stored on messages and tasks). */
  reps: RepDirectory;
  /** Messages customers sent us and the Inbox; without it the Inbox answers 404. */
  inbound?: InboundStore;
  /** Where received mail and its attachments are kept. */
  mail?: { read(bucket: string, key: string): Promise<Uint8Array> };
  /** Queue and DLQ depths for the dashboard; without it the dashboard shows none. */
  queues?: QueueMonitor;
}
