/**
 * The whole pipeline, one step a line: config → sources → Liquid and Markdown → layouts → outputs.
 * Each step is a function of the previous one's result; timing and logging stay outside.
 */
import { openBuildCaches } from './cache/open-build-caches.ts';
import type { DiskPageCache, PageCache, PageCacheStats } from './cache/page-cache.ts';
import type { CacheStats } from './cache/persistent-cache.ts';
import { loadConfig, type ConfigOverrides } from './config/load-config.ts';
import type { SiteConfig } from './config/site-config.ts';
import type { MarkdownCache, MarkdownKeys } from './markdown/cached-markdown-processor.ts';
import { generateFiles, type GeneratedFile } from './outputs/generate-files.ts';
import { checkDestination } from './outputs/check-destination.ts';
import { recoverInterruptedBuilds } from './outputs/interrupted-builds.ts';
import { createDiskWriter, type SiteWriter } from './outputs/site-writer.ts';
import { createWriteQueue, type WriteQueue } from './outputs/write-queue.ts';
import type { RenderContext, RenderedDocument } from './render/render-documents.ts';
import { renderSiteWithContext } from './render/render-site.ts';
import type { DocumentCache } from './sources/document-cache.ts';
import type { FrontMatterCache } from './sources/front-matter.ts';
import { configurePlugins } from './plugins/configure-plugins.ts';
import { blameMissingPlugins, warnMissingPlugins } from './plugins/warn-missing-plugins.ts';
import { paginatePages } from './sources/paginate.ts';
import { runGenerators } from './plugins/run-generators.ts';
import { readSources } from './sources/read-sources.ts';
import type { SiteSources } from './sources/site-sources.ts';
import { createTagPages } from './sources/tag-pages.ts';
import { processZoneWarning } from './sources/zone-warning.ts';
import { markdownOptionsFromConfig } from './markdown/create-markdown-processor.ts';
import { createSiteStylesheetCompiler } from './sass/create-site-stylesheet-compiler.ts';
import { PARALLEL_THRESHOLD, SharedWorkerPool } from './workers/worker-pool.ts';

export { CACHE_DIR } from './cache/open-build-caches.ts';
export { renderSite } from './render/render-site.ts';
export type { GeneratedFile } from './outputs/generate-files.ts';

/** With ConfigOverrides: `--config`, `--baseurl`, and where relative paths are resolved. */
export interface BuildOptions extends ConfigOverrides {
  source: string;
  /** Default: `_site` inside the source, or `destination:` from _config.yml. */
  destination?: string;
  drafts?: boolean;
  future?: boolean;
  unpublished?: boolean;
  /** `--theme-dir`: the theme's folder, instead of finding `theme: NAME`. */
  themeDir?: string;
  /** Where files go; default: the disk, swapped into place atomically. */
  writer?: SiteWriter;
  /** The build's clock, for future posts and `site.time`. Default: SOURCE_DATE_EPOCH when set, else now. */
  now?: Date;
  /** Makes a plugin named in `plugins:` that tryck does not provide an error rather than a warning. */
  strict?: boolean;
  /** Receives warnings as they arise (unknown plugins, URL conflicts). */
  onWarning?: (message: string) => void;
  /** Receives a short line as each step starts, for a progress display. */
  onProgress?: (step: string) => void;
  /**
   * Called as soon as the build knows it renders many pages (MANY_PAGES or more): at once when no
   * cache holds an earlier build's documents, or else once it knows which pages it carries over.
   */
  onManyPages?: () => void;
  /** Keeps Markdown conversions between builds (watch mode). */
  markdownCache?: MarkdownCache;
  /** Keeps the Markdown texts' keys between builds, with markdownCache (watch mode). */
  markdownKeys?: MarkdownKeys;
  /** Keeps parsed front matter between builds (watch mode). */
  frontMatterCache?: FrontMatterCache;
  /** Keeps the documents made from unchanged files between builds (watch mode). */
  documentCache?: DocumentCache;
  /** Reads and writes `.tryck-cache/` in the source (default true; `--no-cache` turns it off). */
  cache?: boolean;
  /** Converts Markdown in worker threads when there is enough of it (default true). */
  workers?: boolean;
  /**
   * Receives each page as soon as it is finished; the plan then does not keep page outputs
   * (`streamed`), so a large site is never held in memory whole.
   */
  onPage?: (page: RenderedDocument, config: SiteConfig, workersRunning: boolean) => Promise<void> | void;
  /** Keep every page's output in the returned plan instead of streaming it out (watch mode diffs them). */
  keepOutputs?: boolean;
  /** Carries over unchanged pages from the last build's destination (build() sets it up). */
  openPageCache?: (config: SiteConfig, now: Date) => PageCache | undefined;
}

