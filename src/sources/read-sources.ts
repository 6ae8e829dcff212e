/**
 * Reads a site folder as Jekyll's Reader does: posts from every `_posts` (and `_drafts` with --drafts),
 * pages (files with front matter), static files (everything else), layouts, includes and data.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { SiteConfig } from '../config/site-config.ts';
import { createEntryFilter, type EntryFilter } from './entry-filter.ts';
import { createPage, createPost, isPostFileName, type FileInfo } from './create-document.ts';
import { DocumentShelf, type DocumentCache } from './document-cache.ts';
import { resolveDefaults } from './front-matter-defaults.ts';
import { parseFrontMatter, startsWithFrontMatter, readUnchangedFile, type FileIdentity, type FrontMatterCache } from './front-matter.ts';
import { readCollections } from './read-collections.ts';
import { readDataFolder } from './read-data.ts';
import { entryIsDirectory, listDirectory, listFilesRecursively } from './list-files.ts';
import type { SiteSources, SourceDocument, StaticFileSource, TemplateFile } from './site-sources.ts';
import { joinInside } from '../join-inside.ts';
import { readSiteText } from './read-site-text.ts';
import { deepMerge } from '../config/load-config.ts';
import { listThemeFiles } from '../theme/list-theme-files.ts';
import type { Theme } from '../theme/theme.ts';

export interface ReadOptions {
  /** The build's notion of "now": posts after it are future posts. */
  now: Date;
  /** Keeps parsed front matter between builds. */
  frontMatterCache?: FrontMatterCache;
  /** Called for each post whose front matter was not in the cache: a cold build is under way. */
  onParse?: () => void;
  /** Keeps the documents made from files between builds (DocumentShelf). */
  documentCache?: DocumentCache;
}

export function readSources(config: SiteConfig, options: ReadOptions): SiteSources {
  const filter = createEntryFilter({ include: config.include, exclude: config.exclude });
  const destinationRelative = path.relative(config.source, config.destination).split(path.sep).join('/');
  const shelf = options.documentCache && new DocumentShelf(options.documentCache, config);
  const sources: SiteSources = {
    posts: [],
    pages: [],
    staticFiles: [],
    collections: [],
    layouts: readTemplates(config, config.layoutsDir, true),
    includes: readTemplates(config, config.includesDir, false),
    data: readDataFolder(config),
    warnings: [],
  };
  // The theme's layouts, includes and data lie under the site's own (theme.rb, jekyll-data).
  if (config.theme) layerTheme(config, config.theme, sources);

  const warn = (message: string): void => {
    sources.warnings.push(message);
  };
  const walk = (dir: string): void => {
    if (holdsPosts(config, dir)) {
      readPostFolder(config, filter, dir, '_posts', 'post', options, sources, shelf);
      if (config.drafts) readPostFolder(config, filter, dir, '_drafts', 'draft', options, sources, shelf);
    }
    for (const entry of listDirectory(path.join(config.source, dir))) {
      const relativePath = dir ? `${dir}/${entry.name}` : entry.name;
      const isDirectory = entryIsDirectory(entry, config.source, relativePath);
      if (!filter.accepts(relativePath, isDirectory)) continue;
      if (isDirectory) {
        if (relativePath !== destinationRelative) walk(relativePath);
        continue;
      }
      const { file, identity } = statFile(config.source, relativePath);
      const known = shelf?.find(file, identity, 'page');
      if (known) {
        if (isPublished(known, config)) sources.pages.push(known);
        continue;
      }
      // Only a file's first line decides page or static file: images and PDFs are never read whole.
      if (startsWithFrontMatter(file.absolutePath)) {
        const parsed = parseFrontMatter(readSiteText(file.absolutePath, relativePath, config.limits.fileBytes), relativePath, config.timezone, options.frontMatterCache, undefined, warn);
        const page = createPage(file, parsed, resolveDefaults(config.defaults, relativePath, 'pages'), config);
        shelf?.keep(page, identity, parsed.bodyStart);
        if (isPublished(page, config)) sources.pages.push(page);
      } else {
        sources.staticFiles.push(createStaticFile(file, config, identity));
      }
    }
  };
  walk('');
  sources.collections = readCollections(config, filter, { now: options.now, frontMatterCache: options.frontMatterCache, onWarning: (message) => sources.warnings.push(message) });
  for (const collection of sources.collections) if (collection.config.output) sources.staticFiles.push(...collection.files);
  if (config.theme) readThemeAssets(config, config.theme, sources);

  sources.posts = sources.posts.filter((post) => isPublished(post, config) && (config.future || post.date!.getTime() <= options.now.getTime()));
  sortPosts(sources.posts);
  return sources;
}

