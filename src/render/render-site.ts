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
import { applyLayouts, convertText, renderBodyLiquid, renderContent, renderExcerptLiquid, type RenderContext, type RenderedDocument } from './render-documents.ts';

/** Renders posts first (oldest to newest, as Jekyll), then pages, which may list the posts. */
export async function renderSite(config: SiteConfig, sources: SiteSources, now: Date, markdownCache?: MarkdownCache): Promise<RenderedDocument[]> {
  return (await renderSiteWithContext(config, sources, now, markdownCache)).rendered;
}

/** As renderSite, and also the context it rendered with, so one page can be rendered again later. */
export async function renderSiteWithContext(
  config: SiteConfig,
  sources: SiteSources,
  now: Date,
  markdownCache: MarkdownCache = new BuildMarkdownCache(),
  parallel = true,
  onPage?: (page: RenderedDocument) => Promise<void>,
): Promise<{ rendered: RenderedDocument[]; context: RenderContext }> {
  const markdownOptions = markdownOptionsFromConfig(config.kramdown);
  const processor = createMarkdownProcessor(markdownOptions);
  const cacheScope = JSON.stringify(markdownOptions);
  const markdown = withMarkdownCache(processor, markdownCache, cacheScope);
  const liquid = createLiquidEngine({
    includes: sources.includes,
    includesDir: config.includesDir,
    extend: (engine) => registerJekyllExtensions(engine, { config, sources, markdown }),
  });
  const postPayloads = sources.posts.map(createDocumentPayload);
  linkNeighbours(postPayloads);
  const pagePayloads = sources.pages.map(createDocumentPayload);
  const site = createSitePayload({ config, sources, posts: postPayloads, pages: pagePayloads, time: now });
  const paginatePath = String(config.raw.paginate_path ?? '/page:num');
  const firstPage = sources.pages.find((page) => page.pagination?.page === 1);
  const newestFirst = site.posts as Payload[];
  const context: RenderContext = {
    config,
    site,
    layouts: sources.layouts,
    engines: { liquid, markdown },
    scopeFor: (document) =>
      document.pagination && firstPage ? { paginator: createPaginator(document.pagination, newestFirst, paginatePath, firstPage.url) } : undefined,
  };

  // Liquid for every post first (the body before the excerpt, so a Liquid error is reported against
  // the file itself), then all their Markdown at once — across cores when there is enough of it —
  // then the rest of the site, which may list the posts' content and excerpts.
  const postLiquid = sources.posts.map((post, i) => ({
    body: renderBodyLiquid(post, postPayloads[i], context),
    excerpt: renderExcerptLiquid(post, postPayloads[i], context),
  }));
  const markdownTexts = sources.posts.flatMap((post, i) =>
    post.isMarkdown ? [postLiquid[i].body.text, ...(postLiquid[i].excerpt.given === undefined ? [postLiquid[i].excerpt.text] : [])] : [],
  );
  await convertAhead(markdownTexts, markdownOptions, cacheScope, markdownCache, parallel);
  const postIncludes = sources.posts.map((post, i) => {
    const { body, excerpt } = postLiquid[i];
    postPayloads[i].content = convertText(post, body.text, markdown);
    postPayloads[i].excerpt = excerpt.given ?? convertText(post, excerpt.text, markdown);
    return new Set([...body.includes, ...excerpt.includes]);
  });
  const pageIncludes = sources.pages.map((page, i) => renderContent(page, pagePayloads[i], context));

  const finish = (document: SourceDocument, payload: Payload, includes: Set<string>): RenderedDocument => {
    const laid = applyLayouts(document, payload, context);
    for (const include of laid.includes) includes.add(include);
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

/**
 * Converts the texts the cache does not have yet into it, in worker threads when there are enough
 * of them to repay starting the workers. Results equal the main thread's: conversion is pure.
 */
async function convertAhead(texts: string[], options: Partial<MarkdownOptions>, scope: string, cache: MarkdownCache, parallel: boolean): Promise<void> {
  const missing = [...new Set(texts)].filter((text) => !cache.has(markdownCacheKey(scope, text)));
  if (!parallel || missing.length < PARALLEL_THRESHOLD || availableParallelism() < 2) return;
  const pool = createMarkdownWorkerPool(options);
  try {
    const htmls = await pool.convertAll(missing);
    missing.forEach((text, i) => cache.set(markdownCacheKey(scope, text), htmls[i]));
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

