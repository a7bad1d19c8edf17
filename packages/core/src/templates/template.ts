import type { Channel, MessageCategory } from '../channels.js';

/**
 * Review life cycle of a template version: nothing unreviewed reaches a customer.
 * Draft → InReview → Approved | Rejected; Approved → Active; Active → Retired (when another version
 * is activated, or the template is switched off).
 */
export const TEMPLATE_VERSION_STATES = [
  'Draft',
  'InReview',
  'Approved',
  'Rejected',
  'Active',
  'Retired',
] as const;
export type TemplateVersionState = (typeof TEMPLATE_VERSION_STATES)[number];

/** The template as reps see it: its head (latest) version plus what is live. */
export interface Template {
  templateId: string;
  name: string;
  type: Channel;
  category: MessageCategory;
  /** Trigger id (the event contract, e.g. `import-stage-changed.v1`); absent for templates reps send by hand. */
  triggerEvent?: string;
  /** Optional EventBridge content filter on the event's detail (e.g. `{ "toStage": ["CUSTOMS_CLEARED"] }`). */
  triggerFilter?: Record<string, unknown>;
  /** Fires only for events that no template with a matching filter covers (e.g. Status Update). */
  fallback?: boolean;
  /**
   * When a message from it cannot reach the customer (an email hard-bounces, an SMS fails), the other channel's
   * template for the same trigger goes out once (ADR 0025).
   */
  channelFallback?: boolean;
  /** For payment events: send this many days from the due date (−3: a reminder; +1: an overdue notice). */
  dueDateOffsetDays?: number;
  /** Language used when the customer's language has no active version. */
  defaultLocale: string;
  /** Subject and content of the latest version in the default language. */
  subject?: string;
  content: string;
  /** Computed from the content on save, never taken from the client. */
  variables: string[];
  latestVersion: number;
  /** The active version per locale; triggers and sends use these only. */
  activeVersions: Record<string, number>;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

/** One immutable snapshot of a template's content, with its review state. */
export interface TemplateVersion {
  templateId: string;
  version: number;
  locale: string;
  subject?: string;
  content: string;
  variables: string[];
  state: TemplateVersionState;
  createdAt: string;
  createdBy: string;
  changeNote?: string;
  submittedBy?: string;
  submittedAt?: string;
  /** The approver who approved or rejected it, and why. */
  reviewedBy?: string;
  reviewedAt?: string;
  reviewComment?: string;
  /** A conversation about the version between its author and reviewers, oldest first. */
  comments?: VersionComment[];
  activatedBy?: string;
  activatedAt?: string;
  retiredAt?: string;
}

/** Which attributes record a move into each state (who and when). */
export const TEMPLATE_STATE_STAMPS: Record<
  TemplateVersionState,
  { by?: keyof TemplateVersion; at: keyof TemplateVersion }
> = {
  Draft: { at: 'createdAt' },
  InReview: { by: 'submittedBy', at: 'submittedAt' },
  Approved: { by: 'reviewedBy', at: 'reviewedAt' },
  Rejected: { by: 'reviewedBy', at: 'reviewedAt' },
  Active: { by: 'activatedBy', at: 'activatedAt' },
  Retired: { at: 'retiredAt' },
};

const NEXT_STATES: Record<TemplateVersionState, readonly TemplateVersionState[]> = {
  Draft: ['InReview'],
  InReview: ['Approved', 'Rejected'],
  Approved: ['Active', 'Retired'],
  Rejected: [],
  Active: ['Retired'],
  Retired: ['Active'],
};

export function templateVersionPredecessors(to: TemplateVersionState): TemplateVersionState[] {
  return TEMPLATE_VERSION_STATES.filter((from) => NEXT_STATES[from].includes(to));
}

export interface VersionComment {
  by: string;
  at: string;
  text: string;
}
