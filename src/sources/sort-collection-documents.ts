/**
 * A collection's documents in Jekyll's order (Collection#sort_docs!): the files listed in `order`
 * first, or by the front matter key `sort_by`, or else by date and then path (Document#<=>).
 */
import type { CollectionConfig } from '../config/read-collections-config.ts';
import type { SourceDocument } from './site-sources.ts';

export function sortCollectionDocuments(docs: SourceDocument[], collection: CollectionConfig, onWarning: (message: string) => void): SourceDocument[] {
  const sorted = [...docs].sort(compareDocuments);
  if (collection.order) return rearrange(sorted, collection.order, `_${collection.label}`);
  if (collection.sortBy) return sortByKey(sorted, collection.sortBy, onWarning);
  return sorted;
}

/** Document#<=>: by date, then by path. */
export function compareDocuments(a: SourceDocument, b: SourceDocument): number {
  const byDate = (a.date?.getTime() ?? 0) - (b.date?.getTime() ?? 0);
  if (byDate !== 0) return byDate;
  return compareStrings(a.relativePath, b.relativePath);
}

/** Collection#rearrange_docs!: the listed files in their order, then the others as sorted. */
function rearrange(sorted: SourceDocument[], order: string[], relativeDirectory: string): SourceDocument[] {
  const byPath = new Map(sorted.map((doc) => [doc.collectionPath ?? doc.relativePath, doc]));
  const listed = order.map((entry) => byPath.get(`${relativeDirectory}/${entry}`)).filter((doc) => doc !== undefined);
  const seen = new Set(listed);
  return [...new Set(listed), ...sorted.filter((doc) => !seen.has(doc))];
}

/**
 * Collection#sort_docs_by_key!: values compared as Ruby's <=> compares them; a document without the
 * key goes after those with it (with Jekyll's "Sort warning"), and values that do not compare (a
 * number and a string) fall back to date and path.
 */
function sortByKey(sorted: SourceDocument[], key: string, onWarning: (message: string) => void): SourceDocument[] {
  return sorted.sort((a, b) => {
    const x = a.data[key];
    const y = b.data[key];
    const xMissing = x === undefined || x === null;
    const yMissing = y === undefined || y === null;
    if (xMissing && !yMissing) {
      onWarning(`Sort warning: '${key}' not defined in ${a.collectionPath ?? a.relativePath}`);
      return 1;
    }
    if (!xMissing && yMissing) {
      onWarning(`Sort warning: '${key}' not defined in ${b.collectionPath ?? b.relativePath}`);
      return -1;
    }
    return rubyCompare(x, y) || compareDocuments(a, b);
  });
}

/** Ruby's <=> for the values front matter holds; 0 where Ruby gives nil (not comparable). */
function rubyCompare(x: unknown, y: unknown): number {
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  if (typeof x === 'string' && typeof y === 'string') return compareStrings(x, y);
  if (x instanceof Date && y instanceof Date) return x.getTime() - y.getTime();
  return 0;
}

/** Ruby compares strings byte by byte: UTF-8 order, which is code point order. */
function compareStrings(a: string, b: string): number {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return Buffer.compare(x, y);
}
