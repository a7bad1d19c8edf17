import { eng, jpn, zho } from 'stopword';
import type { CustomerContact, VehicleDetails } from '../customers/projections.js';

/**
 * What search compares: words, not characters (docs/adr/0022-search-index.md). Text is folded (lower case,
 * Latin and Greek accents removed, full-width forms made plain), cut into words by the Unicode word rules
 * (`Intl.Segmenter`, which also splits Japanese and Chinese), and stripped of the languages' stop words. A
 * document's words are indexed under short keys (their first characters), so a query word finds every word that
 * starts with it.
 */

/** The words nobody searches by, in the languages messages are written in. */
const STOP_WORDS = new Set([...eng, ...jpn, ...zho]);
const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

/** Lower case, accents of Latin and Greek letters removed (é → e, but が stays が), compatibility forms folded. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/([\p{Script=Latin}\p{Script=Greek}])\p{M}+/gu, '$1')
    .normalize('NFKC')
    .toLowerCase();
}

/** Longer "words" are data (encoded blobs, long links), not something a rep types: neither indexed nor searched. */
export const MAX_WORD_LENGTH = 64;

/** The distinct words of a text, folded, in the order they first appear, stop words left out. */
export function searchWordsOf(text: string): string[] {
  const words = new Set<string>();
  for (const { segment, isWordLike } of segmenter.segment(foldForSearch(text))) {
    if (!isWordLike || segment.length > MAX_WORD_LENGTH || STOP_WORDS.has(segment)) continue;
    words.add(segment);
  }
  return [...words];
}

/**
 * How a kind of document is keyed. Messages by whole words: a prefix key would put "customs" and "customer" in
 * one partition and make the rarer word as dear to find as the common one. People and vehicles — few, and typed
 * letter by letter — also by their words' prefixes of `prefixes.min` to `prefixes.max` characters.
 */
export interface TermKeyRule {
  prefixes?: { min: number; max: number };
  /** Whether a query's phone-like runs are read as one phone number (directories) or as words (messages). */
  phones: boolean;
}

export const MESSAGE_TERM_KEYS: TermKeyRule = { phones: false };
export const DIRECTORY_TERM_KEYS: TermKeyRule = { prefixes: { min: 2, max: 4 }, phones: true };

/** Every key a document with these words is indexed under. */
export function termKeysOf(words: readonly string[], rule: TermKeyRule): string[] {
  const keys = new Set<string>();
  const { prefixes } = rule;
  for (const word of words) {
    if (!prefixes || word.length < prefixes.min) {
      keys.add(word);
      continue;
    }
    for (let length = prefixes.min; length <= Math.min(prefixes.max, word.length); length++)
      keys.add(word.slice(0, length));
  }
  return [...keys];
}

/**
 * One word of a query: the key whose partition holds every document it can match, and how it matches the
 * document's words — as a prefix where the rule keys prefixes and the word is long enough, else as a whole word.
 */
export interface QueryTerm {
  word: string;
  key: string;
  match: 'prefix' | 'word';
}

/** The stored form of a document's words: space-separated with a space at each end, so `' word'` is a prefix. */
export function termsText(words: readonly string[]): string {
  return words.length > 0 ? ` ${words.join(' ')} ` : '';
}

/** What a query term looks for inside a `termsText`. */
export function needleOf(term: QueryTerm): string {
  return term.match === 'prefix' ? ` ${term.word}` : ` ${term.word} `;
}

/** Whether a document's `termsText` has every term of a query (the index's own rule, for checks on read). */
export function matchesAll(terms: string, query: readonly QueryTerm[]): boolean {
  return query.every((term) => terms.includes(needleOf(term)));
}

/** A run of digits written as a phone number is in: "+81 90-1234-5678", "(090) 1234 5678". */
const PHONE_LIKE = /(?<![\p{L}\p{N}])\+?\(?\d[\d\s().-]{4,}\d(?![\p{L}\p{N}])/gu;

/** The words of a query, with a phone number in any format as its digits (how phones are indexed). */
export function queryTermsOf(query: string, rule: TermKeyRule): QueryTerm[] {
  const phoneDigits: string[] = [];
  const rest = !rule.phones
    ? query
    : query.replace(PHONE_LIKE, (run) => {
        const digits = run.replace(/\D/g, '');
        if (digits.length < 6) return run;
        phoneDigits.push(digits);
        return ' ';
      });
  const words = [...new Set([...phoneDigits, ...searchWordsOf(rest)])];
  const { prefixes } = rule;
  return words.map((word) =>
    prefixes && word.length >= prefixes.min
      ? { word, key: word.slice(0, Math.min(prefixes.max, word.length)), match: 'prefix' }
      : { word, key: word, match: 'word' },
  );
}

/**
 * The digit strings a phone number is found by: international (country code first), national with the trunk
 * prefix most countries dial ("0" + number) and the bare national number — parsed by libphonenumber, so any
 * stored format works. A number it cannot parse is indexed by its digits. libphonenumber and its metadata are
 * loaded on the first number: only what indexes or checks people reads them (docs/adr/0029-lazy-code-in-functions.md).
 */
export async function phoneSearchWords(phone: string): Promise<string[]> {
  const { parsePhoneNumberFromString } = await import('libphonenumber-js/min');
  const parsed = parsePhoneNumberFromString(phone);
  if (!parsed) {
    const digits = phone.replace(/\D/g, '');
    return digits.length > 0 ? [digits] : [];
  }
  const national = parsed.nationalNumber;
  return [...new Set([`${parsed.countryCallingCode}${national}`, `0${national}`, national])];
}

/** The words a customer is found by: name, id, email (its parts) and phone (any format). */
export async function customerSearchWords(
  contact: Pick<CustomerContact, 'customerId' | 'firstName' | 'lastName' | 'email' | 'phone'>,
): Promise<string[]> {
  const words = new Set<string>(
    searchWordsOf([contact.firstName, contact.lastName, contact.customerId, contact.email].join(' ')),
  );
  // "liam.obrien@mail.co.nz" is one word to the Unicode rules: its parts are words too ("obrien", "mail").
  if (contact.email)
    for (const word of searchWordsOf(contact.email.replace(/[^\p{L}\p{N}]+/gu, ' '))) words.add(word);
  if (contact.phone) for (const word of await phoneSearchWords(contact.phone)) words.add(word);
  return [...words];
}

/** The words a vehicle is found by: id, VIN, chassis number, year, make and model. */
export function vehicleSearchWords(
  vehicle: Pick<VehicleDetails, 'vehicleId' | 'vin' | 'chassisNumber' | 'make' | 'model' | 'year'>,
): string[] {
  return searchWordsOf(
    [vehicle.vehicleId, vehicle.vin, vehicle.chassisNumber, vehicle.year, vehicle.make, vehicle.model]
      .filter((part) => part !== undefined)
      .join(' '),
  );
}

/**
 * The words of a communication as stored for search: subject then body, distinct, up to `maxLength` characters
 * of `termsText` (whole words). What is stored is exactly what is indexed, so a match never depends on which
 * index answered.
 */
export function communicationSearchWords(subject: string | undefined, content: string, maxLength: number) {
  const words: string[] = [];
  let length = 1;
  for (const word of searchWordsOf(`${subject ?? ''}\n${content}`)) {
    if (length + word.length + 1 > maxLength) break;
    words.push(word);
    length += word.length + 1;
  }
  return words;
}
