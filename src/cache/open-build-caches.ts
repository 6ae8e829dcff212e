/**
 * The caches a one-shot build keeps in `.tryck-cache/`: Markdown conversions and parsed front matter,
 * each fingerprinted by the code that computes it.
 */
import path from 'node:path';
import type { MarkdownCache } from '../markdown/cached-markdown-processor.ts';
import type { FrontMatterCache } from '../sources/front-matter.ts';
import { codeFingerprint, PersistentCache, type CacheStats } from './persistent-cache.ts';

/** Where the persistent cache lives, inside the site source (Jekyll's is .jekyll-cache). */
export const CACHE_DIR = '.tryck-cache';

export interface BuildCaches {
  markdown: MarkdownCache;
  frontMatter: FrontMatterCache;
  /** Markdown conversions served from disk, and converted by this build. */
  stats: CacheStats;
  /** Writes what this build used; call after a successful build. */
  save(): void;
}

export function openBuildCaches(source: string): BuildCaches {
  const directory = path.join(path.resolve(source), CACHE_DIR);
  const markdown = PersistentCache.open(directory, 'markdown', codeFingerprint('markdown'));
  const frontMatter = PersistentCache.open(directory, 'front-matter', codeFingerprint('sources/front-matter.ts', 'sources/jekyll-time.ts'));
  return {
    markdown,
    frontMatter,
    stats: markdown.stats,
    save() {
      markdown.save();
      frontMatter.save();
    },
  };
}
