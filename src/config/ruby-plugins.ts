/**
 * Ruby plugins in `_plugins/` (the `plugins_dir`): Jekyll loads them unless in safe mode, as GitHub
 * Pages runs it. tryck cannot run Ruby, so a site that has some is told which, once.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

export function rubyPluginsWarning(root: string, pluginsDir: unknown): string | undefined {
  const dir = typeof pluginsDir === 'string' && pluginsDir !== '' ? pluginsDir : '_plugins';
  let files: string[];
  try {
    files = readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.rb'));
  } catch {
    return undefined;
  }
  if (files.length === 0) return undefined;
  const names = files.sort().map((file) => file.split(path.sep).join('/'));
  return (
    `${dir}/ holds Ruby plugins tryck cannot run (${names.join(', ')}): the pages, tags and filters they add are missing, ` +
    'as on GitHub Pages, which runs Jekyll in safe mode without them.'
  );
}
