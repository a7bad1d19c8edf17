import type { ImportStage } from '@import-comms/events';
import type { Channel, CommunicationType } from './channels.js';
import type {
  Communication,
  CommunicationSummary,
  Reschedule,
  StatusChange,
} from './communications/communication.js';
import type { CommunicationStatus } from './communications/status.js';
import type {
  CustomerContact,
  VehicleDetails,
  VehicleProjection,
  VehicleStage,
} from './customers/projections.js';
import type { InboundMatch, InboundMessage, InboxEntry } from './inbound/inbound-message.js';
import type { CustomerPreferences, Preferences } from './preferences/preferences.js';
import type { SilenceSettings, SilenceWatch } from './tasks/silence-watch.js';
import type { Task, TaskStatus } from './tasks/task.js';
import type {
  Template,
  TemplateVersion,
  TemplateVersionState,
  VersionComment,
} from './templates/template.js';

/** A page of results; `cursor` is opaque and present while more results may follow. */
export interface Page<T> {
  items: T[];
  cursor?: string;
}

export interface CommunicationQuery {
  customerId?: string;
  vehicleId?: string;
  type?: CommunicationType;
  status?: CommunicationStatus;
  templateId?: string;
  createdBy?: string;
  /** Inclusive bounds on createdAt (ISO 8601). */
  from?: string;
  to?: string;
  /** Case-insensitive text in subject or content. */
  q?: string;
  limit: number;
  cursor?: string;
}

export type CreateResult = { created: true } | { created: false; existing: CommunicationSummary };

export type TransitionResult =
  | { applied: true; communication: CommunicationSummary }
  | { applied: false; reason: 'not-found' }
  | { applied: false; reason: 'not-allowed'; current: CommunicationSummary };

export interface CommunicationRepository {
  /** Idempotent: creating an id that exists returns the existing communication untouched. */
  create(communication: Communication): Promise<CreateResult>;
  get(communicationId: string): Promise<Communication | undefined>;
  /** Forward-only: a change the status machine does not allow from the stored status is not applied. */
  transition(communicationId: string, change: StatusChange): Promise<TransitionResult>;
  /**
   * Pending → Sending for one sender, for `leaseSeconds`: a sender that crashed leaves a claim that expires, so
   * the message is never stuck; a live claim makes every other sender back off.
   */
  claim(communicationId: string, now: Date, leaseSeconds: number): Promise<TransitionResult>;
  /**
   * Moves a Scheduled message to another time (now, to send it at once), recorded in its status history.
   * Conditional on it being Scheduled still: a dispatcher's claim or a cancel that came first wins.
   */
  reschedule(communicationId: string, change: Reschedule): Promise<TransitionResult>;
  /** Links a failed message to the message that sends it again (once, however often it is called). */
  recordResend(communicationId: string, resendId: string): Promise<void>;
  /** Scheduled communications whose time has come, oldest first. */
  listDue(now: Date, limit: number): Promise<{ communicationId: string; channel: Channel }[]>;
  /** Gives a claim back after a transient failure, so the retry can claim it at once. */
  releaseClaim(communicationId: string, now: Date): Promise<void>;
  findByProviderMessageId(providerMessageId: string): Promise<CommunicationSummary | undefined>;
  /** Newest first; every filter is served by an index (docs/adr/0004-search-and-filters.md). */
  list(query: CommunicationQuery): Promise<Page<CommunicationSummary>>;
  /** How many communications reached each status per day and type (YYYY-MM-DD, inclusive), oldest first. */
  countsByDay(fromDay: string, toDay: string): Promise<DailyStatusCounts[]>;
  /** How many messages wait for their time (quiet hours, reminders), up to `cap`. */
  countScheduled(cap: number): Promise<number>;
}

export interface DailyStatusCounts {
  day: string;
  counts: Partial<Record<CommunicationType, Partial<Record<CommunicationStatus, number>>>>;
}

/** Fixed-window limits shared by every instance (e.g. sends per user per minute). */
export interface RateLimiter {
  /** Counts one use of `key`; refused once `limit` uses fall in the current window of `windowSeconds`. */
  consume(
    key: string,
    limit: number,
    windowSeconds: number,
    now: Date,
  ): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
}

export type SaveResult = { saved: true } | { saved: false; reason: 'stale' | 'conflict' };

/** What a send decision reads about a customer (and the vehicle a message is about). */
export interface Recipient {
  contact?: CustomerContact;
  preferences?: CustomerPreferences;
  vehicle?: VehicleProjection;
}

