import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { QueryTerm } from '@import-comms/core';
import { batchWrite } from '../batch.js';
import { cheapestOf, PartitionReader, type ReadFilter } from '../partition-reader.js';
import {
  type PostingSource,
  postingItems,
  postingKeysOf,
  probedPartitions,
  wordClauses,
} from './postings.js';

/** Bounds one search: past them the rep narrows the query (the results so far are returned). */
const MAX_QUERIES = 8;
const MAX_EVALUATED = 1_000;

/**
 * People and vehicles found by the words of their names, ids, addresses and numbers (ADR 0022): postings kept
 * in step with each document as it changes, read by the rarest word of a query.
 */
export class DirectorySearch {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Replaces a document's postings: those of words it no longer has are deleted, the rest written (with its new
   * words). Unchanged words and sort key write nothing.
   */
  async reindex(
    before: Pick<PostingSource, 'kind' | 'rule' | 'words' | 'sortKey'> | undefined,
    after: PostingSource,
  ): Promise<void> {
    if (
      before &&
      before.sortKey === after.sortKey &&
      before.words.length === after.words.length &&
      before.words.every((word, index) => word === after.words[index])
    )
      return;
    const kept = new Set(postingKeysOf(after).map((key) => `${key.PK}|${key.SK}`));
    const stale = before ? postingKeysOf(before).filter((key) => !kept.has(`${key.PK}|${key.SK}`)) : [];
    await batchWrite(this.documents, this.tableName, { put: postingItems(after), delete: stale });
  }

  /**
   * The `ref`s of up to `limit` documents of a kind having every term, in their postings' order. Each word's
   * partition holds every match; a first read of a few of them shows which is rarest, and that one is read on.
   */
  async find(kind: PostingSource['kind'], terms: readonly QueryTerm[], limit: number): Promise<string[]> {
    if (terms.length === 0) return [];
    const words = wordClauses(terms, 'w');
    const filter: ReadFilter = {
      expression: words.clauses.join(' AND '),
      names: words.names,
      values: words.values,
    };
    const partitions = probedPartitions(kind, terms);
    const readers = partitions.map(
      (partition) =>
        new PartitionReader(
          this.documents,
          this.tableName,
          { partitionKey: 'PK', sortKey: 'SK' },
          partition,
          {
            filter,
            newestFirst: false,
            project: ['ref'],
          },
        ),
    );
    await Promise.all(readers.map((reader) => reader.read(limit)));
    const reader = cheapestOf(readers);
    let queries = readers.length;
    const refs: string[] = [];
    for (;;) {
      refs.push(...reader.take(limit - refs.length).map((entry) => String(entry.ref)));
      if (refs.length >= limit || reader.exhausted) break;
      if (queries >= MAX_QUERIES || reader.evaluated >= MAX_EVALUATED) break;
      const share = reader.evaluated > 0 ? Math.max(reader.matched / reader.evaluated, 0.05) : 1;
      await reader.read(Math.ceil((limit - refs.length) / share));
      queries++;
    }
    return refs;
  }
}
