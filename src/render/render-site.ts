/**
 * Renders the whole site the way Jekyll's Renderer does: Liquid for every post, then all their
 * Markdown at once (in worker threads when there is enough of it), then layouts; pages after posts,
 * since pages may list the posts' content and excerpts.
 */
import { availableParallelism } from 'node:os';
import type { SiteConfig } from '../config/site-config.ts';
import { createLiquidEngine } from '../liquid/create-liquid-engine.ts';
import { registerJekyllExtensions } from '../liquid/register-jekyll-extensions.ts';
import { BuildMarkdownCache, markdownCacheKey, withMarkdownCache, type MarkdownCache } from '../markdown/cached-markdown-processor.ts';
import { createMarkdownProcessor, markdownOptionsFromConfig, type MarkdownOptions } from '../markdown/create-markdown-processor.ts';
import type { SiteSources, SourceDocument } from '../sources/site-sources.ts';
import { createMarkdownWorkerPool, PARALLEL_THRESHOLD } from '../workers/markdown-worker-pool.ts';
import { createDocumentPayload, createSitePayload, type Payload } from './document-payload.ts';
import { createPaginator } from './paginator.ts';
import type { ContentRef, PageCache, PageRecord } from '../cache/page-cache.ts';
import { fingerprintPageInputs, hash } from '../cache/page-inputs.ts';
import { RenderRecorder } from '../liquid/render-recorder.ts';
import { applyLayouts, convertText, renderBodyLiquid, renderExcerptLiquid, type RenderContext, type RenderedDocument } from './render-documents.ts';

/** Renders posts first (oldest to newest, as Jekyll), then pages, which may list the posts. */
export async function renderSite(config: SiteConfig, sources: SiteSources, now: Date, markdownCache?: MarkdownCache): Promise<RenderedDocument[]> {
  return (await renderSiteWithContext(config, sources, now, { markdownCache })).rendered;
}

export interface RenderSiteOptions {
  /** Converted Markdown kept between builds (default: a cache for this build only). */
  markdownCache?: MarkdownCache;
  /** Convert Markdown in worker threads when there is enough of it (default true). */
  parallel?: boolean;
  /** Receives each page when it is finished; its output is then dropped from the result. */
  onPage?: (page: RenderedDocument) => Promise<void>;
  /** Carries over pages whose inputs have not changed since the last build (default: none). */
  pageCache?: PageCache;
}

