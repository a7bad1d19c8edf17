/** The API's shapes as the UI uses them (the full contract is /api/openapi.json). */
export type CommunicationType = 'Email' | 'SMS' | 'Call' | 'Meeting';
export type Channel = 'Email' | 'SMS';
export const COMMUNICATION_TYPES: CommunicationType[] = ['Email', 'SMS', 'Call', 'Meeting'];
export const STATUSES = [
  'Scheduled',
  'Pending',
  'Sending',
  'Sent',
  'Delivered',
  'Bounced',
  'Complained',
  'Failed',
  'NotSent',
  'Cancelled',
  'Logged',
] as const;
export type CommunicationStatus = (typeof STATUSES)[number];
export type Role = 'agent' | 'approver' | 'admin';
export type Category = 'transactional' | 'reminders' | 'marketing';

export interface StatusEntry {
  status: CommunicationStatus;
  at: string;
  reason?: string;
  /** The rep who made the change (cancelled, rescheduled, sent now). */
  by?: string;
}

export type ScheduleReason = 'quiet-hours' | 'payment-reminder' | 'rescheduled';

export interface CommunicationSummary {
  communicationId: string;
  customerId: string;
  vehicleId?: string;
  /** Names as they were when it was written (absent on items written before they were stored). */
  customerName?: string;
  vehicleLabel?: string;
  type: CommunicationType;
  direction: 'inbound' | 'outbound';
  category?: Category;
  address?: string;
  subject?: string;
  templateId?: string;
  templateVersion?: number;
  trigger?: { eventId: string; source: string; detailType: string; triggerId: string };
  /** The message this one sends again, and the messages that sent this one again. */
  resentFrom?: string;
  resentAs?: string[];
  /** The message this one answers, and the first message of its conversation. */
  repliesTo?: string;
  threadId?: string;
  /** A message the customer sent: its whole text and files are in the Inbox. */
  inbound?: { inboundId: string; from: string; attachments: number };
  status: CommunicationStatus;
  statusReason?: string;
  statusHistory: StatusEntry[];
  scheduledFor?: string;
  scheduledReason?: ScheduleReason;
  interaction?: {
    durationMinutes?: number;
    outcome?: string;
    participants?: string[];
    followUpDate?: string;
  };
  sms?: { encoding: 'GSM-7' | 'UCS-2'; segments: number };
  priceUsd?: number;
  createdAt: string;
  createdBy: string;
  preview: string;
}

export interface Communication extends Omit<CommunicationSummary, 'preview'> {
  content: string;
  contentHtml?: string;
}

export interface Page<T> {
  items: T[];
  cursor?: string;
}

export interface Customer {
  customerId: string;
  firstName: string;
  lastName: string;
  email?: string;
  phone?: string;
  language: string;
  timezone: string;
}

export interface Vehicle {
  vehicleId: string;
  customerId: string;
  make?: string;
  model?: string;
  year?: number;
  vin?: string;
  colour?: string;
  stage?: string;
  stageChangedAt?: string;
}

export interface Template {
  templateId: string;
  name: string;
  type: Channel;
  category: Category;
  triggerEvent?: string;
  triggerFilter?: Record<string, unknown>;
  defaultLocale: string;
  subject?: string;
  content: string;
  variables: string[];
  latestVersion: number;
  activeVersions: Record<string, number>;
  isActive: boolean;
  /** A message that cannot reach the customer goes out once on the other channel. */
  channelFallback?: boolean;
  updatedAt: string;
}

export type VersionState = 'Draft' | 'InReview' | 'Approved' | 'Rejected' | 'Active' | 'Retired';

export interface TemplateVersion {
  templateId: string;
  version: number;
  locale: string;
  subject?: string;
  content: string;
  state: VersionState;
  createdAt: string;
  createdBy: string;
  changeNote?: string;
  submittedBy?: string;
  submittedAt?: string;
  reviewedBy?: string;
  reviewedAt?: string;
  comments?: { by: string; at: string; text: string }[];
  reviewComment?: string;
  activatedBy?: string;
  /** What the signed-in user may do to this version now, as the API decides it. */
  allowedActions?: VersionAction[];
}

