import { type TermKeyRule, termKeysOf, termsText } from '@import-comms/core';

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
