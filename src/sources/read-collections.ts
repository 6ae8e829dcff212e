/**
 * Reads the collections other than posts (Jekyll's CollectionReader and Collection#read): each file
 * in `<collections_dir>/_NAME/` that starts with front matter is a document, any other file a static
 * file of the collection, written only if the collection is.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { SiteConfig } from '../config/site-config.ts';
import { joinInside } from '../join-inside.ts';
import { createCollectionDocument } from './create-collection-document.ts';
import type { EntryFilter } from './entry-filter.ts';
import { parseFrontMatter, startsWithFrontMatter, type FrontMatterCache } from './front-matter.ts';
import { readSiteText } from './read-site-text.ts';
import { resolveDefaults } from './front-matter-defaults.ts';
import { listFilesRecursively } from './list-files.ts';
import { escapePath, expandPageUrl, addPermalinkSuffix } from './permalink.ts';
import type { CollectionSource, StaticFileSource } from './site-sources.ts';
import { sortCollectionDocuments } from './sort-collection-documents.ts';

export interface CollectionReadOptions {
  now: Date;
  frontMatterCache?: FrontMatterCache;
  onWarning: (message: string) => void;
}

export function readCollections(config: SiteConfig, filter: EntryFilter, options: CollectionReadOptions): CollectionSource[] {
  return config.collections
    .filter((collection) => collection.label !== 'posts')
    .map((collection) => {
      const relativeDirectory = `_${collection.label}`;
      const base = config.collectionsDir ? `${config.collectionsDir}/${relativeDirectory}` : relativeDirectory;
      const source: CollectionSource = { config: collection, relativeDirectory, directory: path.join(config.source, base), docs: [], files: [] };
      for (const relativePath of isDirectory(source.directory) ? listFilesRecursively(config.source, base) : []) {
        const inFolder = relativePath.slice(base.length + 1);
        if (!acceptsInCollection(filter, base, inFolder)) continue;
        const absolutePath = joinInside(config.source, relativePath);
        const stat = statSync(absolutePath);
        const file = { relativePath, absolutePath, modifiedTime: stat.mtime };
        const collectionPath = `${relativeDirectory}/${inFolder}`;
        if (!startsWithFrontMatter(absolutePath)) {
          source.files.push(createCollectionFile(file, collectionPath, collection.label, collection.permalink, config, stat));
          continue;
        }
        const parsed = parseFrontMatter(readSiteText(absolutePath, relativePath, config.limits.fileBytes), relativePath, config.timezone, options.frontMatterCache, stat, options.onWarning);
        const defaults = resolveDefaults(config.defaults, relativePath, collection.label, config.collectionsDir);
        const doc = createCollectionDocument({ file, parsed, collection, collectionPath, defaults, config, now: options.now });
        if (config.unpublished || doc.data.published !== false) source.docs.push(doc);
      }
      source.docs = sortCollectionDocuments(source.docs, collection, options.onWarning);
      return source;
    });
}

/**
 * Collection#entry_filter: a name is skipped when the path inside the collection or the file's own
 * name starts with `.`, `_`, `#` or `~` (a folder deeper down is not checked), or when it is excluded.
 */
function acceptsInCollection(filter: EntryFilter, base: string, inFolder: string): boolean {
  const first = inFolder.split('/')[0];
  if (first !== inFolder && !filter.accepts(`${base}/${first}`, true)) return false;
  return filter.accepts(`${base}/${inFolder}`, false);
}

/** StaticFile of a collection: its URL from the collection's template, its extension kept. */
function createCollectionFile(
  file: { relativePath: string; absolutePath: string; modifiedTime: Date },
  collectionPath: string,
  label: string,
  permalink: string | undefined,
  config: SiteConfig,
  identity: { ino: number; size: number; mtimeMs: number; ctimeMs: number },
): StaticFileSource {
  const ext = path.posix.extname(collectionPath);
  const cleaned = collectionPath.slice(0, collectionPath.length - ext.length).replace(/\.*$/, '').replace(`_${label}`, '');
  const template = permalink ?? addPermalinkSuffix('/:collection/:path', config.permalinkStyle);
  const placeholders = { collection: label, path: cleaned, output_ext: '', name: path.posix.basename(collectionPath), title: '' };
  const url = `${expandPageUrl(template, placeholders).replace(/\/$/, '')}${escapePath(ext)}`;
  const { ino, size, mtimeMs, ctimeMs } = identity;
  return {
    relativePath: file.relativePath,
    absolutePath: file.absolutePath,
    // StaticFile#destination: the URL's folder, then the file's own name.
    outputPath: `${path.posix.dirname(decodeURI(url))}/${path.posix.basename(collectionPath)}`.replace(/^\/+/, ''),
    url,
    modifiedTime: file.modifiedTime,
    identity: { ino, size, mtimeMs, ctimeMs },
    data: resolveDefaults(config.defaults, file.relativePath, label, config.collectionsDir),
    collection: label,
    collectionPath,
  };
}

function isDirectory(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}
