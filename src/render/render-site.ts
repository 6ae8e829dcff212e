/**
 * Renders the whole site so that every template sees what it would if Jekyll's order were kept —
 * Liquid for every post, then all their Markdown, then pages, then layouts — while the steps overlap
 * across cores (the order of work is described in renderSiteWithContext).
 */
import type { SiteConfig } from '../config/site-config.ts';
import { createLiquidEngine } from '../liquid/create-liquid-engine.ts';
import { liquidErrorMode } from '../liquid/parse-laxly.ts';
import { registerJekyllExtensions } from '../liquid/register-jekyll-extensions.ts';
import { combinePostRenderHooks } from '../plugins/post-render-hooks.ts';
import { BuildMarkdownCache, MarkdownKeys, withMarkdownCache, type MarkdownCache } from '../markdown/cached-markdown-processor.ts';
import { createMarkdownProcessor, markdownOptionsFromConfig } from '../markdown/create-markdown-processor.ts';
import type { SiteSources, SourceDocument } from '../sources/site-sources.ts';
import { createDocumentPayload, createSitePayload, PostPayloads, type Payload } from './document-payload.ts';
import { createPaginator } from './paginator.ts';
import { linkPluginPayloads } from '../plugins/run-generators.ts';
import type { ContentRef, PageCache, PageRecord } from '../cache/page-cache.ts';
import { defineCachedContent, defineNotedContent, planReuse, reuseListing } from './plan-reuse.ts';
import { Breather } from './breather.ts';
import { RenderInterrupted } from '../errors.ts';
import { MarkdownConveyor } from './markdown-conveyor.ts';
import { withNestingLimit } from '../markdown/check-markdown-nesting.ts';
import { SharedWorkerPool } from '../workers/worker-pool.ts';
import { PendingContent } from './pending-content.ts';
import { relatedPostsSites } from './related-posts.ts';
import { createCollectionPayloads } from './collection-payloads.ts';
import type { StylesheetCompiler } from '../sass/create-stylesheet-compiler.ts';
import { sassSyntaxOf } from '../sass/sass-syntax.ts';
import { applyLayouts, convertText, renderBodyLiquid, renderExcerpt, renderExcerptLiquid, type LiquidText, type RenderContext, type RenderedDocument } from './render-documents.ts';

/** Renders posts first (oldest to newest, as Jekyll), then pages, which may list the posts. */
export async function renderSite(config: SiteConfig, sources: SiteSources, now: Date, markdownCache?: MarkdownCache): Promise<RenderedDocument[]> {
  return (await renderSiteWithContext(config, sources, now, { markdownCache })).rendered;
}

export interface RenderSiteOptions {
  /** Converted Markdown kept between builds (default: a cache for this build only). */
  markdownCache?: MarkdownCache;
  /** Its texts' keys, kept with it (default: for this build only). */
  markdownKeys?: MarkdownKeys;
  /** Convert Markdown in worker threads when there is enough of it (default true). */
  parallel?: boolean;
  /** The build's workers, when it has started them already (default: started here if needed). */
  workers?: SharedWorkerPool;
  /**
   * Receives each page when it is finished, and gives a promise while it is still being written; its
   * output is then dropped from the result.
   */
  onPage?: (page: RenderedDocument) => Promise<void> | void;
  /** Carries over pages whose inputs have not changed since the last build (default: none). */
  pageCache?: PageCache;
  /**
   * Lets the posts' bodies go (`body` becomes '') once their Liquid has run, for a build that reads
   * the sources once: at 4000 posts that is 30 MB nothing reads again. A watcher keeps them.
   */
  releaseBodies?: boolean;
  /** Told how many pages are rendered, once it is known which are carried over. */
  onRenderPlan?: (pagesToRender: number) => void;
  /** Compiles the site's `.scss`/`.sass` pages (default: none, they are left as they are). */
  stylesheets?: StylesheetCompiler;
}