/** As renderSite, and also the context it rendered with, so one page can be rendered again later. */
export async function renderSiteWithContext(
  config: SiteConfig,
  sources: SiteSources,
  now: Date,
  { markdownCache = new BuildMarkdownCache(), parallel = true, onPage, pageCache }: RenderSiteOptions = {},
): Promise<{ rendered: RenderedDocument[]; context: RenderContext }> {
  const markdownOptions = markdownOptionsFromConfig(config.kramdown);
  const processor = createMarkdownProcessor(markdownOptions);
  const cacheScope = markdownCacheScope(config);
  const markdown = withMarkdownCache(processor, markdownCache, cacheScope);
  const liquid = createLiquidEngine({
    includes: sources.includes,
    includesDir: config.includesDir,
    extend: (engine) => registerJekyllExtensions(engine, { config, sources, markdown, now }),
  });
  const postPayloads = sources.posts.map(createDocumentPayload);
  linkNeighbours(postPayloads);
  const pagePayloads = sources.pages.map(createDocumentPayload);
  const site = createSitePayload({ config, sources, posts: postPayloads, pages: pagePayloads, time: now });
  const paginatePath = String(config.raw.paginate_path ?? '/page:num');
  const firstPage = sources.pages.find((page) => page.pagination?.page === 1);
  const newestFirst = site.posts as Payload[];
  const reuse = pageCache ? planReuse(config, sources, pageCache) : undefined;
  const context: RenderContext = {
    config,
    site,
    layouts: sources.layouts,
    engines: { liquid, markdown },
    scopeFor: (document) =>
      document.pagination && firstPage ? { paginator: createPaginator(document.pagination, newestFirst, paginatePath, firstPage.url) } : undefined,
    recorderFor: reuse && ((document) => reuse.recorders.get(document)),
  };
  const reused = (document: SourceDocument): PageRecord | undefined => reuse?.reused.get(document);

  // Liquid for every post first (the body before the excerpt, so a Liquid error is reported against
  // the file itself), then all their Markdown at once — across cores when there is enough of it —
  // then the rest of the site, which may list the posts' content and excerpts. Posts the page cache
  // carries over skip all of it: their content is read from the cache if a listing asks for it.
  const postLiquid = sources.posts.map((post, i) =>
    reused(post)
      ? undefined
      : { body: renderBodyLiquid(post, postPayloads[i], context), excerpt: renderExcerptLiquid(post, postPayloads[i], context) },
  );
  let markdownTexts = sources.posts.flatMap((post, i) => {
    const liquidText = postLiquid[i];
    if (!post.isMarkdown || !liquidText) return [];
    return [liquidText.body.text, ...(liquidText.excerpt.given === undefined ? [liquidText.excerpt.text] : [])];
  });
  await convertAhead(markdownTexts, markdownOptions, cacheScope, markdownCache, parallel);
  markdownTexts = [];
  const contentRef = (document: SourceDocument, text: string, html: string): ContentRef => pageCache!.contentRef(document, text, html);
  const contents = new Map<SourceDocument, { content: ContentRef; excerpt?: ContentRef }>();
  const postIncludes = sources.posts.map((post, i) => {
    const record = reused(post);
    if (record) {
      defineCachedContent(postPayloads[i], 'content', record.content, pageCache!);
      defineCachedContent(postPayloads[i], 'excerpt', record.excerpt!, pageCache!);
      return new Set<string>();
    }
    const { body, excerpt } = postLiquid[i]!;
    postPayloads[i].content = convertText(post, body.text, markdown);
    postPayloads[i].excerpt = excerpt.given ?? convertText(post, excerpt.text, markdown);
    if (reuse) {
      contents.set(post, {
        content: contentRef(post, body.text, String(postPayloads[i].content)),
        excerpt: excerpt.given !== undefined ? { text: excerpt.given } : contentRef(post, excerpt.text, String(postPayloads[i].excerpt)),
      });
    }
    // The Liquid output is converted now: let it go, a large site holds megabytes of it.
    postLiquid[i] = undefined;
    return new Set([...body.includes, ...excerpt.includes]);
  });
  const pageIncludes = sources.pages.map((page, i) => {
    const record = reused(page);
    if (record) {
      defineCachedContent(pagePayloads[i], 'content', record.content, pageCache!);
      return new Set<string>();
    }
    const { text, includes } = renderBodyLiquid(page, pagePayloads[i], context);
    pagePayloads[i].content = convertText(page, text, markdown);
    if (reuse) contents.set(page, { content: contentRef(page, text, String(pagePayloads[i].content)) });
    return includes;
  });
  // What each document's content (not its layouts) read beyond its own source, for the records.
  const contentReads = new Map<SourceDocument, { time: boolean; others: boolean }>();
  for (const [document, recorder] of reuse?.recorders ?? []) contentReads.set(document, { time: recorder.timeDependent, others: recorder.readsOthers });

  const finish = (document: SourceDocument, payload: Payload, includes: Set<string>): RenderedDocument => {
    const record = reused(document);
    if (record) return { document, payload, ...pageCache!.reuse(document, record), dependencies: { includes, layouts: [] } };
    const laid = applyLayouts(document, payload, context);
    for (const include of laid.includes) includes.add(include);
    const recorder = reuse?.recorders.get(document);
    const content = contents.get(document);
    if (reuse && recorder && content) {
      const reusable = recorder.volatile === undefined;
      pageCache!.rendered(
        document,
        reusable
          ? {
              key: reuse.keyOf(document, recorder.corpus, [...recorder.groups]),
              corpus: recorder.corpus,
              groups: [...recorder.groups],
              timeFacts: recorder.timeFacts,
              contentTimeDependent: contentReads.get(document)?.time ?? true,
              contentReadsOthers: contentReads.get(document)?.others ?? true,
              ...content,
            }
          : undefined,
        laid.output,
      );
    }
    return { document, payload, output: laid.output, dependencies: { includes, layouts: laid.layouts } };
  };
  const rendered: RenderedDocument[] = [];
  const documents = [
    ...sources.posts.map((post, i) => [post, postPayloads[i], postIncludes[i]] as const),
    ...sources.pages.map((page, i) => [page, pagePayloads[i], pageIncludes[i]] as const),
  ];
  for (const [document, payload, includes] of documents) {
    const page = finish(document, payload, includes);
    if (onPage) {
      await onPage(page);
      page.output = '';
    }
    rendered.push(page);
  }
  return { rendered, context };
}

/** What separates Markdown cache entries of different kramdown settings. */
export function markdownCacheScope(config: SiteConfig): string {
  return JSON.stringify(markdownOptionsFromConfig(config.kramdown));
}

interface ReusePlan {
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
function planReuse(config: SiteConfig, sources: SiteSources, pageCache: PageCache): ReusePlan {
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
function defineCachedContent(payload: Payload, key: 'content' | 'excerpt', ref: ContentRef, pageCache: PageCache): void {
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

/**
 * Converts the texts the cache does not have yet into it, in worker threads when there are enough
 * of them to repay starting the workers. Results equal the main thread's: conversion is pure.
 */
async function convertAhead(texts: string[], options: Partial<MarkdownOptions>, scope: string, cache: MarkdownCache, parallel: boolean): Promise<void> {
  const missing = [...new Set(texts)].filter((text) => !cache.has(markdownCacheKey(scope, text)));
  if (!parallel || missing.length < PARALLEL_THRESHOLD || availableParallelism() < 2) return;
  const pool = createMarkdownWorkerPool(options);
  try {
    await pool.convertAll(missing, (i, html) => cache.set(markdownCacheKey(scope, missing[i]), html));
  } catch {
    // A worker failed (out of memory on a huge post, or a conversion error): whatever is not in the
    // cache is converted on the main thread, which reports an error against its file.
  } finally {
    await pool.close();
  }
}

/** `page.next` is the newer post, `page.previous` the older one. */
function linkNeighbours(posts: Payload[]): void {
  posts.forEach((post, i) => {
    post.previous = i > 0 ? posts[i - 1] : undefined;
    post.next = i < posts.length - 1 ? posts[i + 1] : undefined;
  });
}

