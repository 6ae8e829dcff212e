/**
 * A collection's documents in Jekyll's order (Collection#sort_docs!): the files listed in `order`
 * first, or by the front matter key `sort_by`, or else by date and then path (Document#<=>).
 */
import type { CollectionConfig } from '../config/read-collections-config.ts';
import type { SourceDocument } from './site-sources.ts';

export function sortCollectionDocuments(docs: SourceDocument[], collection: CollectionConfig, onWarning: (message: string) => void): SourceDocument[] {
  if (collection.order) return rearrange(rubySort(docs, compareDocuments), collection.order, `_${collection.label}`);
  if (collection.sortBy) {
    // Jekyll warns at every comparison; once per document is enough.
    const warnings = new Set<string>();
    const sorted = sortByKey(docs, collection.sortBy, (message) => warnings.add(message));
    warnings.forEach(onWarning);
    return sorted;
  }
  return rubySort(docs, compareDocuments);
}

/**
 * Document#<=>: by the front matter's date, then by path. A document without a date in its data
 * compares with any other by path alone (Ruby's `nil <=> time` is nil), so with dated and undated
 * documents mixed the order is the one the sort algorithm happens to give: see rubySort.
 */
export function compareDocuments(a: SourceDocument, b: SourceDocument): number {
  const x = a.data.date;
  const y = b.data.date;
  const byDate = x instanceof Date && y instanceof Date ? x.getTime() - y.getTime() : 0;
  if (byDate !== 0) return byDate;
  return compareStrings(a.relativePath, b.relativePath);
}

/**
 * Array#sort! as Ruby 3.1 on glibc runs it: ruby_qsort is glibc's qsort_r, a top-down merge sort
 * (msort_with_tmp). Its exact order matters only for comparisons that are not transitive, which
 * Document#<=> makes when some documents have no date.
 */
export function rubySort<T>(items: readonly T[], compare: (a: T, b: T) => number): T[] {
  if (items.length <= 1) return [...items];
  const n1 = Math.floor(items.length / 2);
  const left = rubySort(items.slice(0, n1), compare);
  const right = rubySort(items.slice(n1), compare);
  const merged: T[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) merged.push(compare(left[i], right[j]) <= 0 ? left[i++] : right[j++]);
  return [...merged, ...left.slice(i), ...right.slice(j)];
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
function sortByKey(docs: SourceDocument[], key: string, onWarning: (message: string) => void): SourceDocument[] {
  return rubySort(docs, (a, b) => {
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