export interface CustomerRepository {
  getContact(customerId: string): Promise<CustomerContact | undefined>;
  /** Contact, preferences and (when asked) the vehicle in one read. */
  getRecipient(customerId: string, vehicleId?: string): Promise<Recipient>;
  /** Saves unless a projection from a later event is already stored. */
  saveContact(contact: CustomerContact): Promise<SaveResult>;
  getVehicle(vehicleId: string): Promise<VehicleProjection | undefined>;
  /**
   * Customers having every word of `query` (as a word prefix) in their name, id or email, or its phone number in
   * any format — by last name; the first by name when `query` has no words.
   */
  searchCustomers(query: string, limit: number): Promise<CustomerContact[]>;
  /** Vehicles having every word of `query` in their id, VIN, chassis number, year, make or model. */
  searchVehicles(query: string, limit: number): Promise<VehicleProjection[]>;
  /** The vehicles of a customer, by id. */
  listVehicles(customerId: string): Promise<VehicleProjection[]>;
  /** Saves unless details from a later event are already stored. */
  saveVehicleDetails(details: VehicleDetails): Promise<SaveResult>;
  /** Records a stage change unless one with the same or a higher stageSequence was recorded (stale). */
  recordStageChange(stage: VehicleStage): Promise<SaveResult>;
  getPreferences(customerId: string): Promise<CustomerPreferences | undefined>;
  /** Optimistic: saves only when the stored revision is `expectedRevision` (0 for none yet). */
  savePreferences(
    customerId: string,
    preferences: Preferences,
    expectedRevision: number,
    changedBy: string,
    at: Date,
  ): Promise<SaveResult>;
  /** Every saved revision, newest first: the consent record of who changed what and when. */
  listPreferenceHistory(customerId: string, limit: number): Promise<CustomerPreferences[]>;
}

export interface TemplateRepository {
  /** Creates the template with its first version (Draft); fails with `conflict` if the id exists. */
  create(template: Template, firstVersion: TemplateVersion): Promise<SaveResult>;
  get(templateId: string): Promise<Template | undefined>;
  /** Adds the next version; conditional on the template's latestVersion being `version - 1`. */
  addVersion(version: TemplateVersion, head: Template): Promise<SaveResult>;
  getVersion(templateId: string, version: number): Promise<TemplateVersion | undefined>;
  listVersions(templateId: string): Promise<TemplateVersion[]>;
  /** Versions waiting for an approver, longest waiting first. */
  listInReview(limit: number): Promise<TemplateVersion[]>;
  /** An author's versions an approver decided (approved or rejected), latest decision first. */
  listDecided(author: string, limit: number): Promise<TemplateVersion[]>;
  /** Adds a comment to a version (its text is the author's or a reviewer's; versions stay immutable). */
  addComment(templateId: string, version: number, comment: VersionComment): Promise<SaveResult>;
  moveVersion(
    templateId: string,
    version: number,
    to: TemplateVersionState,
    review: { by: string; at: Date; comment?: string; author?: string },
  ): Promise<SaveResult>;
  /** Points the template at an active version (or none). */
  saveHead(template: Template, expectedUpdatedAt: string): Promise<SaveResult>;
  list(limit: number, cursor?: string): Promise<Page<Template>>;
  listByTrigger(triggerEvent: string): Promise<Template[]>;
}

export interface OutboundEmail {
  communicationId: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** One-click unsubscribe (List-Unsubscribe) for messages a customer may opt out of. */
  unsubscribeUrl?: string;
  /** Where the customer's reply goes: an address naming this message (ADR 0028). */
  replyTo?: string;
  /** The customer's email this one answers (its Message-ID), so their mail program threads the two. */
  inReplyTo?: string;
}

export interface OutboundSms {
  communicationId: string;
  to: string;
  text: string;
}

/** A provider accepted the message; its id links later delivery callbacks to the communication. */
export interface SendReceipt {
  providerMessageId: string;
}

export interface EmailSender {
  send(email: OutboundEmail): Promise<SendReceipt>;
}

export interface SmsSender {
  send(sms: OutboundSms): Promise<SendReceipt>;
}

export interface DispatchRequest {
  communicationId: string;
  channel: Channel;
  /** How many times sending was put off for the sending rate (the backoff grows with it). */
  throttled?: number;
}

export interface DispatchQueue {
  /**
   * Enqueues in batches; returns the requests that could not be enqueued. `delaySeconds` (at most 900) holds
   * them back, e.g. a send put off for the sending rate.
   */
  enqueue(
    requests: readonly DispatchRequest[],
    options?: { delaySeconds?: number },
  ): Promise<DispatchRequest[]>;
}

/**
 * The provider's sending rate, shared by every dispatcher of a channel: `acquire` resolves when this send may
 * go (having waited for its turn, if that comes soon), or says how long to wait when the turn is too far off.
 */
