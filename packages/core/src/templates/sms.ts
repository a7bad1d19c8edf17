import { SegmentedMessage } from 'sms-segments-calculator';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsInfo {
  encoding: SmsEncoding;
  segments: number;
  /** Characters that still fit in the last segment. */
  charactersLeft: number;
  /** Characters that force UCS-2 (e.g. curly quotes): replacing them can halve the cost. */
  nonGsmCharacters: string[];
}

/** Above this many segments an SMS is costly and may arrive out of order on some handsets. */
export const SMS_SEGMENT_WARNING = 3;
/** A template that renders longer than this is rejected. */
export const SMS_SEGMENT_LIMIT = 10;

const SINGLE = { 'GSM-7': 160, 'UCS-2': 70 } as const;
const CONCATENATED = { 'GSM-7': 153, 'UCS-2': 67 } as const;
const BITS_PER_UNIT = { 'GSM-7': 7, 'UCS-2': 16 } as const;

export function smsInfo(text: string): SmsInfo {
  const message = new SegmentedMessage(text);
  const encoding = message.encodingName;
  const segments = Math.max(1, message.segmentsCount);
  const unitsUsed = Math.ceil(message.messageSize / BITS_PER_UNIT[encoding]);
  const capacity = segments === 1 ? SINGLE[encoding] : segments * CONCATENATED[encoding];
  return {
    encoding,
    segments,
    charactersLeft: Math.max(0, capacity - unitsUsed),
    nonGsmCharacters: encoding === 'UCS-2' ? [...new Set(message.getNonGsmCharacters())] : [],
  };
}
