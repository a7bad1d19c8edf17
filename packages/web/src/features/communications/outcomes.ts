/** The outcomes a rep picks from, by kind (the API's fixed lists), in words. */
export const OUTCOMES = {
  Call: [
    ['connected', 'Connected'],
    ['left-voicemail', 'Left a voicemail'],
    ['no-answer', 'No answer'],
    ['wrong-number', 'Wrong number'],
  ],
  Meeting: [
    ['held', 'Held'],
    ['no-show', 'No-show'],
    ['rescheduled', 'Rescheduled'],
    ['cancelled', 'Cancelled'],
  ],
} as const;

const LABELS = new Map<string, string>([...OUTCOMES.Call, ...OUTCOMES.Meeting]);

/** An outcome in words; one logged as free text before the lists were fixed, as it was written. */
export function outcomeLabel(outcome: string): string {
  return LABELS.get(outcome) ?? outcome;
}
