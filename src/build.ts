/**
 * The whole pipeline, one step a line: config → sources → Liquid and Markdown → layouts → outputs.
 * Each step is a function of the previous one's result; timing and logging stay outside.
 */
import path from 'node:path';
import { loadConfig } from './config/load-config.ts';
import type { SiteConfig } from './config/site-config.ts';
import { BuildError } from './errors.ts';
import { createLiquidEngine } from './liquid/create-liquid-engine.ts';
import { registerJekyllExtensions } from './liquid/register-jekyll-extensions.ts';
import { createMarkdownProcessor, markdownOptionsFromConfig, type MarkdownOptions } from './markdown/create-markdown-processor.ts';
import { BuildMarkdownCache, markdownCacheKey, withMarkdownCache, type MarkdownCache } from './markdown/cached-markdown-processor.ts';
import { createMarkdownWorkerPool, PARALLEL_THRESHOLD } from './workers/markdown-worker-pool.ts';
import { availableParallelism } from 'node:os';
import { codeFingerprint, PersistentCache, type CacheStats } from './cache/persistent-cache.ts';
import { renderFeeds } from './outputs/feed.ts';
import { renderRobots, renderSitemap } from './outputs/sitemap.ts';
import { createDiskWriter, type SiteWriter } from './outputs/site-writer.ts';
import { createWriteQueue, type WriteQueue } from './outputs/write-queue.ts';
import { createDocumentPayload, createSitePayload, type Payload } from './render/document-payload.ts';
import { applyLayouts, convertText, renderBodyLiquid, renderContent, renderExcerptLiquid, type RenderContext, type RenderedDocument } from './render/render-documents.ts';
import { readSources } from './sources/read-sources.ts';
import type { FrontMatterCache } from './sources/front-matter.ts';
import { paginatePages } from './sources/paginate.ts';
import { createTagPages } from './sources/tag-pages.ts';
import { createPaginator } from './render/paginator.ts';
import type { SiteSources, SourceDocument } from './sources/site-sources.ts';

export interface BuildOptions {
  source: string;
  /** Default: `_site` inside the source, or `destination:` from _config.yml. */
  destination?: string;
  drafts?: boolean;
  future?: boolean;
  unpublished?: boolean;
  /** Where files go; default: the disk, swapped into place atomically. */
  writer?: SiteWriter;
  /** The build's clock, for future posts and `site.time`. Default: SOURCE_DATE_EPOCH when set, else now. */
  now?: Date;
  /** Receives warnings as they arise (unknown plugins, URL conflicts). */
  onWarning?: (message: string) => void;
  /** Receives a short line as each step starts, for a progress display. */
  onProgress?: (step: string) => void;
  /** Keeps Markdown conversions between builds (watch mode). */
  markdownCache?: MarkdownCache;
  /** Keeps parsed front matter between builds (watch mode). */
  frontMatterCache?: FrontMatterCache;
  /** Reads and writes `.tryck-cache/` in the source (default true; `--no-cache` turns it off). */
  cache?: boolean;
  /** Converts Markdown in worker threads when there is enough of it (default true). */
  workers?: boolean;
  /**
   * Receives each page as soon as it is finished; the plan then does not keep page outputs
   * (`streamed`), so a large site is never held in memory whole.
   */
  onPage?: (page: RenderedDocument, config: SiteConfig) => Promise<void>;
  /** Keep every page's output in the returned plan instead of streaming it out (watch mode diffs them). */
  keepOutputs?: boolean;
}

/** Everything a build produces, before anything is written. */
export interface SitePlan {
  config: SiteConfig;
  sources: SiteSources;
  rendered: RenderedDocument[];
  generated: GeneratedFile[];
  warnings: string[];
  /** What the pages were rendered with: lets a watcher render one edited post again at once. */
  context: RenderContext;
  /** True when page outputs went to `onPage` and are not kept in `rendered`. */
  streamed: boolean;
}

export interface BuildSummary {
  destination: string;
  pages: number;
  posts: number;
  staticFiles: number;
  milliseconds: number;
  warnings: string[];
  plan: SitePlan;
  /** Markdown cache hits and misses, when the persistent cache was used. */
  cache?: CacheStats;
}

export async function build(options: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const cacheDir = path.join(path.resolve(options.source), CACHE_DIR);
  const useDisk = options.markdownCache === undefined && options.cache !== false;
  const persistent = useDisk ? PersistentCache.open(cacheDir, 'markdown', codeFingerprint('markdown')) : undefined;
  const frontMatter = useDisk ? PersistentCache.open(cacheDir, 'front-matter', codeFingerprint('sources/front-matter.ts', 'sources/jekyll-time.ts')) : undefined;
  // Pages go to the writer as they are finished, so a large site never sits in memory whole.
  let writer: SiteWriter | undefined = options.writer;
  let queue: WriteQueue | undefined;
  const plan = await planSite({
    ...options,
    markdownCache: options.markdownCache ?? persistent,
    frontMatterCache: options.frontMatterCache ?? frontMatter,
    onPage: options.keepOutputs
      ? undefined
      : async (page, config) => {
          writer ??= createDiskWriter({ destination: config.destination, keepFiles: config.keepFiles });
          queue ??= createWriteQueue(writer);
          await queue.write(page.document.outputPath, page.output);
        },
  }).catch(async (error: unknown) => {
    await queue?.drain().catch(() => undefined);
    await writer?.abort();
    throw error;
  });
  writer ??= createDiskWriter({ destination: plan.config.destination, keepFiles: plan.config.keepFiles });
  queue ??= createWriteQueue(writer);
  options.onProgress?.(`writing ${plan.generated.length + plan.sources.staticFiles.length} more files`);
  await writeSite(writer, queue, plan);
  persistent?.save();
  frontMatter?.save();
  for (const warning of plan.warnings) options.onWarning?.(warning);
  return { ...summarize(plan, performance.now() - started), cache: persistent?.stats };
}

