/**
 * The objects templates see: `page` for a document and `site` for the whole site, in the shape of
 * Jekyll's drops (DocumentDrop, SiteDrop) but as plain objects, which liquidjs reads fastest.
 */
import path from 'node:path';
import type { SiteConfig } from '../config/site-config.ts';
import type { SiteSources, SourceDocument, StaticFileSource } from '../sources/site-sources.ts';
import { JekyllTime } from '../sources/jekyll-time.ts';
import { defineLazyProperty } from '../lazy-property.ts';

export type Payload = Record<string, unknown>;

export function createDocumentPayload(document: SourceDocument): Payload {
  const name = path.posix.basename(document.relativePath);
  const payload: Payload = {
    ...document.data,
    url: document.url,
    path: document.relativePath,
    relative_path: document.relativePath,
    name,
    content: undefined,
  };
  // Before rendering, `content` is the source text, as in Jekyll: read from the document only when
  // asked, so a page the page cache carries over need not read its file at all.
  defineLazyProperty(payload, 'content', () => document.body);
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
    tags: groupPostsBy(posts, 'tags'),
    categories: groupPostsBy(posts, 'categories'),
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
 * `site.tags` / `site.categories` as Jekyll's Site#post_attr_hash builds them: names in the order
 * first seen going through the posts oldest first, case kept; each name's posts newest first.
 */
function groupPostsBy(oldestFirst: Payload[], key: 'tags' | 'categories'): Record<string, Payload[]> {
  const groups: Record<string, Payload[]> = Object.create(null);
  const order: string[] = [];
  for (const post of oldestFirst) {
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
  return orderedRecord(order.map((name) => [name, groups[name].reverse()]));
}

/**
 * A record whose keys enumerate in insertion order even when they look like numbers: a plain JS
 * object would list "2022" before "eHälsa", where Ruby's Hash (and so Jekyll's site.tags) keeps the
 * order the tags were first seen. Object.keys on a Proxy follows its ownKeys trap, so Liquid loops
 * and the filters see Ruby's order.
 */
export function orderedRecord<V>(entries: Array<[string, V]>): Record<string, V> {
  const target: Record<string, V> = Object.create(null);
  const keys: string[] = [];
  for (const [key, value] of entries) {
    if (!(key in target)) keys.push(key);
    target[key] = value;
  }
  return new Proxy(target, {
    ownKeys: () => [...keys],
    getOwnPropertyDescriptor: (object, key) => Reflect.getOwnPropertyDescriptor(object, key),
  });
}