/** Jekyll sorts posts by date, then by path for posts of the same date. Oldest first here; `site.posts` reverses. */
export function sortPosts(posts: SourceDocument[]): void {
  posts.sort((a, b) => a.date!.getTime() - b.date!.getTime() || (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
}

/**
 * With `collections_dir`, posts are read only below it (Reader#outside_configured_directory?, which
 * compares as a plain prefix: `/docs` also takes `/docs-old`).
 */
function holdsPosts(config: SiteConfig, dir: string): boolean {
  return config.collectionsDir === '' || `/${dir}`.startsWith(`/${config.collectionsDir}`);
}

function isPublished(document: SourceDocument, config: SiteConfig): boolean {
  return config.unpublished || document.data.published !== false;
}

function readPostFolder(
  config: SiteConfig,
  filter: EntryFilter,
  dir: string,
  folder: '_posts' | '_drafts',
  kind: 'post' | 'draft',
  options: ReadOptions,
  sources: SiteSources,
  shelf: DocumentShelf | undefined,
): void {
  const base = dir ? `${dir}/${folder}` : folder;
  for (const relativePath of listFilesRecursively(config.source, base)) {
    const inFolder = relativePath.slice(base.length + 1);
    if (!acceptsEveryLevel(filter, base, inFolder)) continue;
    if (kind === 'post' && !isPostFileName(inFolder)) continue;
    const { file, identity } = statFile(config.source, relativePath);
    const known = shelf?.find(file, identity, kind);
    if (known) {
      sources.posts.push(withCollectionPath(known, config));
      continue;
    }
    const cache = options.frontMatterCache;
    const parsed =
      (cache && readUnchangedFile(file.absolutePath, relativePath, identity, config.timezone, cache)) ??
      parseFrontMatter(readSiteText(file.absolutePath, relativePath, config.limits.fileBytes), relativePath, config.timezone, cache, identity, (message) => sources.warnings.push(message));
    if (!parsed.fromCache) options.onParse?.();
    const scopeType = kind === 'post' ? 'posts' : 'drafts';
    // Below collections_dir, a post's categories come from the folders under it (Document#relative_path).
    const categoryDir = config.collectionsDir && dir.startsWith(config.collectionsDir) ? dir.slice(config.collectionsDir.length).replace(/^\//, '') : dir;
    const post = createPost(file, parsed, kind, categoryDir, resolveDefaults(config.defaults, relativePath, scopeType, config.collectionsDir), config);
    shelf?.keep(post, identity, parsed.bodyStart);
    sources.posts.push(withCollectionPath(post, config));
  }
}

/** A post's relative_path is relative to collections_dir. */
function withCollectionPath(post: SourceDocument, config: SiteConfig): SourceDocument {
  if (config.collectionsDir && post.relativePath.startsWith(`${config.collectionsDir}/`)) post.collectionPath = post.relativePath.slice(config.collectionsDir.length + 1);
  return post;
}

function createStaticFile(file: FileInfo, config: SiteConfig, identity: FileIdentity): StaticFileSource {
  const url = `/${file.relativePath.split('/').map(encodeStaticSegment).join('/')}`;
  const { ino, size, mtimeMs, ctimeMs } = identity;
  return {
    relativePath: file.relativePath,
    absolutePath: file.absolutePath,
    outputPath: file.relativePath,
    url,
    modifiedTime: file.modifiedTime,
    identity: { ino, size, mtimeMs, ctimeMs },
    data: resolveDefaults(config.defaults, file.relativePath, undefined),
  };
}

function encodeStaticSegment(segment: string): string {
  return /^[a-zA-Z0-9._~!$&'()*+,;=:@-]*$/.test(segment) ? segment : encodeURIComponent(segment);
}

function readTemplates(config: SiteConfig, folder: string, isLayout: boolean): Map<string, TemplateFile> {
  const files = listFilesRecursively(config.source, folder).map((relativePath) => ({
    relativePath,
    inFolder: relativePath.slice(folder.length + 1),
    absolutePath: path.join(config.source, relativePath),
  }));
  return templatesOf(config, files, isLayout);
}

function templatesOf(config: SiteConfig, files: Array<{ relativePath: string; inFolder: string; absolutePath: string }>, isLayout: boolean): Map<string, TemplateFile> {
  const templates = new Map<string, TemplateFile>();
  for (const { relativePath, inFolder, absolutePath } of files) {
    if (inFolder.split('/').some((part) => part.startsWith('.'))) continue;
    const text = readSiteText(absolutePath, relativePath, config.limits.fileBytes);
    // Layouts have front matter; includes are plain text, where a leading `---` is just content.
    const parsed = isLayout
      ? parseFrontMatter(text, relativePath, config.timezone)
      : { data: {}, body: text, bodyLineOffset: 0, hasFrontMatter: false };
    // A layout is named by its path without the extension (LayoutReader#layout_name).
    const name = isLayout ? inFolder.replace(/\.[^./]*$/, '') : inFolder;
    templates.set(name, { name, relativePath, data: parsed.data, body: parsed.body, bodyLineOffset: parsed.bodyLineOffset });
  }
  return templates;
}

/** Theme templates are named by their absolute path in messages; the site's own take precedence. */
function layerTheme(config: SiteConfig, theme: Theme, sources: SiteSources): void {
  const themeTemplates = (dir: string | undefined, isLayout: boolean): Map<string, TemplateFile> =>
    templatesOf(
      config,
      listThemeFiles(theme, dir, sources.warnings, 'inside').map((file) => ({ ...file, relativePath: file.absolutePath })),
      isLayout,
    );
  sources.layouts = new Map([...themeTemplates(theme.layoutsDir, true), ...sources.layouts]);
  sources.includes = new Map([...themeTemplates(theme.includesDir, false), ...sources.includes]);
  // jekyll-data: the theme's data under the site's, deep-merged; only when the plugin is loaded.
  if (theme.dataDir && config.plugins.includes('jekyll-data')) {
    const themeData = readDataFolder({ ...config, source: theme.root, dataDir: path.relative(theme.root, theme.dataDir) });
    sources.data = deepMerge(themeData, sources.data);
  }
}

/**
 * ThemeAssetsReader: the theme's `assets`, as pages (with front matter) or static files, unless the
 * site has a file at the same path.
 */
function readThemeAssets(config: SiteConfig, theme: Theme, sources: SiteSources): void {
  const taken = new Set([...sources.pages.map((page) => page.relativePath), ...sources.staticFiles.map((file) => file.relativePath)]);
  for (const { inFolder, absolutePath } of listThemeFiles(theme, theme.assetsDir, sources.warnings, 'never')) {
    const relativePath = `assets/${inFolder}`;
    if (taken.has(relativePath)) continue;
    const identity = statSync(absolutePath);
    const file: FileInfo = { relativePath, absolutePath, modifiedTime: identity.mtime };
    if (startsWithFrontMatter(absolutePath)) {
      const parsed = parseFrontMatter(readSiteText(absolutePath, relativePath, config.limits.fileBytes), absolutePath, config.timezone);
      const page = createPage(file, parsed, resolveDefaults(config.defaults, relativePath, 'pages'), config);
      if (isPublished(page, config)) sources.pages.push(page);
    } else {
      sources.staticFiles.push(createStaticFile(file, config, identity));
    }
  }
}

/** Jekyll's entry filter applies to every name below `_posts`, folders included. */
function acceptsEveryLevel(filter: EntryFilter, base: string, inFolder: string): boolean {
  if (!inFolder.includes('/')) return filter.accepts(`${base}/${inFolder}`, false);
  const parts = inFolder.split('/');
  return parts.every((_, i) => filter.accepts(`${base}/${parts.slice(0, i + 1).join('/')}`, i < parts.length - 1));
}

function statFile(source: string, relativePath: string): { file: FileInfo; identity: FileIdentity } {
  const absolutePath = joinInside(source, relativePath);
  const stat = statSync(absolutePath);
  return { file: { relativePath, absolutePath, modifiedTime: stat.mtime }, identity: stat };
}
