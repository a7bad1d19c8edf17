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
  /** `source|detail-type` of the event that fires it, e.g. `import.pipeline|Import Stage Changed`. */
  triggerEvent?: string;
  /** Optional EventBridge content filter on the event (e.g. toStage CUSTOMS_CLEARED). */
  triggerFilter?: Record<string, unknown>;
  subject?: string;
  content: string;
  /** Computed from the content on save, never taken from the client. */
  variables: string[];
  latestVersion: number;
  activeVersion?: number;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

/** One immutable snapshot of a template's content, with its review state. */
export interface TemplateVersion {
  templateId: string;
  version: number;
  subject?: string;
  content: string;
  variables: string[];
  state: TemplateVersionState;
  createdAt: string;
  createdBy: string;
  changeNote?: string;
  reviewedBy?: string;
  reviewedAt?: string;
  reviewComment?: string;
}

const NEXT_STATES: Record<TemplateVersionState, readonly TemplateVersionState[]> = {
  Draft: ['InReview'],
  InReview: ['Approved', 'Rejected'],
  Approved: ['Active', 'Retired'],
  Rejected: [],
  Active: ['Retired'],
  Retired: ['Active'],
};

export function canMoveTemplateVersion(from: TemplateVersionState, to: TemplateVersionState): boolean {
  return NEXT_STATES[from].includes(to);
}

export function templateVersionPredecessors(to: TemplateVersionState): TemplateVersionState[] {
  return TEMPLATE_VERSION_STATES.filter((from) => NEXT_STATES[from].includes(to));
}
