/**
 * The Atom feed exactly as jekyll-feed 0.17 writes it: its `feed.xml` template, minified the way its
 * generator minifies it (whitespace after `>` and `}` removed), evaluated here in code with the
 * same Liquid semantics (truthiness, `default`, property lookup on strings and hashes).
 *
 * Besides `/feed.xml` (or `feed.path`), jekyll-feed writes a feed per configured category
 * (`/feed/<category>.xml`) and, with `feed.tags`, per tag (`/feed/by_tag/<tag>.xml`); `renderFeeds`
 * returns all of them, and for each other collection in `feed.collections`, `/feed/<collection>.xml`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SiteConfig } from '../config/site-config.ts';
import { BuildError } from '../errors.ts';
import { comparePropertyVsTarget } from '../liquid/filters/collection-filters.ts';
import { dateToXmlschema } from '../liquid/filters/date-filters.ts';
import { isPlainObject, isRubyTruthy, rubyToS, unwrap } from '../liquid/filters/ruby-values.ts';
import { smartify } from '../liquid/filters/smartify.ts';
import { liquidToInteger, normalizeWhitespace, stripHtml, xmlEscape } from '../liquid/filters/string-filters.ts';
import { absoluteUrl } from '../liquid/filters/url-filters.ts';
import { escapePath, outputPathForUrl, sanitizeUrl } from '../sources/permalink.ts';

/** `{{ jekyll.version }}` in the generator element: the Jekyll tryck reproduces. */
export const JEKYLL_VERSION = '4.3.1';

/** What the feed reads of a rendered post: its template values after rendering. */
export interface RenderedPost {
  /**
   * `page` as the post's templates saw it, after rendering: `content` is the converted HTML without
   * layout, `excerpt` the excerpt's HTML; plus url, id, title, date, draft and the front matter.
   */
  payload: Record<string, unknown>;
  /**
   * Its front matter over the defaults and what Jekyll derives (tags, categories, date, draft), which
   * the payload holds too: read to choose and order the posts, so that of a site of 4000 posts only
   * the payloads of those in the feed are made (PostPayloads).
   */
  document?: { data: Record<string, unknown> };
}

/** What a post's template values say about it, for choosing and ordering the feed's posts. */
function fieldsOf(post: RenderedPost): Record<string, unknown> {
  return post.document?.data ?? post.payload;
}

export interface FeedInput {
  config: SiteConfig;
  /** Newest first, as `site.posts`. Drafts (`draft: true`) are left out unless drafts are shown. */
  posts: readonly RenderedPost[];
  /** `site.time`, the build's clock. */
  time: Date;
  /** The documents of the collections other than posts (`site.NAME`), for their feeds. */
  collections?: ReadonlyMap<string, readonly RenderedPost[]>;
  /** `site.data`, where `data.authors[name]` expands an author given by name. */
  data?: Record<string, unknown>;
  /** `page.xsl`: whether the source has `feed.xslt.xml`. Default: looked up in `config.source`. */
  xsl?: boolean;
}

export interface FeedFile {
  /** `page.url` of the feed, percent-encoded. */
  url: string;
  /** Where it is written, relative to the destination. */
  outputPath: string;
  /** The path as jekyll-feed checks it in the source: a site's own file there wins over the feed. */
  sourcePath: string;
  contents: string;
}

/** One feed page's own values (`page.collection`, `page.category`, `page.tags`). */
interface FeedPage {
  url: string;
  /** Set for a collection other than posts. */
  collection?: string;
  category?: string;
  tag?: string;
}

const FEED_NS = 'http://www.w3.org/2005/Atom';
const MEDIA_NS = 'http://search.yahoo.com/mrss/';

/** The posts feed at `feed.path` (default `/feed.xml`). */
export function renderFeed(input: FeedInput): string {
  return renderFeedPage(input, { url: pageUrl(mainFeedPath(input.config)) });
}