/** Everything a build produces, before anything is written. */
export interface SitePlan {
  config: SiteConfig;
  /** What was read; in a streamed plan the posts' bodies are let go ('') once rendered. */
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
  /** Pages carried over from the last build and pages rendered, when the page cache was used. */
  pageCache?: PageCacheStats;
}

/** From this many pages to render, a build counts as large (BuildOptions.onManyPages). */
export const MANY_PAGES = 200;

export async function build(options: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const caches = options.markdownCache === undefined && options.cache !== false ? openBuildCaches(options.source) : undefined;
  let manyPages = options.onManyPages;
  if (manyPages && (!caches || caches.empty)) {
    manyPages();
    manyPages = undefined;
  }
  // Pages go to the writer as they are finished, so a large site never sits in memory whole.
  let writer: SiteWriter | undefined = options.writer;
  let queue: WriteQueue | undefined;
  const pageCache = (config: SiteConfig, now: Date): PageCache | undefined =>
    caches && !options.writer && !options.keepOutputs ? caches.openPageCache(config.destination, now, config.timezone) : undefined;
  const plan = await planSite({
    ...options,
    onManyPages: manyPages,
    markdownCache: options.markdownCache ?? caches?.markdown,
    frontMatterCache: options.frontMatterCache ?? caches?.frontMatter,
    documentCache: options.documentCache ?? caches?.documents,
    openPageCache: options.openPageCache ?? pageCache,
    onPage: options.keepOutputs
      ? undefined
      : (page, config, workersRunning) => {
          writer ??= createDiskWriter({ destination: config.destination, keepFiles: config.keepFiles, folderRecords: caches?.folderRecords });
          queue ??= createWriteQueue(writer);
          const { document } = page;
          // A page carried over is only noted (no promise, WriteQueue#carryOver).
          if (page.reuse !== undefined) return queue.carryOver(document.outputPath, page.reuse);
          // While the workers fill the cores, a page is written at once, not through the thread pool.
          return queue.write(document.outputPath, page.output, (file) => caches?.pages?.wrote(document, file), workersRunning);
        },
  }).catch(async (error: unknown) => {
    await queue?.drain().catch(() => undefined);
    await writer?.abort();
    throw error;
  });
  writer ??= createDiskWriter({ destination: plan.config.destination, keepFiles: plan.config.keepFiles, folderRecords: caches?.folderRecords });
  queue ??= createWriteQueue(writer);
  options.onProgress?.(`writing ${plan.generated.length + plan.sources.staticFiles.length} more files`);
  await writeSite(writer, queue, plan, caches?.pages);
  caches?.save();
  for (const warning of plan.warnings) options.onWarning?.(warning);
  return { ...summarize(plan, performance.now() - started), cache: caches?.stats, pageCache: caches?.pages?.stats };
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

/** Reads and renders the whole site in memory. */
export async function planSite(options: BuildOptions): Promise<SitePlan> {
  const now = options.now ?? buildTime();
  const { config, warnings } = loadConfig(options.source, options);
  checkDestination(config, options.destination !== undefined);
  configurePlugins(config);
  // Before the page cache looks at the site: a build killed while writing it is settled first.
  if (!options.writer) recoverInterruptedBuilds(config.destination);
  options.onProgress?.('reading the site');
  // One pool of workers for the build, started when there is Markdown to convert.
  const workers = options.workers !== false && SharedWorkerPool.available() ? new SharedWorkerPool(markdownOptionsFromConfig(config.kramdown)) : undefined;
  try {
    // Posts whose front matter is not in the cache have Markdown to convert too: once there are
    // enough of them, the workers are started, to boot while the rest of the site is read.
    let parsed = 0;
    const onParse = (): void => {
      if (++parsed === PARALLEL_THRESHOLD) workers?.use();
    };
    const sources = readSources(config, { now, frontMatterCache: options.frontMatterCache, documentCache: options.documentCache, onParse });
    runGenerators({ config, sources });
    const zoneWarning = processZoneWarning(config, sources.posts);
    if (zoneWarning) warnings.push(zoneWarning);
    warnings.push(...warnMissingPlugins(config, sources, options.strict));
    paginatePages(config, sources);
    createTagPages(config, sources);
    const stylesheets = await createSiteStylesheetCompiler(config, sources);

    options.onProgress?.(`rendering ${sources.posts.length} posts and ${sources.pages.length} pages`);
    const onPage = options.onPage;
    const { rendered, context } = await renderSiteWithContext(config, sources, now, {
      markdownCache: options.markdownCache,
      markdownKeys: options.markdownKeys,
      parallel: options.workers !== false,
      workers,
      onPage: onPage && ((page) => onPage(page, config, workers?.running ?? false)),
      pageCache: options.openPageCache?.(config, now),
      onRenderPlan: (pages) => {
        if (pages >= MANY_PAGES) options.onManyPages?.();
      },
      // A streamed build reads each source once; a watcher renders them again.
      releaseBodies: onPage !== undefined,
      stylesheets,
    });
    // After rendering: Liquid adds its warnings (markup read laxly) to the sources' as it parses.
    warnings.push(...sources.warnings);
    const generated = [...generateFiles(config, sources, rendered, now, context.site), ...(stylesheets?.sourceMaps() ?? [])];
    warnOnConflicts(rendered, generated, sources, warnings);
    return { config, sources, rendered, generated, warnings, context, streamed: onPage !== undefined };
  } catch (error) {
    throw blameMissingPlugins(error, config);
  } finally {
    await workers?.close();
  }
}

export function summarize(plan: SitePlan, milliseconds: number): BuildSummary {
  return {
    destination: plan.config.destination,
    // Collection documents that are written count as pages.
    pages: plan.sources.pages.length + plan.sources.collections.reduce((sum, c) => sum + c.docs.filter((doc) => doc.written !== false).length, 0),
    posts: plan.sources.posts.length,
    staticFiles: plan.sources.staticFiles.length,
    milliseconds,
    warnings: plan.warnings,
    plan,
  };
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

/**
 * Writes what the pages left: static files first (a page at the same URL wins), then generated files.
 * A static or generated file whose copy in the current site the page cache knows to be current is kept.
 */
async function writeSite(writer: SiteWriter, queue: WriteQueue, plan: SitePlan, pageCache?: DiskPageCache): Promise<void> {
  try {
    const pagePaths = new Set(plan.rendered.map((page) => page.document.outputPath));
    for (const file of plan.sources.staticFiles) {
      if (pagePaths.has(file.outputPath)) continue;
      const kept = pageCache?.keptStaticFile(file);
      if (kept !== undefined) await queue.carryOver(file.outputPath, kept);
      else await queue.copy(file.outputPath, file.absolutePath, (copy) => pageCache?.copiedStaticFile(file, copy));
    }
    if (!plan.streamed) for (const page of plan.rendered) await queue.write(page.document.outputPath, page.output);
    for (const file of plan.generated) {
      const kept = pageCache?.generatedFile(file.outputPath, file.contents);
      if (kept?.current !== undefined) await queue.carryOver(file.outputPath, kept.current);
      else await queue.write(file.outputPath, file.contents, kept?.wrote);
    }
    await queue.drain();
    await writer.commit();
  } catch (error) {
    await writer.abort();
    throw error;
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
