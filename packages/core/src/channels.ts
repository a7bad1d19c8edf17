/** Channels the system sends on. Calls and meetings are logged, never sent. */
export const CHANNELS = ['Email', 'SMS'] as const;
export type Channel = (typeof CHANNELS)[number];

export const COMMUNICATION_TYPES = ['Email', 'SMS', 'Call', 'Meeting'] as const;
export type CommunicationType = (typeof COMMUNICATION_TYPES)[number];

/**
 * What a message is for; customers opt out per category. Transactional: updates about their import;
 * reminders: payments and actions due; marketing: offers (off until the customer consents).
 */
export const MESSAGE_CATEGORIES = ['transactional', 'reminders', 'marketing'] as const;
export type MessageCategory = (typeof MESSAGE_CATEGORIES)[number];