/**
 * Every feed jekyll-feed 0.17 generates for the site: the posts feed, one per `feed.categories`
 * entry, and with `feed.tags` one per tag (only tags of letters, digits and `_`; `only`/`except`/`path`).
 * With `feed.disable_in_development` and environment `development`, none.
 */
export function renderFeeds(input: FeedInput, environment = 'development'): FeedFile[] {
  const feed = feedConfig(input.config);
  if (isRubyTruthy(feed.disable_in_development) && environment === 'development') return [];
  const files: FeedFile[] = [];
  const add = (sourcePath: string, page: Omit<FeedPage, 'url'>): void => {
    const url = pageUrl(sourcePath);
    files.push({ url, outputPath: outputPathForUrl(url, ''), sourcePath, contents: renderFeedPage(input, { ...page, url }) });
  };

  const collections = feedCollections(feed);
  for (const [name, meta] of collections) {
    // JekyllFeed::Generator#feed_path: another collection's feeds go under /feed/<collection>.
    const prefix = name === 'posts' ? '/feed' : `/feed/${name}`;
    const collection = name === 'posts' ? {} : { collection: name };
    for (const category of meta.categories) add(`${prefix}/${category}.xml`, { ...collection, category });
    add(meta.path ?? `${prefix}.xml`, collection);
  }

  if (isRubyTruthy(feed.tags)) {
    const tagsConfig = isPlainObject(feed.tags) ? feed.tags : {};
    const siteTags = tagNames(input);
    if (siteTags.length > 0) {
      const only = Array.isArray(tagsConfig.only) ? tagsConfig.only.map((t) => rubyToS(t)) : siteTags;
      const except = Array.isArray(tagsConfig.except) ? tagsConfig.except.map((t) => rubyToS(t)) : [];
      const tagsPath = isRubyTruthy(tagsConfig.path) ? rubyToS(tagsConfig.path) : '/feed/by_tag/';
      for (const tag of unique(only.filter((t) => !except.includes(t)))) {
        if (!/^[a-zA-Z0-9_]*$/.test(tag)) continue;
        add(`${tagsPath}${tag}.xml`, { tag });
      }
    }
  }
  return files;
}

/** What `{% feed_meta %}` prints (JekyllFeed::MetaTag). */
export function feedMetaTag(config: SiteConfig): string {
  // The generator sets `feed.path` from `feed.collections.posts.path` when it is unset.
  const feed = feedConfig(config);
  const postsPath = lookup(lookup(feed.collections, 'posts'), 'path');
  const feedPath = isRubyTruthy(feed.path) ? rubyToS(feed.path) : isRubyTruthy(postsPath) ? rubyToS(postsPath) : 'feed.xml';
  const title = isRubyTruthy(config.raw.title) ? config.raw.title : config.raw.name;
  const attributes: [string, string][] = [
    ['type', 'application/atom+xml'],
    ['rel', 'alternate'],
    ['href', absolute(feedPath, config)],
  ];
  if (isRubyTruthy(title)) attributes.push(['title', rubyToS(title, config.timezone)]);
  return `<link ${attributes.map(([key, value]) => `${key}="${xmlEscape(value)}"`).join(' ')} />`;
}

/** The URL of the posts feed, as a page would claim it (`/feed.xml` unless `feed.path` says otherwise). */
export function feedUrl(config: SiteConfig): string {
  return pageUrl(mainFeedPath(config));
}

// ---------------------------------------------------------------------------------------------
// The template

