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
  /** The listing key of a page that read no content (PageRecord.listingKey), once every excerpt is known. */
  listingKeyOf(document: SourceDocument, corpus: boolean, groups: readonly string[], excerptOf: (post: SourceDocument) => string): string;
  /**
   * Listing pages that may still be carried over once the posts' excerpts are converted: their key
   * changed, but the record has a listing key (see reuseListing).
   */
  listings: Map<SourceDocument, PageRecord>;
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
  const listingKeyOf = (document: SourceDocument, corpus: boolean, groups: readonly string[], excerptOf: (post: SourceDocument) => string): string =>
    hash(
      inputs.site,
      inputs.own(document),
      inputs.neighbours(document),
      corpus ? inputs.listing(excerptOf) : '',
      ...groups.map((group) => `${group}\u0000${inputs.listingGroup(group, excerptOf)}`),
    );
  // Collection documents that are written have pages to carry over; the others are rendered every build.
  const collectionDocuments = sources.collections.flatMap((collection) => collection.docs.filter((doc) => doc.written !== false));
  const documents = [...sources.posts, ...collectionDocuments, ...sources.pages];
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
  const collectionLabels = new Set(sources.collections.map((collection) => collection.config.label));
  const reused = new Map<SourceDocument, PageRecord>();
  const recorders = new Map<SourceDocument, RenderRecorder>();
  const listings = new Map<SourceDocument, PageRecord>();
  for (const document of documents) {
    const record = previous.get(document);
    const listable = record !== undefined && (!record.corpus || listingsReusable) && (record.groups.length === 0 || groupListingsReusable);
    const reusable = listable && pageCache.reusable(record, keyOf(document, record.corpus, record.groups), document) && (document.kind !== 'post' || record.excerpt !== undefined);
    if (reusable) {
      reused.set(document, record);
      continue;
    }
    recorders.set(document, new RenderRecorder(collectionLabels));
    if (listable && record.listingKey !== undefined && document.kind === 'page') listings.set(document, record);
  }
  return { reused, recorders, keyOf, listingKeyOf, listings };
}

/**
 * Carries a listing page over if what it lists is unchanged as a listing shows it: called once every
 * post's excerpt is known. The record carried over gets this build's keys.
 */
export function reuseListing(plan: ReusePlan, document: SourceDocument, pageCache: PageCache, excerptOf: (post: SourceDocument) => string): boolean {
  const record = plan.listings.get(document);
  if (!record) return false;
  plan.listings.delete(document);
  const listingKey = plan.listingKeyOf(document, record.corpus, record.groups, excerptOf);
  if (!pageCache.reusable({ ...record, key: record.listingKey! }, listingKey, document)) return false;
  plan.reused.set(document, { ...record, key: plan.keyOf(document, record.corpus, record.groups), listingKey });
  plan.recorders.delete(document);
  return true;
}

/** Content the page cache kept: read only if a template asks for it. */
export function defineCachedContent(payload: Payload, key: 'content' | 'excerpt', ref: ContentRef, pageCache: PageCache): void {
  defineContent(payload, key, () => pageCache.read(ref) ?? '');
}

/** Content converted in this build, whose reads are noted as the cache's are. */
export function defineNotedContent(payload: Payload, html: string): void {
  defineContent(payload, 'content', () => html);
}

/**
 * `key` on the payload, fetched on first read; a read of `content` tells the render in progress that
 * it read another document's content (RenderRecorder.noteContentRead), which ties a listing to bodies.
 */
function defineContent(payload: Payload, key: 'content' | 'excerpt', fetch: () => string): void {
  let value: string | undefined;
  Object.defineProperty(payload, key, {
    configurable: true,
    enumerable: true,
    get: () => {
      if (key === 'content') RenderRecorder.noteContentRead();
      return (value ??= fetch());
    },
    set: (replacement: string) => {
      value = replacement;
    },
  });
}