export type VersionAction = 'submit' | 'approve' | 'reject' | 'activate';

export interface TemplateIssue {
  message: string;
  part?: string;
  line?: number;
  column?: number;
}

export type Preview =
  | { ok: true; channel: 'Email'; email: { subject: string; html: string; text: string } }
  | {
      ok: true;
      channel: 'SMS';
      sms: { text: string; encoding: string; segments: number; charactersLeft: number; warnings: string[] };
    }
  | { ok: false; issues: TemplateIssue[] };

export interface CatalogueVariable {
  path: string;
  type: string;
  format?: string;
  /** The allowed values of an enumerated field. */
  values?: string[];
  description?: string;
  optional: boolean;
}

export interface Trigger {
  id: string;
  label: string;
  hasVehicle: boolean;
  variables: CatalogueVariable[];
}

export interface Preferences {
  channels: Channel[];
  channelOrder: Channel[];
  delivery: 'all' | 'preferred';
  optedOutCategories: Category[];
  quietHours: { start: string; end: string; channels: Channel[] } | null;
  suppressedAddresses?: string[];
  timezone?: string;
  language?: string;
}

export interface CustomerPreferences {
  customerId: string;
  preferences: Preferences;
  revision: number;
  updatedAt?: string;
  updatedBy?: string;
}

export interface Stats {
  from: string;
  to: string;
  days: { day: string; counts: Record<string, Record<string, number>> }[];
  totals: Record<string, Record<string, number>>;
  rates: { emailBounceRate: number | null; emailComplaintRate: number | null; smsFailureRate: number | null };
  scheduled: number;
}

export interface QueueDepth {
  id: string;
  name: string;
  waiting: number;
  inFlight: number;
  deadLetter: { name: string; waiting: number };
}

export interface SendAccepted {
  communicationId: string;
  status: CommunicationStatus;
  channel: Channel;
  scheduledFor?: string;
}

/** What the one search box finds, grouped (GET /search). */
export interface SearchResults {
  customers: Customer[];
  vehicles: (Vehicle & { customerName?: string })[];
  communications: CommunicationSummary[];
}

export type TaskStatus = 'Open' | 'Done';

export interface TaskEvent {
  action: 'created' | 'completed' | 'snoozed' | 'reassigned' | 'reopened';
  at: string;
  by: string;
  detail?: string;
}

/** A follow-up on a rep's list. */
export interface Task {
  taskId: string;
  title: string;
  note?: string;
  customerId: string;
  vehicleId?: string;
  customerName?: string;
  vehicleLabel?: string;
  assignee: string;
  dueAt: string;
  status: TaskStatus;
  source?: { kind: 'communication'; communicationId: string } | { kind: 'silence'; stage: string };
  createdAt: string;
  createdBy: string;
  completedAt?: string;
  completedBy?: string;
  history: TaskEvent[];
  version: number;
}

/** A message a customer sent, as the Inbox lists it. */
export interface InboxEntry {
  inboundId: string;
  channel: 'Email' | 'SMS';
  kind: 'reply' | 'auto-reply' | 'bounce' | 'opt-out' | 'opt-in' | 'help';
  receivedAt: string;
  from: string;
  fromName?: string;
  subject?: string;
  preview: string;
  customerId?: string;
  customerName?: string;
  vehicleId?: string;
  communicationId?: string;
  assignee?: string;
  state: 'unread' | 'read' | 'done';
  version: number;
  history: { action: string; by: string; at: string; to?: string }[];
}

export interface InboxPage extends Page<InboxEntry> {
  counts: { mine: number; team: number; unmatched: number };
}

export interface InboundMessage {
  entry?: InboxEntry;
  message: {
    inboundId: string;
    channel: 'Email' | 'SMS';
    kind: InboxEntry['kind'];
    receivedAt: string;
    from: string;
    fromName?: string;
    to: string;
    subject?: string;
    text: string;
    reply: string;
    html?: string;
    attachments: {
      attachmentId: string;
      filename: string;
      contentType: string;
      size: number;
      stored: boolean;
      refused?: string;
    }[];
    malformed?: string;
    hasRaw: boolean;
    repliesTo?: string;
    threadId?: string;
    matchedBy?: string;
  };
}