/** As renderSite, and also the context it rendered with, so one page can be rendered again later. */
export async function renderSiteWithContext(
  config: SiteConfig,
  sources: SiteSources,
  now: Date,
  { markdownCache = new BuildMarkdownCache(), markdownKeys = new MarkdownKeys(), parallel = true, workers, onPage, pageCache, releaseBodies = false, onRenderPlan, stylesheets }: RenderSiteOptions = {},
): Promise<{ rendered: RenderedDocument[]; context: RenderContext }> {
  const markdownOptions = markdownOptionsFromConfig(config.kramdown);
  const processor = createMarkdownProcessor(markdownOptions);
  const cacheScope = markdownCacheScope(config);
  const markdown = withNestingLimit(withMarkdownCache(processor, markdownCache, markdownKeys, cacheScope), config.limits.markdownNesting);
  const keyOf = (text: string): string => markdownKeys.keyOf(cacheScope, text);
  const liquid = createLiquidEngine({
    includes: sources.includes,
    includesDir: config.includesDir,
    extend: (engine) => registerJekyllExtensions(engine, { config, sources, markdown, now }),
    errorMode: liquidErrorMode(config.raw.liquid),
    onWarning: (message) => sources.warnings.push(message),
    limits: config.limits,
  });
  const reuse = pageCache ? planReuse(config, sources, pageCache) : undefined;
  const collections = createCollectionPayloads(sources.collections, (document, payload) => renderExcerpt(document, payload, context).html);
  onRenderPlan?.(reuse ? reuse.recorders.size : sources.posts.length + sources.pages.length + collections.documents.length);
  const reused = (document: SourceDocument): PageRecord | undefined => reuse?.reused.get(document);
  // A post carried over gets its payload only if a template reads it, with its content from the cache.
  const postPayloads = new PostPayloads(sources.posts, (payload, i) => {
    const record = reused(sources.posts[i]);
    if (!record) return;
    defineCachedContent(payload, 'content', record.content, pageCache!);
    defineCachedContent(payload, 'excerpt', record.excerpt!, pageCache!);
  });
  // Most posts rendered: every payload is needed, made at once and linked without lazy neighbours.
  if (!reuse || reuse.reused.size * 2 < sources.posts.length) postPayloads.all();
  // Collection documents are rendered as pages are, before them (Site#render_docs, then render_pages).
  const pageDocuments = [...collections.documents, ...sources.pages];
  const pagePayloads = [...collections.payloads, ...sources.pages.map(createDocumentPayload)];
  const site = createSitePayload({
    config,
    sources,
    posts: postPayloads,
    pages: pagePayloads.slice(collections.payloads.length),
    time: now,
    collections: collections.byCollection,
  });
  linkPluginPayloads(config, sources.pages, pagePayloads.slice(collections.payloads.length), () => postPayloads.all());
  const paginatePath = String(config.raw.paginate_path ?? '/page:num');
  const firstPage = sources.pages.find((page) => page.pagination?.page === 1);
  const context: RenderContext = {
    config,
    site,
    siteFor: relatedPostsSites(sources, site, postPayloads),
    layouts: sources.layouts,
    engines: { liquid, markdown, stylesheets },
    scopeFor: (document) =>
      document.pagination && firstPage ? { paginator: createPaginator(document.pagination, site.posts as Payload[], paginatePath, firstPage.url) } : undefined,
    recorderFor: reuse && ((document) => reuse.recorders.get(document)),
    postRender: combinePostRenderHooks(config),
  };

  // The order of work, for two cores:
  // 1. Liquid for every post (the body before the excerpt, so a Liquid error is reported against the
  //    file itself), each excerpt's Markdown handed to the workers as soon as its Liquid is done, the
  //    bodies after them.
  // 2. Once the excerpts are back, the pages — home page, tag pages — which mostly list posts' titles
  //    and excerpts, while the workers convert the bodies.
  // 3. Each post's layouts as soon as its own body is back.
  // 4. Whatever had to wait: a page or layout that read a post's content (or a page's) before it was
  //    converted is interrupted (PendingContent) and done again here. So every template sees what it
  //    saw when all Markdown was converted before anything else: pages' Liquid sees every post
  //    converted, and the pages before it; layouts see everything converted.
  // Documents the page cache carries over skip all of it: their content is read from the cache if a
  // listing asks for it.
  const ownWorkers = parallel && !workers && SharedWorkerPool.available() ? new SharedWorkerPool(markdownOptions) : undefined;
  const conveyor = new MarkdownConveyor(keyOf, markdownCache, parallel ? (workers ?? ownWorkers) : undefined, config.limits.markdownNesting);
  try {
    const breather = new Breather();
    const postLiquid: Array<{ body: LiquidText; excerpt: LiquidText & { given?: string } } | undefined> = [];
    for (let i = 0; i < sources.posts.length; i++) {
      const post = sources.posts[i];
      if (reused(post)) continue;
      const payload = postPayloads.at(i);
      const liquidText = { body: renderBodyLiquid(post, payload, context), excerpt: renderExcerptLiquid(post, payload, context) };
      postLiquid[i] = liquidText;
      if (post.isMarkdown) {
        if (liquidText.excerpt.given === undefined) conveyor.offer(liquidText.excerpt.text, true);
        conveyor.offer(liquidText.body.text);
      }
      // Hand the workers more as they finish, rather than once this loop is done.
      const pause = breather.breathe();
      if (pause) await pause;
    }
    conveyor.flush();
    // Every post's Liquid has run, and seen the others' bodies as their content: nothing reads them now.
    if (releaseBodies) for (const post of sources.posts) post.body = '';
    // What each document's content (not its layouts) read beyond its own source, for the records.
    const contentReads = new Map<SourceDocument, { time: boolean; others: boolean }>();
    const noteContentReads = (document: SourceDocument): void => {
      const recorder = reuse?.recorders.get(document);
      if (recorder) contentReads.set(document, { time: recorder.timeDependent, others: recorder.readsOthers });
    };
    for (const post of sources.posts) noteContentReads(post);

    const contentRef = (document: SourceDocument, text: string, html: string): ContentRef => pageCache!.contentRef(document, () => keyOf(text), html);
    const contents = new Map<SourceDocument, { content?: ContentRef; excerpt?: ContentRef }>();
    // A post's excerpt as converted, for listing keys: known for every post once step 2 has run.
    const excerptOf = (post: SourceDocument): string => JSON.stringify(reused(post)?.excerpt ?? contents.get(post)?.excerpt ?? null);
    const pending = new PendingContent();
    sources.posts.forEach((post, i) => {
      if (reused(post)) return;
      pending.hold(postPayloads.at(i), 'content');
      pending.hold(postPayloads.at(i), 'excerpt');
    });
    // A layout sees every page's content converted too, so one that reads a page's waits for that.
    for (const payload of pagePayloads) pending.hold(payload, 'content');

    // Runs a render that may read content still pending: false (and the recorder as it was) if it did.
    const attempt = <T>(document: SourceDocument, render: () => T): { done: true; value: T } | { done: false } => {
      const restore = reuse?.recorders.get(document)?.checkpoint();
      const pendingReads = pending.readCount;
      try {
        const value = render();
        // A read of pending content that something caught and went past still spoils the output.
        if (pending.readCount === pendingReads) return { done: true, value };
      } catch (error) {
        if (!(error instanceof RenderInterrupted)) {
          restore?.();
          throw error;
        }
      }
      restore?.();
      return { done: false };
    };

    const convertExcerpt = (i: number): void => {
      const post = sources.posts[i];
      const liquidText = postLiquid[i];
      if (!liquidText) return;
      const { excerpt } = liquidText;
      const payload = postPayloads.at(i);
      payload.excerpt = excerpt.given ?? convertText(post, excerpt.text, markdown);
      if (reuse) contents.set(post, { excerpt: excerpt.given !== undefined ? { text: excerpt.given } : contentRef(post, excerpt.text, String(payload.excerpt)) });
    };
    const convertBody = (i: number): void => {
      const post = sources.posts[i];
      const liquidText = postLiquid[i];
      if (!liquidText) return;
      const { body, excerpt } = liquidText;
      const payload = postPayloads.at(i);
      payload.content = convertText(post, body.text, markdown);
      if (reuse) contents.get(post)!.content = contentRef(post, body.text, String(payload.content));
      // The Liquid output is converted now: let it go, a large site holds megabytes of it.
      postLiquid[i] = undefined;
      if (releaseBodies) markdownKeys.forget(body.text, excerpt.text);
    };

    const finish = (document: SourceDocument, payloadOf: () => Payload): RenderedDocument => {
      const record = reused(document);
      if (record) {
        const { output, reuse: from } = pageCache!.reuse(document, record);
        return new CarriedPage(document, payloadOf, output, from);
      }
      const payload = payloadOf();
      const pendingReads = pending.readCount;
      const laid = applyLayouts(document, payload, context);
      if (pending.readCount !== pendingReads) throw new RenderInterrupted(`${document.relativePath} read content not converted yet.`);
      const recorder = reuse?.recorders.get(document);
      const content = contents.get(document);
      if (reuse && recorder && content?.content) {
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
                content: content.content,
                ...(content.excerpt ? { excerpt: content.excerpt } : {}),
                ...(document.kind === 'page' && recorder.readsOthers && !recorder.readsContent
                  ? { listingKey: reuse.listingKeyOf(document, recorder.corpus, [...recorder.groups], excerptOf) }
                  : {}),
              }
            : undefined,
          laid.output,
        );
      }
      return { document, payload, output: laid.output };
    };
    // A promise only while the page is still being written: a page carried over is done at once, and
    // 4000 of them went through an await each (with the breather's, 5 ms of an edited build).
    const deliver = (page: RenderedDocument): Promise<void> | undefined => {
      const sent = onPage?.(page);
      if (sent) return sent.then(() => delivered(page));
      delivered(page);
      return undefined;
    };
    const delivered = (page: RenderedDocument): void => {
      if (onPage) page.output = '';
      // Once a post's page is made, its HTML is read only by pages that show its content (the feed,
      // which shows the newest): the page cache gives it back when asked, from the Markdown cache,
      // which holds it at half the size. At 4000 posts that is 40 MB of strings the build lets go.
      const ref = contents.get(page.document)?.content;
      if (ref) defineCachedContent(page.payload, 'content', ref, pageCache!);
    };
    const renderedPosts: RenderedDocument[] = [];
    const renderedPages: RenderedDocument[] = [];

    // A page's content: its Liquid, seeing the pages before it converted and those after it not yet.
    const pageContent = (j: number): boolean => {
      const page = pageDocuments[j];
      if (reuse) reuseListing(reuse, page, pageCache!, excerptOf);
      const record = reused(page);
      if (record) {
        defineCachedContent(pagePayloads[j], 'content', record.content, pageCache!);
        return true;
      }
      const liquid = attempt(page, () => renderBodyLiquid(page, pagePayloads[j], context));
      if (!liquid.done) return false;
      const { text } = liquid.value;
      noteContentReads(page);
      // A stylesheet's partials are not among the inputs the page cache knows: always compiled again.
      if (stylesheets && sassSyntaxOf(page.relativePath)) context.recorderFor?.(page)?.markVolatile('compiled with Sass');
      const html = convertText(page, text, markdown, stylesheets);
      // Noted when read, as a cached page's content is: a listing that shows this page's content
      // shows whatever of the posts' content it shows.
      if (reuse) {
        defineNotedContent(pagePayloads[j], html);
        contents.set(page, { content: contentRef(page, text, html) });
      } else {
        pagePayloads[j].content = html;
      }
      return true;
    };

    // 2. Excerpts, then the pages as far as they go without the posts' bodies.
    for (let i = 0; i < sources.posts.length; i++) {
      const liquidText = postLiquid[i];
      if (liquidText) await conveyor.ready(liquidText.excerpt.text);
      convertExcerpt(i);
    }
    pageDocuments.forEach((page, j) => (pagePayloads[j].content = page.body));
    let pagesContented = 0;
    while (pagesContented < pageDocuments.length && pageContent(pagesContented)) pagesContented += 1;
    if (pagesContented === pageDocuments.length) {
      for (let j = 0; j < pageDocuments.length; j++) {
        if (pageDocuments[j].written === false) continue;
        const laid = attempt(pageDocuments[j], () => finish(pageDocuments[j], () => pagePayloads[j]));
        if (!laid.done) continue;
        renderedPages[j] = laid.value;
        const sent = deliver(laid.value);
        if (sent) await sent;
        const pause = breather.breathe();
        if (pause) await pause;
      }
    } else {
      for (let j = pagesContented; j < pageDocuments.length; j++) pending.hold(pagePayloads[j], 'content');
    }

    // 3. Each post's layouts as its body comes back.
    const interrupted: number[] = [];
    for (let i = 0; i < sources.posts.length; i++) {
      const liquidText = postLiquid[i];
      if (liquidText) await conveyor.ready(liquidText.body.text);
      convertBody(i);
      // Once most layouts have needed others' content, stop trying them early: they wait for all.
      const laid = interrupted.length < 16 || interrupted.length * 2 < i ? attempt(sources.posts[i], () => finish(sources.posts[i], () => postPayloads.at(i))) : { done: false as const };
      if (!laid.done) {
        interrupted.push(i);
        continue;
      }
      renderedPosts[i] = laid.value;
      const sent = deliver(laid.value);
      if (sent) await sent;
      // Let the workers' results in, so they are handed more work while layouts are rendered here.
      const pause = breather.breathe();
      if (pause) await pause;
    }

    // 4. What waited, now that everything is converted.
    if (pagesContented < pageDocuments.length) {
      for (let j = pagesContented; j < pageDocuments.length; j++) pagePayloads[j].content = pageDocuments[j].body;
      for (let j = pagesContented; j < pageDocuments.length; j++) {
        if (!pageContent(j)) throw new Error(`${pageDocuments[j].relativePath} read content that is never converted.`);
      }
    }
    for (const i of interrupted) {
      renderedPosts[i] = finish(sources.posts[i], () => postPayloads.at(i));
      const sent = deliver(renderedPosts[i]);
      if (sent) await sent;
    }
    for (let j = 0; j < pageDocuments.length; j++) {
      if (renderedPages[j] || pageDocuments[j].written === false) continue;
      renderedPages[j] = finish(pageDocuments[j], () => pagePayloads[j]);
      const sent = deliver(renderedPages[j]);
      if (sent) await sent;
    }
    const rendered = [...renderedPosts, ...renderedPages.filter((page) => page !== undefined)];
    return { rendered, context };
  } finally {
    await ownWorkers?.close();
  }
}


/** What separates Markdown cache entries of different kramdown settings. */
export function markdownCacheScope(config: SiteConfig): string {
  return JSON.stringify(markdownOptionsFromConfig(config.kramdown));
}

/** A page the page cache carried over: its payload is made only if something reads it (PostPayloads). */
class CarriedPage implements RenderedDocument {
  constructor(
    readonly document: SourceDocument,
    private readonly payloadOf: () => Payload,
    public output: string,
    readonly reuse: string | undefined,
  ) {}

  get payload(): Payload {
    return this.payloadOf();
  }
}
