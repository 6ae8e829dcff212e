/**
 * The caches a one-shot build keeps in `.tryck-cache/`: Markdown conversions, parsed front matter and
 * the documents made from files, each fingerprinted by the code that computes it.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { BuildError } from '../errors.ts';
import type { MarkdownCache } from '../markdown/cached-markdown-processor.ts';
import type { DocumentCache } from '../sources/document-cache.ts';
import type { FrontMatterCache } from '../sources/front-matter.ts';
import { keepOffsetsIn, saveOffsets } from '../sources/zone-offsets.ts';
import { DiskPageCache } from './page-cache.ts';
import { codeFingerprint, PersistentCache, type CacheStats } from './persistent-cache.ts';

/** Where the persistent cache lives, inside the site source (Jekyll's is .jekyll-cache). */
export const CACHE_DIR = '.tryck-cache';

export interface BuildCaches {
  markdown: MarkdownCache;
  frontMatter: FrontMatterCache;
  documents: DocumentCache;
  /** Whether no earlier build left documents: every page is rendered. */
  readonly empty: boolean;
  /** Markdown conversions served from disk, and converted by this build. */
  stats: CacheStats;
  /**
   * Opens the page cache for a build into `destination` at `time` (one per build).
   */
  openPageCache(destination: string, time: Date, timeZone: string): DiskPageCache;
  /** Pages carried over and rendered, once a page cache was opened. */
  readonly pages: DiskPageCache | undefined;
  /** Where the disk writer keeps the listings of the site's folders (outputs/site-folders.ts). */
  readonly folderRecords: string;
  /** Writes what this build used; call after a successful build. */
  save(): void;
}

export function openBuildCaches(source: string): BuildCaches {
  const directory = path.join(path.resolve(source), CACHE_DIR);
  checkCacheFolder(directory);
  // Sharded: an edited post rewrites one shard of the conversions, not all 30 MB at 4000 posts. With
  // 16 shards of 2 MB, that took 12-17 ms of an edited build; with 64, 4-6 ms, and opening them 1 ms
  // more (timed in the build, 6 builds each).
  const markdown = PersistentCache.open(directory, 'markdown', codeFingerprint('markdown'), { shards: 64 });
  // Sharded too: an edited post changes two entries (its digest under its identity, its front matter).
  const frontMatter = PersistentCache.open(directory, 'front-matter', codeFingerprint('sources/front-matter.ts', 'sources/simple-yaml.ts', 'sources/jekyll-time.ts', 'sources/zone-offsets.ts'), { shards: 16 });
  // Sharded: an edited post changes its own entry. Keyed by the configuration too (DocumentShelf).
  const documents = PersistentCache.open(directory, 'documents', codeFingerprint('.'), { shards: 16, strings: true });
  // The zone offsets of the posts' dates are kept with their front matter.
  keepOffsetsIn(frontMatter);
  let pages: DiskPageCache | undefined;
  let contents: PersistentCache | undefined;
  return {
    // Markdown keys are hashes already (MarkdownKeys), and the page cache's records refer to them.
    markdown: { get: (key) => markdown.getByHash(key), has: (key) => markdown.hasHash(key), set: (key, html) => markdown.setByHash(key, html) },
    frontMatter,
    documents,
    empty: documents.keptEntries === 0,
    stats: markdown.stats,
    folderRecords: path.join(directory, 'site-folders.v8'),
    openPageCache(destination, time, timeZone) {
      // Any change to the generator's code starts the page cache afresh.
      // Sharded: an edited post changes its own record and its neighbours'.
      const store = PersistentCache.open(directory, 'pages', codeFingerprint('.'), { shards: 16, strings: true });
      // Kept by the digest of the HTML itself: an entry can never be stale, whatever code made it.
      contents = PersistentCache.open(directory, 'page-contents', 'by-digest', { shards: 16 });
      pages = new DiskPageCache(store, markdown, contents, destination, time, timeZone);
      return pages;
    },
    get pages() {
      return pages;
    },
    save() {
      markdown.save();
      saveOffsets();
      // Saving replaces the shards: a later build in this process without a cache must not read them.
      keepOffsetsIn(undefined);
      frontMatter.save();
      documents.save();
      pages?.save();
      contents?.save();
    },
  };
}

/** `.tryck-cache` must be a folder, or absent: anything else is a plain error, not an errno. */
function checkCacheFolder(directory: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(directory).isDirectory();
  } catch {
    return;
  }
  if (!isDirectory) {
    throw new BuildError(`${CACHE_DIR} is a file, but tryck keeps its cache in a folder of that name.`, {
      file: CACHE_DIR,
      hint: `Remove ${CACHE_DIR}, or build with --no-cache.`,
    });
  }
}