function renderFeedPage(input: FeedInput, page: FeedPage): string {
  const { config } = input;
  const site = config.raw;
  const tz = config.timezone;
  const lang = site.lang;
  const xsl = input.xsl ?? existsSync(path.join(config.source, 'feed.xslt.xml'));

  let out = '<?xml version="1.0" encoding="utf-8"?>';
  if (xsl) out += `<?xml-stylesheet type="text/xml" href="${absolute('/feed.xslt.xml', config)}"?>`;
  out += `<feed xmlns="${FEED_NS}" ${isRubyTruthy(lang) ? `xml:lang="${output(lang, tz)}"` : ''}>`;
  out += `<generator uri="https://jekyllrb.com/" version="${JEKYLL_VERSION}">Jekyll</generator>`;
  out += `<link href="${absolute(page.url, config)}" rel="self" type="application/atom+xml" />`;
  out += `<link href="${absolute('/', config)}" rel="alternate" type="text/html" ${isRubyTruthy(lang) ? `hreflang="${output(lang, tz)}" ` : ''}/>`;
  out += `<updated>${output(dateToXmlschema(input.time, tz), tz)}</updated>`;
  out += `<id>${xmlEscape(absolute(page.url, config))}</id>`;

  let title: unknown = liquidDefault(site.title, site.name);
  if (page.collection !== undefined) title = `${rubyToS(title, tz)} | ${capitalize(page.collection)}`;
  if (page.category !== undefined) title = `${rubyToS(title, tz)} | ${capitalize(page.category)}`;
  if (isRubyTruthy(title)) out += `<title type="html">${xmlEscape(smartify(rubyToS(title, tz)))}</title>`;
  if (isRubyTruthy(site.description)) out += `<subtitle>${xmlEscape(rubyToS(site.description, tz))}</subtitle>`;

  const author = site.author;
  if (isRubyTruthy(author)) {
    out += `<author><name>${xmlEscape(rubyToS(liquidDefault(lookup(author, 'name'), author), tz))}</name>`;
    if (isRubyTruthy(lookup(author, 'email'))) out += `<email>${xmlEscape(rubyToS(lookup(author, 'email'), tz))}</email>`;
    if (isRubyTruthy(lookup(author, 'uri'))) out += `<uri>${xmlEscape(rubyToS(lookup(author, 'uri'), tz))}</uri>`;
    out += '</author>';
  }

  for (const post of feedPosts(input, page)) out += renderEntry(post.payload, input);
  return `${out}</feed>`;
}

function renderEntry(post: Record<string, unknown>, input: FeedInput): string {
  const { config } = input;
  const site = config.raw;
  const tz = config.timezone;
  const file = rubyToS(post.relative_path ?? post.path);
  const url = absolute(post.url, config);

  let out = `<entry${isRubyTruthy(post.lang) ? ` xml:lang="${output(post.lang, tz)}"` : ''}>`;
  const title = xmlEscape(normalizeWhitespace(stripHtml(smartify(rubyToS(post.title, tz)))));
  out += `<title type="html">${title}</title>`;
  out += `<link href="${url}" rel="alternate" type="text/html" title="${title}" />`;
  out += `<published>${xmlschema(post.date, tz, file, 'date')}</published>`;
  out += `<updated>${xmlschema(liquidDefault(post.last_modified_at, post.date), tz, file, 'last_modified_at')}</updated>`;
  out += `<id>${xmlEscape(absolute(post.id, config))}</id>`;

  const excerptOnly = liquidDefault(lookup(post.feed, 'excerpt_only'), lookup(site.feed, 'excerpt_only'));
  if (!isRubyTruthy(excerptOnly)) {
    out += `<content type="html" xml:base="${xmlEscape(url)}"><![CDATA[${rubyStrip(rubyToS(post.content, tz))}]]></content>`;
  }

  let author = liquidDefault(liquidDefault(post.author, lookup(post.authors, 0)), site.author);
  author = liquidDefault(lookup(lookup(input.data ?? site.data, 'authors'), author), author);
  const email = liquidDefault(lookup(author, 'email'), undefined);
  const uri = liquidDefault(lookup(author, 'uri'), undefined);
  const name = liquidDefault(lookup(author, 'name'), author);
  out += `<author><name>${xmlEscape(rubyToS(liquidDefault(name, ''), tz))}</name>`;
  if (isRubyTruthy(email)) out += `<email>${xmlEscape(rubyToS(email, tz))}</email>`;
  if (isRubyTruthy(uri)) out += `<uri>${xmlEscape(rubyToS(uri, tz))}</uri>`;
  out += '</author>';

  if (isRubyTruthy(post.category)) out += category(post.category, tz);
  else if (isRubyTruthy(post.categories)) for (const c of liquidIterate(post.categories)) out += category(c, tz);
  for (const tag of liquidIterate(post.tags)) out += category(tag, tz);

  // `post.excerpt` is a drop in Jekyll, which is never `empty`: every post gets a summary, an empty
  // one when both description and excerpt are empty.
  const summary = liquidDefault(post.description, post.excerpt);
  out += `<summary type="html"><![CDATA[${normalizeWhitespace(stripHtml(summary))}]]></summary>`;

  let image = liquidDefault(lookup(post.image, 'path'), post.image);
  if (isRubyTruthy(image)) {
    if (!rubyToS(image, tz).includes('://')) image = absolute(image, config);
    const imageUrl = xmlEscape(rubyToS(image, tz));
    out += `<media:thumbnail xmlns:media="${MEDIA_NS}" url="${imageUrl}" />`;
    out += `<media:content medium="image" url="${imageUrl}" xmlns:media="${MEDIA_NS}" />`;
  }
  return `${out}</entry>`;
}

