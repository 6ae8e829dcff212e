/**
 * Parses the YAML of the posts' front matter in the worker threads before the site is read: YAML
 * is most of the cost of reading a large site, and it is pure. The results go into the front matter
 * cache under the keys readSources looks them up by, so reading then finds them parsed; anything a
 * worker could not parse (a mistake in the YAML) is parsed again by readSources, which reports it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SiteConfig } from '../config/site-config.ts';
import { PARALLEL_THRESHOLD, type SharedWorkerPool } from '../workers/worker-pool.ts';
import { frontMatterCacheKey, frontMatterYaml, type FrontMatterCache } from './front-matter.ts';
import { isPostFileName } from './create-document.ts';
import { listFilesRecursively } from './list-files.ts';

/**
 * Reads the site's `_posts` (and `_drafts` when drafts are built) and parses, in the workers, the
 * front matter the cache does not have, when there is enough of it to repay starting them. Returns
 * the texts read, by absolute path, so no file is read twice.
 */
export async function parseFrontMatterAhead(config: SiteConfig, cache: FrontMatterCache, workers: SharedWorkerPool): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const missing = new Map<string, string>();
  for (const folder of config.drafts ? ['_posts', '_drafts'] : ['_posts']) {
    for (const relativePath of listFilesRecursively(config.source, folder)) {
      // As readSources: in _posts only dated files are posts (an image beside them is never read).
      if (folder === '_posts' && !isPostFileName(relativePath.slice(folder.length + 1))) continue;
      const absolutePath = path.join(config.source, relativePath);
      const text = readFileSync(absolutePath, 'utf8');
      texts.set(absolutePath, text);
      const yaml = frontMatterYaml(text);
      if (yaml === undefined) continue;
      const key = frontMatterCacheKey(config.timezone, yaml);
      if (!cache.has(key)) missing.set(key, yaml);
    }
  }
  if (missing.size < PARALLEL_THRESHOLD && !workers.started) return texts;
  const pool = workers.use();
  const parsed = [...missing].map(([key, yaml]) =>
    pool.parseYaml(yaml, config.timezone).then(
      (encoded) => {
        if (encoded !== null) cache.set(key, encoded);
      },
      () => undefined,
    ),
  );
  pool.flush();
  await Promise.all(parsed);
  return texts;
}