/**
 * The time a build stamps on its output (site.time, the feed's <updated>). SOURCE_DATE_EPOCH, the
 * reproducible-builds convention, makes two builds of the same sources byte-identical.
 */
export function buildTime(environment: NodeJS.ProcessEnv = process.env): Date {
  const epoch = environment.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch) * 1000);
  return new Date();
}

/** Where the persistent cache lives, inside the site source (Jekyll's is .jekyll-cache). */
export const CACHE_DIR = '.tryck-cache';

/** Reads and renders the whole site in memory. */
export async function planSite(options: BuildOptions): Promise<SitePlan> {
  const now = options.now ?? buildTime();
  const { config, warnings } = loadConfig(options.source, options);
  checkDestination(config);
  options.onProgress?.('reading the site');
  const sources = readSources(config, { now, frontMatterCache: options.frontMatterCache });
  paginatePages(config, sources);
  createTagPages(config, sources);
  warnings.push(...sources.warnings);

  options.onProgress?.(`rendering ${sources.posts.length} posts and ${sources.pages.length} pages`);
  const onPage = options.onPage;
  const { rendered, context } = await renderSiteWithContext(
    config,
    sources,
    now,
    options.markdownCache,
    options.workers !== false,
    onPage && ((page) => onPage(page, config)),
  );
  const generated = generateFiles(config, sources, rendered, now);
  warnOnConflicts(rendered, generated, sources, warnings);
  return { config, sources, rendered, generated, warnings, context, streamed: onPage !== undefined };
}

export function summarize(plan: SitePlan, milliseconds: number): BuildSummary {
  return {
    destination: plan.config.destination,
    pages: plan.sources.pages.length,
    posts: plan.sources.posts.length,
    staticFiles: plan.sources.staticFiles.length,
    milliseconds,
    warnings: plan.warnings,
    plan,
  };
}

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

export interface GeneratedFile {
  outputPath: string;
  contents: string;
}

/** What the built-in plugins add; a site's own file at the same URL wins. */
export function generateFiles(config: SiteConfig, sources: SiteSources, rendered: RenderedDocument[], now: Date): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  const taken = new Set([...sources.pages.map((p) => p.url), ...sources.staticFiles.map((f) => f.url)]);
  if (config.plugins.includes('jekyll-feed')) {
    const newestFirst = rendered.filter((r) => r.document.kind !== 'page').reverse();
    for (const feed of renderFeeds({ config, posts: newestFirst, time: now, data: sources.data }, process.env.JEKYLL_ENV ?? 'development')) {
      if (!taken.has(feed.url)) files.push({ outputPath: feed.outputPath, contents: feed.contents });
    }
  }
  if (config.plugins.includes('jekyll-sitemap')) {
    if (!taken.has('/sitemap.xml')) {
      files.push({
        outputPath: 'sitemap.xml',
        contents: renderSitemap({ config, posts: sources.posts, pages: sources.pages, staticFiles: sources.staticFiles }),
      });
    }
    if (!taken.has('/robots.txt')) files.push({ outputPath: 'robots.txt', contents: renderRobots(config) });
  }
  return files;
}

/** Every file of the site: what to write, or where to copy it from. */
export function listOutputs({ rendered, generated, sources, streamed }: SitePlan): Map<string, { contents: string } | { sourcePath: string }> {
  const outputs = new Map<string, { contents: string } | { sourcePath: string }>();
  for (const file of sources.staticFiles) outputs.set(file.outputPath, { sourcePath: file.absolutePath });
  if (streamed) throw new Error('listOutputs: the pages of this plan were streamed to the writer, not kept');
  for (const page of rendered) outputs.set(page.document.outputPath, { contents: page.output });
  for (const file of generated) outputs.set(file.outputPath, { contents: file.contents });
  return outputs;
}

/** Writes what the pages left: static files first (a page at the same URL wins), then generated files. */
async function writeSite(writer: SiteWriter, queue: WriteQueue, plan: SitePlan): Promise<void> {
  try {
    const pagePaths = new Set(plan.rendered.map((page) => page.document.outputPath));
    for (const file of plan.sources.staticFiles) {
      if (!pagePaths.has(file.outputPath)) await queue.copy(file.outputPath, file.absolutePath);
    }
    if (!plan.streamed) for (const page of plan.rendered) await queue.write(page.document.outputPath, page.output);
    for (const file of plan.generated) await queue.write(file.outputPath, file.contents);
    await queue.drain();
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

function checkDestination(config: SiteConfig): void {
  const relative = path.relative(config.destination, config.source);
  if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) {
    throw new BuildError(`The destination ${config.destination} would replace the source folder.`, {
      hint: 'Choose a destination outside the source, such as _site.',
    });
  }
}

function warnOnConflicts(rendered: RenderedDocument[], generated: GeneratedFile[], sources: SiteSources, warnings: string[]): void {
  const owners = new Map<string, string>();
  const claim = (outputPath: string, owner: string): void => {
    const previous = owners.get(outputPath);
    if (previous) warnings.push(`Conflict: ${previous} and ${owner} both write ${outputPath}; the last one wins.`);
    owners.set(outputPath, owner);
  };
  for (const file of sources.staticFiles) claim(file.outputPath, file.relativePath);
  for (const page of rendered) claim(page.document.outputPath, page.document.relativePath);
  for (const file of generated) claim(file.outputPath, `the generated ${file.outputPath}`);
}