export interface SendRateLimiter {
  acquire(channel: Channel): Promise<{ granted: true } | { granted: false; retryAfterSeconds: number }>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A status change other teams are told about (`Communication Status Changed`). */
export interface StatusChangeNotice {
  communicationId: string;
  customerId: string;
  vehicleId?: string;
  channel: Channel;
  templateId?: string;
  /** Statuses of sent messages only: calls and meetings (Logged) are not published. */
  previousStatus: Exclude<CommunicationStatus, 'Logged'> | null;
  status: Exclude<CommunicationStatus, 'Logged'>;
  reason?: string;
  at: Date;
}

export interface StatusPublisher {
  publish(notice: StatusChangeNotice): Promise<void>;
}

/** Which communications remind a customer of a payment, so the payment's arrival can cancel them. */
export interface PaymentReminderRegistry {
  add(paymentId: string, communicationIds: readonly string[]): Promise<void>;
  remindersOf(paymentId: string): Promise<string[]>;
}

/** How many messages a queue and its dead-letter queue hold: what ops and the dashboard watch. */
export interface QueueDepth {
  id: string;
  name: string;
  /** Waiting to be received. */
  waiting: number;
  /** Received, being processed (or about to be retried). */
  inFlight: number;
  deadLetter: { name: string; waiting: number };
}

export interface QueueMonitor {
  depths(): Promise<QueueDepth[]>;
}

/** Follow-up tasks: per assignee (open by due time, done by completion), and per customer and vehicle. */
export interface TaskRepository {
  /** Idempotent: a task id that exists is left as it is (`created: false`). */
  create(task: Task): Promise<{ created: boolean; task: Task }>;
  get(taskId: string): Promise<Task | undefined>;
  /** Saves a change made to the version read (`task.version - 1`); `conflict` when someone changed it first. */
  save(task: Task): Promise<SaveResult>;
  /** Open: soonest due first; Done: latest completed first. */
  listByAssignee(assignee: string, status: TaskStatus, limit: number, cursor?: string): Promise<Page<Task>>;
  /** Open ones first, soonest due first, then done ones, latest first. */
  listFor(subject: { customerId: string } | { vehicleId: string }, limit: number): Promise<Task[]>;
  /** Open tasks the silence watch opened, for it to close once the customer hears from us or the stage moves. */
  listOpenSilenceTasks(limit: number): Promise<Task[]>;
}

/** The silence watch's settings and the vehicles it follows (one watch per vehicle, from its stage changes). */
export interface SilenceWatchStore {
  getSettings(): Promise<SilenceSettings>;
  /** Saves against the version read (`settings.version - 1`). */
  saveSettings(settings: SilenceSettings): Promise<SaveResult>;
  /** Vehicles in `stage` whose customer last heard from us at or before `before`, longest silent first. */
  silentSince(stage: ImportStage, before: Date, limit: number): Promise<SilenceWatch[]>;
  /** Counts the silence from `since` again (a contact, or a reminder), unless the vehicle moved stage meanwhile. */
  restart(watch: SilenceWatch, since: Date): Promise<void>;
}

/** Which of the Inbox's lists: one rep's, the team's (no one assigned), or messages without a customer. */
export type InboxView = { assignee: string } | { team: true } | { unmatched: true };

/**
 * Messages customers sent us, and the Inbox that lists them for reps (ADR 0028). The message is kept as it
 * arrived before anything is done with it; every write is idempotent, so a redelivered message completes
 * whatever a crash left undone.
 */
export interface InboundStore {
  /** Stores the message unless one with its id is stored; returns the stored one either way. */
  save(message: InboundMessage): Promise<{ created: boolean; message: InboundMessage }>;
  get(inboundId: string): Promise<InboundMessage | undefined>;
  /** Records the customer (and conversation) a message belongs to, and its timeline entry. */
  recordMatch(inboundId: string, match: InboundMatch, communicationId: string): Promise<void>;
  /** Lists a message in the Inbox unless it is listed already (`created: false`). */
  addToInbox(entry: InboxEntry): Promise<{ created: boolean; entry: InboxEntry }>;
  getInboxEntry(inboundId: string): Promise<InboxEntry | undefined>;
  /** Saves a change made to the version read (`entry.version - 1`); `conflict` when someone changed it first. */
  saveInboxEntry(entry: InboxEntry): Promise<SaveResult>;
  /** Open entries (unread and read) of one list, newest first. */
  listInbox(view: InboxView, limit: number, cursor?: string): Promise<Page<InboxEntry>>;
  /** Unread entries of one list, up to `cap`. */
  countUnread(view: InboxView, cap: number): Promise<number>;
}
