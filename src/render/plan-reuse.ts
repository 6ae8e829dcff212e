/**
 * Which documents the page cache carries over from the last build, and a recorder for each of the
 * others, to note what their rendering reads.
 */
import type { SiteConfig } from '../config/site-config.ts';
import type { ContentRef, PageCache, PageRecord } from '../cache/page-cache.ts';
import { fingerprintPageInputs, hash } from '../cache/page-inputs.ts';
import { RenderRecorder } from '../liquid/render-recorder.ts';
import type { SiteSources, SourceDocument } from '../sources/site-sources.ts';
import type { Payload } from './document-payload.ts';

export interface ReusePlan {
  /** Documents whose last output is carried over, with their records. */
  reused: Map<SourceDocument, PageRecord>;
  /** A recorder for each document rendered. */
  recorders: Map<SourceDocument, RenderRecorder>;
  keyOf(document: SourceDocument, corpus: boolean, groups: readonly string[]): string;
}

/**
 * Decides which documents the page cache carries over: those whose inputs fingerprint the same as
 * last time, whose time facts still hold and whose output file is untouched, and whose listings of
 * other documents cannot have changed unseen.
 */
export function planReuse(config: SiteConfig, sources: SiteSources, pageCache: PageCache): ReusePlan {
  const inputs = fingerprintPageInputs(config, sources);
  const keyOf = (document: SourceDocument, corpus: boolean, groups: readonly string[]): string =>
    hash(
      inputs.site,
      inputs.own(document),
      inputs.neighbours(document),
      corpus ? inputs.corpus() : '',
      ...groups.map((group) => `${group}\u0000${inputs.group(group)}`),
    );
  const documents = [...sources.posts, ...sources.pages];
  const previous = new Map(documents.map((document) => [document, pageCache.previous(document)] as const));
  // A page that read the lists is keyed by every document, so only the build time can change what it
  // shows of them unseen. A page that read single tags is keyed by their posts alone, so those posts'
  // content must not have read other documents either.
  const listingsReusable = documents.every((document) => {
    const record = previous.get(document);
    return record !== undefined && !record.contentTimeDependent;
  });
  const groupListingsReusable =
    listingsReusable && sources.posts.every((post) => previous.get(post)?.contentReadsOthers === false);
  const reused = new Map<SourceDocument, PageRecord>();
  const recorders = new Map<SourceDocument, RenderRecorder>();
  for (const document of documents) {
    const record = previous.get(document);
    const reusable =
      record !== undefined &&
      (!record.corpus || listingsReusable) &&
      (record.groups.length === 0 || groupListingsReusable) &&
      pageCache.reusable(record, keyOf(document, record.corpus, record.groups), document) &&
      (document.kind !== 'post' || record.excerpt !== undefined);
    if (reusable) reused.set(document, record);
    else recorders.set(document, new RenderRecorder());
  }
  return { reused, recorders, keyOf };
}

/** Content the page cache kept: read only if a template asks for it. */
export function defineCachedContent(payload: Payload, key: 'content' | 'excerpt', ref: ContentRef, pageCache: PageCache): void {
  let value: string | undefined;
  Object.defineProperty(payload, key, {
    configurable: true,
    enumerable: true,
    get: () => (value ??= pageCache.read(ref) ?? ''),
    set: (replacement: string) => {
      value = replacement;
    },
  });
}
