/**
 * jekyll-archives 2.2: a page per tag, category, year, month or day, as `jekyll-archives:` enables
 * them (`enabled: all`, `true` or a list), rendered with `layout` (or `layouts: {type: …}`) at
 * `permalinks` (`/tag/:name/`, `/:year/:month/`…). Each has `page.type`, `page.title` (the tag or
 * category; nil for dates), `page.date` (the first day of a date archive) and `page.posts`, newest first.
 */
import path from 'node:path';
import { deepMerge } from '../config/load-config.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { slugify } from '../liquid/filters/slugify.ts';
import type { Payload } from '../render/document-payload.ts';
import { resolveDefaults } from '../sources/front-matter-defaults.ts';
import { JekyllDate } from '../sources/jekyll-time.ts';
import { datePlaceholders, expandPageUrl, outputPathForUrl, unescapePath } from '../sources/permalink.ts';
import type { SourceDocument } from '../sources/site-sources.ts';
import type { GeneratorSite, JekyllPlugin } from './jekyll-plugin.ts';

/** Jekyll::Archives::Archives::DEFAULTS. */
const DEFAULTS = {
  layout: 'archive',
  enabled: [],
  permalinks: { year: '/:year/', month: '/:year/:month/', day: '/:year/:month/:day/', tag: '/tag/:name/', category: '/category/:name/' },
};

/** Where an archive page's posts are kept until the payloads exist: the posts' paths, newest first. */
const POSTS = 'posts';
/** Marks the pages this plugin made (the path after `#`), for linkPagePayloads. */
const MARK = '#jekyll-archives';

type ArchiveType = 'tag' | 'category' | 'year' | 'month' | 'day';

export const jekyllArchives: JekyllPlugin = {
  name: 'jekyll-archives',
  generatePages({ config, sources }: GeneratorSite): void {
    const settings = deepMerge(structuredClone(DEFAULTS) as Record<string, unknown>, objectOr(config.raw['jekyll-archives']));
    // The generator writes its merged settings back: templates see them as site.jekyll-archives.
    config.raw['jekyll-archives'] = settings;
    const enabled = (type: string): boolean =>
      settings.enabled === true || settings.enabled === 'all' || (Array.isArray(settings.enabled) && settings.enabled.includes(type));
    const add = (title: string | { year: string; month?: string; day?: string }, type: ArchiveType, posts: SourceDocument[]): void => {
      sources.pages.push(createArchive(config, settings, title, type, posts));
    };
    if (enabled('tags')) for (const [name, posts] of groupPosts(sources.posts, 'tags')) add(name, 'tag', posts);
    if (enabled('categories')) for (const [name, posts] of groupPosts(sources.posts, 'categories')) add(name, 'category', posts);
    const part = (post: SourceDocument, key: 'year' | 'month' | 'day'): string => datePlaceholders(post.date!, config.timezone)[key]!;
    // Years in the order first seen, oldest post first; a year's months (and a month's days) in the
    // order of its posts, newest first, as the plugin's hashes fill.
    for (const [year, yearPosts] of groupBy(sources.posts, (post) => part(post, 'year'))) {
      if (enabled('year')) add({ year }, 'year', yearPosts);
      for (const [month, monthPosts] of groupBy(yearPosts, (post) => part(post, 'month'))) {
        if (enabled('month')) add({ year, month }, 'month', monthPosts);
        for (const [day, dayPosts] of groupBy(monthPosts, (post) => part(post, 'day'))) {
          if (enabled('day')) add({ year, month, day }, 'day', dayPosts);
        }
      }
    }
  },

  linkPagePayloads(pages, payloads, posts): void {
    let byPath: Map<string, Payload> | undefined;
    pages.forEach((page, i) => {
      if (!page.relativePath.endsWith(MARK)) return;
      const payload = payloads[i];
      byPath ??= new Map(posts().map((post) => [String(post.path), post]));
      const paths = (page.data[POSTS] as string[] | undefined) ?? [];
      payload.posts = paths.map((relativePath) => byPath!.get(relativePath)).filter((post) => post !== undefined);
      const relativePath = page.relativePath.slice(0, -MARK.length);
      payload.path = relativePath;
      payload.relative_path = relativePath;
      payload.name = path.posix.basename(relativePath, path.posix.extname(relativePath));
    });
  },
};

function createArchive(
  config: SiteConfig,
  settings: Record<string, unknown>,
  title: string | { year: string; month?: string; day?: string },
  type: ArchiveType,
  posts: SourceDocument[],
): SourceDocument {
  const permalinks = objectOr(settings.permalinks);
  const layouts = objectOr(settings.layouts);
  const layout = layouts[type] ?? settings.layout;
  // Archive#url_placeholders: the slug of a tag or category, the parts of a date.
  const placeholders = typeof title === 'string' ? { name: slugify(title) ?? undefined, type } : { ...title, type };
  const url = expandPageUrl(String(permalinks[type] ?? ''), placeholders);
  const outputPath = outputPathForUrl(url, '.html');
  // Archive#relative_path: the output path, which is also `page.path`.
  const relativePath = unescapePath(url).replace(/^\//, '') + (url.endsWith('/') ? 'index.html' : '');
  const date = typeof title === 'string' ? null : new JekyllDate(Number(title.year), Number(title.month ?? 1), Number(title.day ?? 1), config.timezone);
  return {
    kind: 'page',
    relativePath: `${relativePath}${MARK}`,
    absolutePath: config.source,
    data: {
      ...resolveDefaults(config.defaults, relativePath, 'pages'),
      layout,
      type,
      title: typeof title === 'string' ? title : null,
      date,
      permalink: null,
      [POSTS]: posts.map((post) => post.relativePath),
    },
    body: '',
    bodyLineOffset: 0,
    url,
    outputPath,
    outputExt: '.html',
    isMarkdown: false,
    modifiedTime: new Date(Math.max(0, ...posts.map((post) => post.modifiedTime.getTime()))),
  };
}

/** Site#post_attr_hash: names in the order first seen, oldest post first; each name's posts newest first. */
function groupPosts(posts: SourceDocument[], key: 'tags' | 'categories'): Map<string, SourceDocument[]> {
  const groups = new Map<string, SourceDocument[]>();
  for (const post of posts) {
    for (const value of (post.data[key] as unknown[] | undefined) ?? []) {
      const name = String(value);
      const group = groups.get(name);
      if (group) group.push(post);
      else groups.set(name, [post]);
    }
  }
  for (const list of groups.values()) list.reverse();
  return groups;
}

/** Posts grouped by a key in the order first met, each group newest first (`sort!.reverse!`). */
function groupBy(posts: SourceDocument[], keyOf: (post: SourceDocument) => string): Map<string, SourceDocument[]> {
  const groups = new Map<string, SourceDocument[]>();
  for (const post of posts) {
    const key = keyOf(post);
    const group = groups.get(key);
    if (group) group.push(post);
    else groups.set(key, [post]);
  }
  for (const [key, list] of groups) groups.set(key, sortNewestFirst(list));
  return groups;
}

function sortNewestFirst(posts: SourceDocument[]): SourceDocument[] {
  return [...posts].sort((a, b) => b.date!.getTime() - a.date!.getTime() || (a.relativePath < b.relativePath ? 1 : a.relativePath > b.relativePath ? -1 : 0));
}

function objectOr(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