function category(term: unknown, tz: string): string {
  return `<category term="${xmlEscape(rubyToS(term, tz))}" />`;
}

/** The posts of one feed: by tag or category, drafts out unless shown, newest first, `posts_limit` of them. */
function feedPosts(input: FeedInput, page: FeedPage): RenderedPost[] {
  const { config } = input;
  let posts = page.collection === undefined ? [...input.posts] : [...(input.collections?.get(page.collection) ?? [])];
  if (page.tag !== undefined) posts = posts.filter((post) => liquidIterate(fieldsOf(post).tags).some((t) => rubyToS(t) === page.tag));
  if (page.category !== undefined) {
    const category = page.category;
    posts = posts.filter((post) => comparePropertyVsTarget(fieldsOf(post).categories, category, config.timezone));
  }
  if (!isRubyTruthy(config.raw.show_drafts)) posts = posts.filter((post) => fieldsOf(post).draft !== true);
  // `sort: "date" | reverse` on site.posts (newest first): Ruby's sort keeps equal dates in order
  // (always for up to three of them), so reversing puts them in file-name order.
  posts = posts
    .map((post, index) => ({ post, index, time: timeOf(fieldsOf(post).date) }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map(({ post }) => post)
    .reverse();
  return posts.slice(0, Math.max(0, postsLimit(config)));
}

function postsLimit(config: SiteConfig): number {
  const limit = liquidDefault(lookup(config.raw.feed, 'posts_limit'), 10);
  try {
    return liquidToInteger(limit);
  } catch (error) {
    throw new BuildError(`feed.posts_limit '${rubyToS(limit)}' is not a whole number.`, {
      file: '_config.yml',
      hint: 'For example posts_limit: 20',
      cause: error,
    });
  }
}

function timeOf(date: unknown): number {
  const value = unwrap(date);
  return value instanceof Date ? value.getTime() : Number.NEGATIVE_INFINITY;
}

function xmlschema(value: unknown, tz: string, file: string, key: string): string {
  try {
    return output(dateToXmlschema(value, tz), tz);
  } catch (error) {
    throw new BuildError(`The feed cannot read ${key} '${rubyToS(value, tz)}' as a date.`, {
      file,
      hint: 'Write dates as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS +0100.',
      cause: error,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Configuration and paths

interface CollectionMeta {
  path?: string;
  categories: string[];
}

function feedConfig(config: SiteConfig): Record<string, unknown> {
  const feed = config.raw.feed;
  return isPlainObject(feed) ? feed : {};
}

/** jekyll-feed's `collections` with its posts special case (`feed.path`, `feed.categories`). */
function feedCollections(feed: Record<string, unknown>): Map<string, CollectionMeta> {
  const configured = feed.collections;
  const entries: [string, Record<string, unknown>][] = Array.isArray(configured)
    ? configured.map((name) => [rubyToS(name), {}])
    : isPlainObject(configured)
      ? Object.entries(configured).map(([name, meta]) => [name, isPlainObject(meta) ? meta : {}])
      : [];
  const collections = new Map(entries);
  const posts = collections.get('posts') ?? {};
  collections.set('posts', {
    ...posts,
    path: isRubyTruthy(posts.path) ? posts.path : feed.path,
    categories: isRubyTruthy(posts.categories) ? posts.categories : feed.categories,
  });
  const result = new Map<string, CollectionMeta>();
  for (const [name, meta] of collections) {
    const categories = Array.isArray(meta.categories) ? unique(meta.categories.map((c) => rubyToS(c))) : [];
    result.set(name, { path: isRubyTruthy(meta.path) ? rubyToS(meta.path) : undefined, categories });
  }
  return result;
}

/** The generator's `feed_path`: `feed.collections.posts.path`, else `feed.path`, else `/feed.xml`. */
function mainFeedPath(config: SiteConfig): string {
  return feedCollections(feedConfig(config)).get('posts')?.path ?? '/feed.xml';
}

/** A generated page's URL (Jekyll's Page with name = the path): `/:path/:basename:output_ext`. */
function pageUrl(feedPath: string): string {
  const ext = path.posix.extname(feedPath);
  const basename = feedPath.slice(0, feedPath.length - ext.length).replace(/\.*$/, '');
  return sanitizeUrl(`/${escapePath(basename)}${ext}`);
}

function tagNames(input: FeedInput): string[] {
  return unique(input.posts.flatMap((post) => liquidIterate(fieldsOf(post).tags).map((t) => rubyToS(t))));
}

// ---------------------------------------------------------------------------------------------
// Liquid semantics

function absolute(value: unknown, config: SiteConfig): string {
  return absoluteUrl(value, config.url, config.baseurl) ?? '';
}

/** `{{ value }}`: nil prints nothing, arrays are joined. */
function output(value: unknown, tz: string): string {
  const v = unwrap(value);
  return Array.isArray(v) ? v.map((x) => output(x, tz)).join('') : rubyToS(v, tz);
}

/** `value | default: fallback`: nil, false and empty strings, arrays and hashes take the fallback. */
function liquidDefault(value: unknown, fallback: unknown): unknown {
  return !isRubyTruthy(value) || isLiquidEmpty(value) ? fallback : value;
}

function isLiquidEmpty(value: unknown): boolean {
  const v = unwrap(value);
  if (typeof v === 'string' || Array.isArray(v)) return v.length === 0;
  return isPlainObject(v) && Object.keys(v).length === 0;
}

/** `object.key` / `object[key]`: hashes by key, arrays by index (and first/last/size), else nil. */
function lookup(object: unknown, key: unknown): unknown {
  const o = unwrap(object);
  if (Array.isArray(o)) {
    if (typeof key === 'number') return o.at(key);
    if (key === 'first') return o[0];
    if (key === 'last') return o.at(-1);
    if (key === 'size') return o.length;
    return undefined;
  }
  if (typeof o === 'string') return key === 'size' ? [...o].length : undefined;
  if (isPlainObject(o) && typeof key === 'string') return Object.hasOwn(o, key) ? o[key] : undefined;
  return undefined;
}

/** What `{% for x in value %}` walks: arrays, a non-empty string once, hashes as [key, value] pairs. */
function liquidIterate(value: unknown): unknown[] {
  const v = unwrap(value);
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return v === '' ? [] : [v];
  if (isPlainObject(v)) return Object.entries(v);
  return v === null || v === undefined || v === false ? [] : [v];
}

/** Ruby's String#strip: ASCII whitespace and NUL at both ends. */
function rubyStrip(text: string): string {
  return text.replace(/^[\0\t\n\v\f\r ]+|[\0\t\n\v\f\r ]+$/g, '');
}

/** Ruby's String#capitalize: the first character up, the rest down. */
function capitalize(text: string): string {
  const [first = '', ...rest] = [...text];
  return first.toUpperCase() + rest.join('').toLowerCase();
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
