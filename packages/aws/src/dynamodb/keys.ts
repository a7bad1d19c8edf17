/** Key shapes of the single table (docs/adr/0003-data-model.md). */
export const keys = {
  communication: (id: string) => ({ PK: `COMMUNICATION#${id}`, SK: 'DETAILS' }),
  communicationContent: (id: string) => ({ PK: `COMMUNICATION#${id}`, SK: 'CONTENT' }),
  customerContact: (id: string) => ({ PK: `CUSTOMER#${id}`, SK: 'CONTACT' }),
  customerPreferences: (id: string) => ({ PK: `CUSTOMER#${id}`, SK: 'PREFERENCES' }),
  customerPreferencesRevision: (id: string, revision: number) => ({
    PK: `CUSTOMER#${id}`,
    SK: `PREFERENCES#REV#${String(revision).padStart(8, '0')}`,
  }),
  vehicle: (id: string) => ({ PK: `VEHICLE#${id}`, SK: 'VEHICLE' }),
  template: (id: string) => ({ PK: `TEMPLATE#${id}`, SK: 'DETAILS' }),
  task: (id: string) => ({ PK: `TASK#${id}`, SK: 'TASK' }),
  /** Lists a task under its customer or vehicle; written once, read as keys (the task item is the truth). */
  taskLink: (id: string, subject: 'CUSTOMER' | 'VEHICLE' | 'SILENCE') => ({
    PK: `TASK#${id}`,
    SK: `LINK#${subject}`,
  }),
  /** A message a customer sent us, and its entry in the Inbox (ADR 0028). */
  inboundMessage: (id: string) => ({ PK: `INBOUND#${id}`, SK: 'MESSAGE' }),
  inboxEntry: (id: string) => ({ PK: `INBOUND#${id}`, SK: 'INBOX' }),
  templateVersion: (id: string, version: number) => ({
    PK: `TEMPLATE#${id}`,
    SK: `VERSION#${String(version).padStart(6, '0')}`,
  }),
};

export const timelineKeys = {
  customer: (customerId: string) => `CUSTOMER#${customerId}`,
  vehicle: (vehicleId: string) => `VEHICLE#${vehicleId}`,
  /** The whole log: one partition, newest first (docs/adr/0038-the-whole-log-in-one-partition.md). */
  log: 'LOG',
  status: (status: string) => `STATUS#${status}`,
  /** createdAt first so a partition reads in time order; the id keeps keys unique. */
  sort: (createdAt: string, communicationId: string) => `${createdAt}#${communicationId}`,
};

export const TEMPLATE_CATALOG_KEY = 'TEMPLATES';
