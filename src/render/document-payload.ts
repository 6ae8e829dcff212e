/**
 * The objects templates see: `page` for a document and `site` for the whole site, in the shape of
 * Jekyll's drops (DocumentDrop, SiteDrop) but as plain objects, which liquidjs reads fastest.
 */
import path from 'node:path';
import type { SiteConfig } from '../config/site-config.ts';
import type { CollectionSource, SiteSources, SourceDocument, StaticFileSource } from '../sources/site-sources.ts';
import { JekyllTime } from '../sources/jekyll-time.ts';
import { defineLazyProperty } from '../lazy-property.ts';

export type Payload = Record<string, unknown>;

export function createDocumentPayload(document: SourceDocument): Payload {
  const name = path.posix.basename(document.relativePath);
  const payload: Payload = {
    ...document.data,
    url: document.url,
    path: document.collectionPath ?? document.relativePath,
    relative_path: document.collectionPath ?? document.relativePath,
    name,
    content: undefined,
  };
  // Before rendering, `content` is the source text, as in Jekyll: read from the document only when
  // asked, so a page the page cache carries over need not read its file at all.
  defineLazyProperty(payload, 'content', () => document.body);
  if (document.kind === 'page') {
    // A page has no relative_path in Liquid (Page::ATTRIBUTES_FOR_LIQUID lists path, not relative_path).
    delete payload.relative_path;
    const dir = path.posix.dirname(document.url.endsWith('/') ? `${document.url}x` : document.url);
    payload.dir = dir.endsWith('/') ? dir : `${dir}/`;
  } else {
    payload.collection = document.collection ?? 'posts';
    // A collection document without a date shows the build's time (Document#date).
    if (document.kind === 'document') payload.date ??= document.date;
    payload.excerpt = undefined;
    payload.next = undefined;
    payload.previous = undefined;
  }
  return payload;
}

/**
 * The posts' payloads, each made when first asked for. A build that carries most pages over renders
 * a few, which read a few posts (their neighbours, the newest in the feed); making all 4000 took
 * 35 ms of such a build, and as much again in collecting them. Until `all` is called, a payload made
 * alone finds its neighbours when `previous` or `next` is read.
 */
export class PostPayloads {
  private readonly made: Array<Payload | undefined>;
  private everything: Payload[] | undefined;

  constructor(
    private readonly posts: readonly SourceDocument[],
    /** Called with each payload as it is made: the build gives it its content (a carried page's, from the cache). */
    private readonly onMade: (payload: Payload, index: number) => void,
  ) {
    this.made = new Array<Payload | undefined>(posts.length);
  }

  /** The payload of `posts[index]`. */
  at(index: number): Payload {
    return this.made[index] ?? this.make(index, this.everything === undefined);
  }

  /** Every payload, oldest first, each linked to its neighbours: `page.next` is the newer post. */
  all(): Payload[] {
    if (!this.everything) {
      const all = this.posts.map((_, i) => this.made[i] ?? this.make(i, false));
      all.forEach((post, i) => {
        post.previous = i > 0 ? all[i - 1] : undefined;
        post.next = i < all.length - 1 ? all[i + 1] : undefined;
      });
      this.everything = all;
    }
    return this.everything;
  }

  private make(index: number, alone: boolean): Payload {
    const payload = createDocumentPayload(this.posts[index]);
    if (alone) {
      // Its neighbours are found when read, not now: making them would make theirs, and so on.
      defineLazyProperty(payload, 'previous', () => (index > 0 ? this.at(index - 1) : undefined));
      defineLazyProperty(payload, 'next', () => (index < this.posts.length - 1 ? this.at(index + 1) : undefined));
    }
    this.made[index] = payload;
    this.onMade(payload, index);
    return payload;
  }
}

export interface SitePayloadInput {
  config: SiteConfig;
  sources: SiteSources;
  /** Post payloads, oldest first (the order of `sources.posts`). */
  posts: PostPayloads | Payload[];
  pages: Payload[];
  time: Date;
  /** The payloads of each collection's documents (other than posts), in the order of `sources.collections`. */
  collections?: Payload[][];
}

/** `site`. What lists the posts is made when first read: a build may render no page that reads it. */
export function createSitePayload({ config, sources, posts, pages, time, collections = [] }: SitePayloadInput): Payload {
  const oldestFirst = (): Payload[] => (Array.isArray(posts) ? posts : posts.all());
  const site: Payload = {
    ...config.raw,
    time: new JekyllTime(time, config.timezone),
    posts: undefined,
    pages,
    html_pages: pages.filter((page) => String(page.url).endsWith('/') || String(page.url).endsWith('.html')),
    documents: undefined,
    static_files: [...sources.staticFiles.filter((file) => file.collection === undefined), ...sources.collections.flatMap((collection) => collection.files)].map(
      createStaticFilePayload,
    ),
    data: sources.data,
    tags: undefined,
    categories: undefined,
    collections: undefined,
    // A page's; each post sees its own (siteWithRelatedPosts).
    related_posts: null,
  };
  defineMemo(site, 'posts', () => [...oldestFirst()].reverse());
  // SiteDrop#[]: `site.NAME` is a collection's documents, before any key of _config.yml.
  sources.collections.forEach((collection, i) => (site[collection.config.label] = collections[i] ?? []));
  // Site#documents: every collection's documents and files, posts first, in the order of `collections:`.
  defineMemo(site, 'documents', () => [
    ...oldestFirst(),
    ...sources.collections.flatMap((collection, i) => [...(collections[i] ?? []), ...collection.files.map(createStaticFilePayload)]),
  ]);
  defineMemo(site, 'tags', () => groupPostsBy(oldestFirst(), 'tags'));
  defineMemo(site, 'categories', () => groupPostsBy(oldestFirst(), 'categories'));
  defineMemo(site, 'collections', () => {
    const posts = config.collections.find((collection) => collection.label === 'posts');
    const postsDirectory = path.join(config.source, config.collectionsDir, '_posts');
    const all = [
      { ...posts?.metadata, label: 'posts', docs: oldestFirst(), files: [], output: true, relative_directory: '_posts', directory: postsDirectory },
      ...sources.collections.map((collection, i) => createCollectionPayload(collection, collections[i] ?? [])),
    ];
    // SiteDrop#collections: sorted by label.
    return all.sort((a, b) => (String(a.label) < String(b.label) ? -1 : String(a.label) > String(b.label) ? 1 : 0));
  });
  return site;
}

/** `key` on `target`, worked out when first read and kept; assigning it replaces it. */
function defineMemo(target: Payload, key: string, compute: () => unknown): void {
  defineLazyProperty(target, key, () => {
    const value = compute();
    target[key] = value;
    return value;
  });
}

/** A CollectionDrop: its settings as written, under what Jekyll derives. */
function createCollectionPayload(collection: CollectionSource, docs: Payload[]): Payload {
  return {
    ...collection.config.metadata,
    label: collection.config.label,
    docs,
    files: collection.files.map(createStaticFilePayload),
    output: collection.config.output,
    relative_directory: collection.relativeDirectory,
    directory: collection.directory,
  };
}

function createStaticFilePayload(file: StaticFileSource): Payload {
  const ext = path.posix.extname(file.relativePath);
  return {
    ...file.data,
    path: file.collectionPath ?? `/${file.relativePath}`,
    name: path.posix.basename(file.relativePath),
    basename: path.posix.basename(file.relativePath, ext),
    extname: ext,
    modified_time: file.modifiedTime,
    url: file.url,
    collection: file.collection ?? null,
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
