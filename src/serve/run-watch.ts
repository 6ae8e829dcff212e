/**
 * `tryck watch`: build, serve, and on every change rebuild in memory and write only the files whose
 * output changed. Markdown conversions are kept between rebuilds, so an edited post is the only one
 * converted again. The output after any series of changes equals a fresh full build.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { build, buildTime, listOutputs, planSite, type BuildOptions, type SitePlan } from '../build.ts';
import type { CommandLine } from '../cli/parse-arguments.ts';
import { BuildError, formatError } from '../errors.ts';
import { loadConfig } from '../config/load-config.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { GenerationalCache } from '../cache/generational-cache.ts';
import { MarkdownKeys } from '../markdown/cached-markdown-processor.ts';
import { MemoryPageCache } from '../cache/page-cache.ts';
import { classifyChange, type ChangeKind } from './classify-change.ts';
import { startDevServer, type DevServer } from './dev-server.ts';
import { stateOf, syncOutput, type Output, type OutputState } from './sync-output.ts';
import { rerenderPost } from './rerender-post.ts';
import { IdleCollector } from './idle-collector.ts';

/** Milliseconds between a post's save and writing its page: long enough for a save's second event. */
const FAST_PATH_PAUSE = 5;
/** How many posts the watcher renders after a build to warm its code up. */
const REHEARSALS = 24;

export interface Watcher {
  readonly server: DevServer;
  /** Resolves when the rebuilds triggered so far are done (for tests). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface WatchOptions extends Omit<BuildOptions, 'writer' | 'markdownCache' | 'markdownKeys'> {
  host?: string;
  port?: number;
  /** Milliseconds to wait for a burst of saves to end. */
  debounce?: number;
  log?: (line: string) => void;
}

