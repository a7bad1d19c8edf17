import { needleOf, type QueryTerm, type TermKeyRule, termKeysOf, termsText } from '@import-comms/core';

/**
 * The search index (docs/adr/0022-search-index.md): one posting item per key of a document's words, in the
 * partition `SEARCH#<kind>#<key>`, sorted as its kind lists (messages newest first by `createdAt#id`, people by
 * name). Each posting carries the document's words (`searchText`) so a query's other words are checked by the
 * filter of the one partition read, and `ref`, the key of the document itself.
 */
export type SearchKind = 'MESSAGE' | 'CUSTOMER' | 'VEHICLE';

/** The attribute holding a document's words, on postings and on the items the timelines index. */
export const SEARCH_TEXT = 'searchText';

export const postingPartition = (kind: SearchKind, key: string) => `SEARCH#${kind}#${key}`;

export interface PostingSource {
  kind: SearchKind;
  rule: TermKeyRule;
  words: readonly string[];
  sortKey: string;
  /** The key (PK) of the item a posting stands for. */
  ref: string;
  /** Attributes a search may filter on besides the words (type, template, author…). */
  attributes?: Record<string, string | undefined>;
}

/** The posting items of one document. */
export function postingItems(source: PostingSource): Record<string, unknown>[] {
  const searchText = termsText(source.words);
  return postingKeysOf(source).map((key) => ({
    ...key,
    entity: 'SearchPosting',
    ref: source.ref,
    [SEARCH_TEXT]: searchText,
    ...source.attributes,
  }));
}

/** The keys of a document's postings (to write them, or to delete them once its words change). */
export function postingKeysOf(
  source: Pick<PostingSource, 'kind' | 'rule' | 'words' | 'sortKey'>,
): { PK: string; SK: string }[] {
  return termKeysOf(source.words, source.rule).map((key) => ({
    PK: postingPartition(source.kind, key),
    SK: source.sortKey,
  }));
}

/** A search reads first the partitions of this many of its words (the longest), then goes on with the rarest. */
const MAX_PROBED_TERMS = 3;

/** The partitions a query reads first: those of its longest words (likely the rarest), each once. */
export function probedPartitions(kind: SearchKind, terms: readonly QueryTerm[]): string[] {
  return [
    ...new Set(
      [...terms]
        .sort((a, b) => b.word.length - a.word.length)
        .map((term) => postingPartition(kind, term.key)),
    ),
  ].slice(0, MAX_PROBED_TERMS);
}

/** Whether a partition is one a query of these terms may read (a cursor naming another was not made for it). */
export function isPartitionOf(kind: SearchKind, terms: readonly QueryTerm[], partition: string): boolean {
  return terms.some((term) => postingPartition(kind, term.key) === partition);
}

/**
 * The filter clauses of a query's words, as the index stores them (`contains(searchText, " word")`): the same on
 * postings and on the timelines. `#words` names the attribute; values are `:<prefix><n>`.
 */
export function wordClauses(
  terms: readonly QueryTerm[],
  prefix: string,
): { clauses: string[]; names: Record<string, string>; values: Record<string, string> } {
  return {
    clauses: terms.map((_, index) => `contains(#words, :${prefix}${index})`),
    names: terms.length > 0 ? { '#words': SEARCH_TEXT } : {},
    values: Object.fromEntries(terms.map((term, index) => [`:${prefix}${index}`, needleOf(term)])),
  };
}
