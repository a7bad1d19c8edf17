/**
 * The API's shapes as the UI uses them: named from the types generated from the API's OpenAPI document
 * (`openapi.ts`, written by `npm run api:types`), so the UI and the API cannot drift apart.
 */
// `.js`: this module is also compiled with the tests (NodeNext); the bundler resolves it to the `.ts` file.
import type { components } from './openapi.js';

type Schemas = components['schemas'];

export type CommunicationSummary = Schemas['CommunicationSummary'];
export type Communication = Schemas['Communication'];
export type CommunicationType = CommunicationSummary['type'];
export type Channel = Schemas['SendAccepted']['channel'];
export type CommunicationStatus = CommunicationSummary['status'];
export type Category = NonNullable<CommunicationSummary['category']>;
export type StatusEntry = CommunicationSummary['statusHistory'][number];
export type ScheduleReason = NonNullable<CommunicationSummary['scheduledReason']>;

/** In the order the filters list them. */
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
] as const satisfies readonly CommunicationStatus[];
/** Every status the API knows is listed above: a new one makes this `false` and the type check fail. */
export const EVERY_STATUS_LISTED: Exclude<CommunicationStatus, (typeof STATUSES)[number]> extends never
  ? true
  : false = true;

export type Role = Schemas['Me']['roles'][number];

export type Customer = Schemas['Customer'];
export type Vehicle = Schemas['Vehicle'];
export type Template = Schemas['Template'];
/** A version as the API answers it: with what the signed-in user may do to it now. */
export type TemplateVersion = Schemas['ReviewableVersion'];
export type VersionState = TemplateVersion['state'];
export type VersionAction = NonNullable<TemplateVersion['allowedActions']>[number];
export type Preview = Schemas['Preview'];
export type TemplateIssue = Extract<Preview, { ok: false }>['issues'][number];
export type Trigger = Schemas['Trigger'];
export type CatalogueVariable = Trigger['variables'][number];
export type CustomerPreferences = Schemas['CustomerPreferences'];
export type Preferences = CustomerPreferences['preferences'];
export type Stats = Schemas['Stats'];
export type QueueDepth = Schemas['QueueDepth'];
export type SendAccepted = Schemas['SendAccepted'];
/** What the one search box finds, grouped (GET /search). */
export type SearchResults = Schemas['SearchResults'];
/** A follow-up on a rep's list. */
export type Task = Schemas['Task'];
export type TaskStatus = Task['status'];
export type TaskEvent = Task['history'][number];
/** A message a customer sent, as the Inbox lists it. */
export type InboxEntry = Schemas['InboxEntry'];
export type InboxPage = Schemas['InboxPage'];
export type InboundMessage = Schemas['InboundMessage'];