export async function startWatching(options: WatchOptions): Promise<Watcher> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const cache = new GenerationalCache();
  const markdownKeys = new MarkdownKeys();
  const frontMatterCache = new GenerationalCache();
  const documentCache = new GenerationalCache();
  // Rebuilds carry unchanged pages over from the last one: an edited post re-renders itself, its
  // neighbours and the pages that list it.
  const pageCache = new MemoryPageCache();
  const buildOptions: BuildOptions = {
    ...options,
    markdownCache: cache,
    markdownKeys,
    frontMatterCache,
    documentCache,
    openPageCache: (config, now) => pageCache.begin(now, config.timezone),
  };
  let state: OutputState = new Map();
  let destination = path.resolve(options.source, options.destination ?? '_site');
  let config: SiteConfig | undefined;
  let drafts = new Set<string>();
  let lastPlan: SitePlan | undefined;

  const started = performance.now();
  let firstError: unknown;
  try {
    const summary = await build({ ...buildOptions, keepOutputs: true, onWarning: (w) => log(`warning: ${w}`) });
    destination = summary.destination;
    config = summary.plan.config;
    state = stateOf(outputsOf(summary.plan));
    drafts = draftOutputPaths(summary.plan);
    lastPlan = summary.plan;
    pageCache.finish();
    cache.nextGeneration();
    markdownKeys.nextGeneration();
    frontMatterCache.nextGeneration();
    documentCache.nextGeneration();
    log(`Built ${summary.posts} posts, ${summary.pages} pages, ${summary.staticFiles} static files in ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    firstError = error;
    log(formatError(error));
    try {
      config = loadConfig(options.source, options).config;
    } catch {
      // The config itself is broken: watch with Jekyll's folder names until it is fixed.
    }
  }

  const folders = {
    source: path.resolve(options.source),
    destination,
    layoutsDir: config?.layoutsDir ?? '_layouts',
    includesDir: config?.includesDir ?? '_includes',
    dataDir: config?.dataDir ?? '_data',
  };
  const server = await startDevServer({
    root: destination,
    host: options.host,
    port: options.port,
    baseurl: config?.baseurl ?? '',
    pageNotice: (relativePath) => (drafts.has(relativePath) ? DRAFT_BANNER : undefined),
  });
  if (firstError) server.showError(toOverlay(firstError));
  let errorShown = firstError !== undefined;
  log(`Serving ${server.url} — Ctrl+C stops`);

  let pending = new Set<ChangeKind>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  /** Writes an edited post's page at once when only its text changed; returns what it wrote. */
  const fastPath = async (kinds: Set<ChangeKind>, paths: Set<string>, begun: number): Promise<string[]> => {
    if (!lastPlan || [...kinds].some((kind) => kind !== 'post' && kind !== 'draft')) return [];
    const written: string[] = [];
    for (const file of paths) {
      const page = rerenderPost(lastPlan, file, { frontMatterCache });
      if (!page) return written;
      const previous = state.get(page.outputPath);
      const next = new Map<string, Output>([[page.outputPath, { contents: page.output }]]);
      const changed = await syncOutput(destination, previous === undefined ? new Map() : new Map([[page.outputPath, previous]]), next);
      for (const [outputPath, fingerprint] of stateOf(next)) state.set(outputPath, fingerprint);
      written.push(...changed);
    }
    if (written.length) {
      server.reload(written);
      log(`Wrote ${written.join(', ')} in ${Math.round(performance.now() - begun)} ms; updating the pages that list it…`);
    }
    return written;
  };

  // A post's own page is written after a short pause (an editor's save is one or two events close
  // together); the full rebuild, which brings the listing pages up to date, waits for the burst to end.
  let fastPending = new Set<string>();
  let fastTimer: NodeJS.Timeout | undefined;
  let fastRunning: Promise<void> = Promise.resolve();
  const runFastPath = (): void => {
    const kinds = new Set(pending);
    const paths = fastPending;
    fastPending = new Set();
    const begun = performance.now();
    fastRunning = fastRunning.then(async () => {
      // Only when nothing else is wrong: a standing error means the last plan may be stale.
      if (errorShown) return;
      await fastPath(kinds, paths, begun).catch(() => undefined); // the full rebuild reports it
    });
  };

  // The first build converts Markdown in workers, so the main thread's converter is cold: a saved
  // post took 20 ms to convert where a hot converter takes 4. After it the watcher rehearses on a few
  // posts, one per turn of the event loop so a save is never kept waiting behind them; after a
  // rebuild the code is hot. Garbage is collected while idle (IdleCollector).
  const collector = new IdleCollector();
  const rehearse = (): void => {
    const plan = lastPlan;
    if (!plan) return;
    const posts = plan.sources.posts.slice(0, REHEARSALS);
    const next = (i: number): void => {
      if (i >= posts.length) return collector.afterFirstBuild();
      try {
        rerenderPost(plan, posts[i].absolutePath, { rehearse: true, frontMatterCache });
      } catch {
        // A rehearsal only warms the code up; the real save reports any error.
      }
      setImmediate(() => next(i + 1));
    };
    setImmediate(() => next(0));
  };
  rehearse();

  const rebuild = async (kinds: Set<ChangeKind>): Promise<void> => {
    const begun = performance.now();
    try {
      const plan = await planSite({ ...buildOptions, now: buildTime() });
      const outputs = outputsOf(plan);
      const changed = await syncOutput(destination, state, outputs);
      state = stateOf(outputs);
      lastPlan = plan;
      pageCache.finish();
      errorShown = false;
      drafts = draftOutputPaths(plan);
      cache.nextGeneration();
      markdownKeys.nextGeneration();
      frontMatterCache.nextGeneration();
      documentCache.nextGeneration();
      for (const warning of plan.warnings) log(`warning: ${warning}`);
      server.clearError();
      if (changed.length) server.reload(changed);
      const { reused, rendered } = pageCache.stats;
      log(`Rebuilt (${[...kinds].join(', ')}): ${changed.length} files changed in ${Math.round(performance.now() - begun)} ms (${rendered} pages rendered, ${reused} reused)`);
      collector.afterRebuild();
    } catch (error) {
      log(formatError(error));
      errorShown = true;
      server.showError(toOverlay(error));
    }
  };

  const onChange = (kind: ChangeKind, file: string): void => {
    pending.add(kind);
    collector.cancel();
    if (kind === 'post' || kind === 'draft') {
      fastPending.add(file);
      clearTimeout(fastTimer);
      fastTimer = setTimeout(runFastPath, FAST_PATH_PAUSE);
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      const kinds = pending;
      pending = new Set();
      // After the fast path: the rebuild's long synchronous stretches would hold up its write.
      running = running.then(() => fastRunning).then(() => rebuild(kinds));
    }, options.debounce ?? 25);
  };
  const watcher: FSWatcher = watch(options.source, { recursive: true }, (_event, filename) => {
    if (!filename) return;
    const file = path.join(folders.source, filename.toString());
    const kind = classifyChange(file, folders);
    if (kind !== 'ignored') onChange(kind, file);
  });
  watcher.on('error', (error) => log(`watcher: ${(error as Error).message}`));
  // A theme outside the site (a gem, --theme-dir) or in its node_modules is watched too.
  const theme = config?.theme?.root;
  const themeWatched = theme === undefined || classifyChange(path.join(theme, '_layouts'), folders) !== 'ignored';
  const themeWatcher = themeWatched ? undefined : watch(theme, { recursive: true }, (_event, filename) => {
    if (filename) onChange('theme', path.join(theme, filename.toString()));
  });
  themeWatcher?.on('error', (error) => log(`watcher: ${(error as Error).message}`));

  return {
    server,
    async settled() {
      // Wait out the debounce window, then the rebuild it started.
      await new Promise((resolve) => setTimeout(resolve, (options.debounce ?? 25) + 20));
      while (timer && pending.size) await new Promise((resolve) => setTimeout(resolve, 10));
      await fastRunning;
      await running;
    },
    async close() {
      clearTimeout(timer);
      clearTimeout(fastTimer);
      watcher.close();
      themeWatcher?.close();
      await fastRunning;
      await running;
      await server.close();
    },
  };
}

/** The CLI entry: runs until interrupted. */
export async function runWatch(args: CommandLine): Promise<number> {
  const watcher = await startWatching({
    source: path.resolve(args.source),
    destination: args.destination ? path.resolve(args.destination) : undefined,
    drafts: args.drafts,
    future: args.future,
    unpublished: args.unpublished,
    strict: args.strict,
    themeDir: args.themeDir && path.resolve(args.themeDir),
    host: args.host,
    port: args.port,
  });
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await watcher.close();
  return 0;
}

function outputsOf(plan: SitePlan): Map<string, Output> {
  const outputs = new Map<string, Output>();
  const modified = new Map(plan.sources.staticFiles.map((file) => [file.absolutePath, file.modifiedTime.getTime()]));
  for (const [outputPath, output] of listOutputs(plan)) {
    outputs.set(outputPath, 'contents' in output ? output : { sourcePath: output.sourcePath, modifiedMs: modified.get(output.sourcePath) ?? 0 });
  }
  return outputs;
}

/** Shown on draft pages in the preview only; the files on disk never contain it. */
const DRAFT_BANNER =
  '<div role="note" data-tryck-draft style="position:fixed;left:0;right:0;bottom:0;z-index:2147483646;padding:.5rem 1rem;' +
  'background:#7a4d00;color:#fff;font:600 15px/1.4 system-ui,sans-serif;text-align:center;box-shadow:0 -2px 8px rgba(0,0,0,.3)">' +
  'Utkast: visas bara i förhandsgranskningen (tryck watch --drafts) och publiceras inte.</div>';

function draftOutputPaths(plan: Pick<SitePlan, 'rendered'>): Set<string> {
  return new Set(plan.rendered.filter((page) => page.document.kind === 'draft').map((page) => page.document.outputPath));
}

function toOverlay(error: unknown) {
  if (error instanceof BuildError) {
    return { message: error.message, file: error.file, line: error.line, column: error.column, excerpt: error.excerpt, hint: error.hint };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

