/**
 * `_data/` as `site.data`: YAML and JSON files, folders as nested maps, keys named as Jekyll's
 * DataReader names them.
 */
import path from 'node:path';
import type { SiteConfig } from '../config/site-config.ts';
import { BuildError } from '../errors.ts';
import { parseJekyllYaml } from './front-matter.ts';
import { listFilesRecursively } from './list-files.ts';
import { readSiteText } from './read-site-text.ts';

export function readDataFolder(config: SiteConfig): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const relativePath of listFilesRecursively(config.source, config.dataDir)) {
    const inFolder = relativePath.slice(config.dataDir.length + 1);
    const ext = path.posix.extname(inFolder).toLowerCase();
    if (!['.yml', '.yaml', '.json'].includes(ext)) continue;
    if (inFolder.split('/').some((part) => part.startsWith('.') || part.startsWith('_'))) continue;
    const text = readSiteText(path.join(config.source, relativePath), relativePath, config.limits.fileBytes);
    let value: unknown;
    if (ext === '.json') {
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new BuildError(`Invalid JSON: ${(error as Error).message}`, { file: relativePath, cause: error });
      }
    } else {
      value = parseJekyllYaml(text, relativePath, config.timezone);
    }
    const parts = inFolder.split('/');
    let target = data;
    for (const folder of parts.slice(0, -1)) {
      const key = sanitizeDataKey(folder);
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    target[sanitizeDataKey(path.posix.basename(parts.at(-1)!, path.posix.extname(parts.at(-1)!)))] = value;
  }
  return data;
}

/** DataReader#sanitize_filename: drop characters other than word, space and dash; spaces become `_`. */
function sanitizeDataKey(name: string): string {
  return name.replace(/[^\w\s-]+/g, '').replace(/\s+/g, '_');
}
