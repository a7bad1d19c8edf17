import { SegmentedMessage } from 'sms-segments-calculator';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsInfo {
  encoding: SmsEncoding;
  segments: number;
  /** Characters that still fit in the last segment. */
  charactersLeft: number;
  /** Characters that force UCS-2 (e.g. curly quotes): replacing them can halve the cost. */
  nonGsmCharacters: string[];
  /** What a rep should know before sending: many segments, characters that force UCS-2. */
  warnings: string[];
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
  const nonGsmCharacters = encoding === 'UCS-2' ? [...new Set(message.getNonGsmCharacters())] : [];
  const warnings: string[] = [];
  if (segments > SMS_SEGMENT_WARNING) {
    warnings.push(`${segments} segments: each is billed as one SMS and some phones show them out of order`);
  }
  const replaceable = nonGsmCharacters.filter((character) => /[‘’“”–—…]/.test(character));
  if (replaceable.length > 0 && replaceable.length === nonGsmCharacters.length) {
    warnings.push(
      `${replaceable.join(' ')} forces UCS-2 (70 characters a segment): plain quotes and dashes keep GSM-7 (160)`,
    );
  }
  return {
    encoding,
    segments,
    charactersLeft: Math.max(0, capacity - unitsUsed),
    nonGsmCharacters,
    warnings,
  };
}
