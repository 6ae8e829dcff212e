/**
 * The objects templates see: `page` for a document and `site` for the whole site, in the shape of
 * Jekyll's drops (DocumentDrop, SiteDrop) but as plain objects, which liquidjs reads fastest.
 */
import path from 'node:path';
import type { SiteConfig } from '../config/site-config.ts';
import type { SiteSources, SourceDocument, StaticFileSource } from '../sources/site-sources.ts';
import { JekyllTime } from '../sources/jekyll-time.ts';

export type Payload = Record<string, unknown>;

export function createDocumentPayload(document: SourceDocument): Payload {
  const name = path.posix.basename(document.relativePath);
  const payload: Payload = {
    ...document.data,
    url: document.url,
    path: document.relativePath,
    relative_path: document.relativePath,
    name,
    // Before rendering, `content` is the source text, as in Jekyll.
    content: document.body,
  };
  if (document.kind === 'page') {
    const dir = path.posix.dirname(document.url.endsWith('/') ? `${document.url}x` : document.url);
    payload.dir = dir.endsWith('/') ? dir : `${dir}/`;
  } else {
    payload.collection = 'posts';
    payload.excerpt = undefined;
    payload.next = undefined;
    payload.previous = undefined;
  }
  return payload;
}

export interface SitePayloadInput {
  config: SiteConfig;
  sources: SiteSources;
  /** Post payloads, oldest first (the order of `sources.posts`). */
  posts: Payload[];
  pages: Payload[];
  time: Date;
}

export function createSitePayload({ config, sources, posts, pages, time }: SitePayloadInput): Payload {
  const newestFirst = [...posts].reverse();
  return {
    ...config.raw,
    time: new JekyllTime(time, config.timezone),
    posts: newestFirst,
    pages,
    html_pages: pages.filter((page) => String(page.url).endsWith('/') || String(page.url).endsWith('.html')),
    documents: posts,
    static_files: sources.staticFiles.map(createStaticFilePayload),
    data: sources.data,
    tags: groupPostsBy(newestFirst, 'tags'),
    categories: groupPostsBy(newestFirst, 'categories'),
    collections: [{ label: 'posts', docs: posts, output: true, relative_directory: '_posts', directory: path.join(config.source, '_posts') }],
    related_posts: [],
  };
}

function createStaticFilePayload(file: StaticFileSource): Payload {
  const ext = path.posix.extname(file.relativePath);
  return {
    ...file.data,
    path: `/${file.relativePath}`,
    name: path.posix.basename(file.relativePath),
    basename: path.posix.basename(file.relativePath, ext),
    extname: ext,
    modified_time: file.modifiedTime,
    url: file.url,
    collection: null,
  };
}

/**
 * `site.tags` / `site.categories`: name → posts (newest first), names in the order first seen,
 * with their case kept, as Jekyll's Site#post_attr_hash builds them.
 */
function groupPostsBy(posts: Payload[], key: 'tags' | 'categories'): Record<string, Payload[]> {
  const groups: Record<string, Payload[]> = Object.create(null);
  const order: string[] = [];
  for (const post of posts) {
    const values = post[key];
    if (!Array.isArray(values)) continue;
    for (const value of values) {
      const name = String(value);
      if (!groups[name]) {
        groups[name] = [];
        order.push(name);
      }
      groups[name].push(post);
    }
  }
  // TODO(issue 3): integer-like tag names jump to the front of a JS object; Jekyll keeps first-seen order.
  const ordered: Record<string, Payload[]> = {};
  for (const name of order) ordered[name] = groups[name];
  return ordered;
}
