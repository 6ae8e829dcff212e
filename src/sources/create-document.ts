/**
 * Turns a parsed source file into a post or page with Jekyll's derived data and URL
 * (lib/jekyll/document.rb and page.rb).
 */
import path from 'node:path';
import type { SiteConfig } from '../config/site-config.ts';
import { deepMerge } from '../config/load-config.ts';
import { BuildError } from '../errors.ts';
import { sourceDigest, type ParsedFile } from './front-matter.ts';
import { JekyllTime } from './jekyll-time.ts';
import {
  addPermalinkSuffix,
  datePlaceholders,
  expandDocumentUrl,
  expandPageUrl,
  outputPathForUrl,
} from './permalink.ts';
import type { DocumentKind, SourceDocument } from './site-sources.ts';
import { slugify } from '../liquid/filters/slugify.ts';
import { sassSyntaxOf } from '../sass/sass-syntax.ts';

/** Jekyll's Utils.slugify, as the URL placeholders use it. */
const slugifyForUrl = (text: string, mode = 'default', cased = false): string => slugify(text, mode, cased) ?? '';
import { isDateValue } from './jekyll-time.ts';

/** Document::DATE_FILENAME_MATCHER. */
const DATE_FILENAME = /^(?:.+\/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$/;
const DATELESS_FILENAME = /^(?:.+\/)*(.*)(\.[^.]+)$/;
const HTML_EXTENSIONS = ['.html', '.xhtml', '.htm'];

export interface FileInfo {
  relativePath: string;
  absolutePath: string;
  modifiedTime: Date;
}

export function isPostFileName(relativePath: string): boolean {
  return DATE_FILENAME.test(relativePath);
}

export function isMarkdownPath(relativePath: string, config: SiteConfig): boolean {
  const ext = path.posix.extname(relativePath).slice(1).toLowerCase();
  return config.markdownExtensions.includes(ext);
}

/**
 * A post (or draft). `collectionDir` is the folder that holds `_posts`, whose sub-folders become
 * categories; `defaults` are the front matter defaults that apply to it.
 */
export function createPost(
  file: FileInfo,
  parsed: ParsedFile,
  kind: Extract<DocumentKind, 'post' | 'draft'>,
  collectionDir: string,
  defaults: Record<string, unknown>,
  config: SiteConfig,
): SourceDocument {
  const data = deepMerge(defaults, parsed.data);
  const relativeInCollection = file.relativePath.slice(collectionDir ? collectionDir.length + 1 : 0);
  const match = DATE_FILENAME.exec(relativeInCollection) ?? DATELESS_FILENAME.exec(relativeInCollection);
  const ext = path.posix.extname(file.relativePath);
  let slug = (match && (match.length === 4 ? match[2] : match[1])) ?? path.posix.basename(file.relativePath, ext);
  // Jekyll: "slugs shouldn't end with a period".
  slug = slug.replace(/\.*$/, '');

  const date = documentDate(data.date, match && match.length === 4 ? match[1] : undefined, kind, file, config);
  data.date = date;
  data.title ??= titleizeSlug(slug);
  data.slug ??= slug;
  data.ext ??= ext;
  data.categories = collectCategories(collectionDir, data);
  data.tags = pluralizedList(data, 'tag', 'tags');
  // Jekyll: data["draft"] ||= draft? — a post's own `draft: true` stands.
  data.draft = data.draft === true || kind === 'draft';

  const isMarkdown = isMarkdownPath(file.relativePath, config);
  const outputExt = isMarkdown ? '.html' : ext;
  const template = typeof data.permalink === 'string' && data.permalink ? data.permalink : config.permalink;
  // Slugs are worked out only for the placeholders the template has (every post goes through here).
  const uses = (name: string): boolean => template.includes(`:${name}`);
  const placeholders = {
    ...datePlaceholders(date, config.timezone),
    title: uses('title') ? slugifyForUrl(String(data.slug), 'pretty', true) : '',
    slug: uses('slug') ? slugifyForUrl(String(data.slug)) : '',
    name: uses('name') ? slugifyForUrl(path.posix.basename(file.relativePath, ext)) : '',
    categories: uniqueStrings((data.categories as unknown[]).map((c) => String(c).toLowerCase())).join('/'),
    slugified_categories: uses('slugified_categories') ? uniqueStrings((data.categories as unknown[]).map((c) => slugifyForUrl(String(c)))).join('/') : '',
    collection: 'posts',
    path: file.relativePath.replace(/^_/, '').replace(/\.[^./]*$/, ''),
    output_ext: outputExt,
  };
  const url = expandDocumentUrl(template, placeholders, file.relativePath);
  const basename = String(data.slug ?? path.posix.basename(file.relativePath, ext));
  data.id = `${path.posix.dirname(url)}/${basename}`.replace(/^\/\//, '/');
  return toSourceDocument(kind, file, parsed, data, url, outputExt, isMarkdown, date);
}

export function createPage(file: FileInfo, parsed: ParsedFile, defaults: Record<string, unknown>, config: SiteConfig): SourceDocument {
  const data = deepMerge(defaults, parsed.data);
  const ext = path.posix.extname(file.relativePath);
  const basename = path.posix.basename(file.relativePath, ext);
  const dir = path.posix.dirname(file.relativePath);
  const isMarkdown = isMarkdownPath(file.relativePath, config);
  // The Sass converters' output_ext: `.scss` and `.sass` pages become `.css`.
  const outputExt = isMarkdown ? '.html' : sassSyntaxOf(file.relativePath) ? '.css' : ext;
  let template: string;
  if (!HTML_EXTENSIONS.includes(outputExt)) template = '/:path/:basename:output_ext';
  else if (basename === 'index') template = '/:path/';
  else template = addPermalinkSuffix('/:path/:basename', config.permalinkStyle);
  const placeholders = { path: dir === '.' ? '' : dir, basename, output_ext: outputExt };
  const permalink = typeof data.permalink === 'string' && data.permalink ? data.permalink : undefined;
  const url = expandPageUrl(permalink ?? template, placeholders);
  if (data.date !== undefined && data.date !== null) {
    data.date = coerceDate(data.date, file.relativePath, config);
  }
  if (data.tags !== undefined || data.tag !== undefined) data.tags = pluralizedList(data, 'tag', 'tags');
  return toSourceDocument('page', file, parsed, data, url, outputExt, isMarkdown, data.date instanceof JekyllTime ? data.date : undefined);
}

function toSourceDocument(
  kind: DocumentKind,
  file: FileInfo,
  parsed: ParsedFile,
  data: Record<string, unknown>,
  url: string,
  outputExt: string,
  isMarkdown: boolean,
  date: JekyllTime | undefined,
): SourceDocument {
  // A file unchanged since the last build has its body read only when asked for (readUnchangedFile).
  const read = Object.getOwnPropertyDescriptor(parsed, 'body')?.get;
  return documentFromFile(file, {
    kind,
    data,
    digest: parsed.digest,
    ...(parsed.frontMatterText !== undefined ? { frontMatterDigest: sourceDigest(parsed.frontMatterText) } : {}),
    bodyLineOffset: parsed.bodyLineOffset,
    body: read ? () => read.call(parsed) : parsed.body,
    url,
    outputPath: outputPathForUrl(url, outputExt),
    outputExt,
    isMarkdown,
    date,
  });
}

/** What a document made from a file is, beside the file itself. */
export interface DocumentFields {
  kind: DocumentKind;
  data: Record<string, unknown>;
  digest: string;
  frontMatterDigest?: string;
  bodyLineOffset: number;
  /** The body, or how to read it when first asked for. */
  body: string | (() => string);
  url: string;
  outputPath: string;
  outputExt: string;
  isMarkdown: boolean;
  date: JekyllTime | undefined;
}

/** The document of a file: made from its text here, or kept from an earlier build (DocumentShelf). */
export function documentFromFile(file: FileInfo, fields: DocumentFields): SourceDocument {
  return new FileDocument(file, fields);
}

/**
 * A document whose body is read from its file when first asked for. A class, so that its body is an
 * accessor of the prototype: defined on each document, it turned all 4000 into dictionaries of
 * properties, slower to read wherever a build goes over all posts (keys, sitemap, feed, listings).
 * A copy made by spreading one (`{ ...document }`) has no body: name it.
 */
class FileDocument implements SourceDocument {
  readonly kind: DocumentKind;
  readonly relativePath: string;
  readonly absolutePath: string;
  data: Record<string, unknown>;
  readonly sourceDigest: string;
  readonly frontMatterDigest: string | undefined;
  readonly bodyLineOffset: number;
  url: string;
  outputPath: string;
  readonly outputExt: string;
  readonly isMarkdown: boolean;
  date: JekyllTime | undefined;
  readonly modifiedTime: Date;
  #body: string | (() => string);

  constructor(file: FileInfo, fields: DocumentFields) {
    this.kind = fields.kind;
    this.relativePath = file.relativePath;
    this.absolutePath = file.absolutePath;
    this.data = fields.data;
    this.sourceDigest = fields.digest;
    this.frontMatterDigest = fields.frontMatterDigest;
    this.bodyLineOffset = fields.bodyLineOffset;
    this.url = fields.url;
    this.outputPath = fields.outputPath;
    this.outputExt = fields.outputExt;
    this.isMarkdown = fields.isMarkdown;
    this.date = fields.date;
    this.modifiedTime = file.modifiedTime;
    this.#body = fields.body;
  }

  get body(): string {
    if (typeof this.#body !== 'string') this.#body = this.#body();
    return this.#body;
  }

  set body(value: string) {
    this.#body = value;
  }
}

function documentDate(
  value: unknown,
  fromFileName: string | undefined,
  kind: DocumentKind,
  file: FileInfo,
  config: SiteConfig,
): JekyllTime {
  if (value !== undefined && value !== null) return coerceDate(value, file.relativePath, config);
  if (fromFileName) return coerceDate(fromFileName, file.relativePath, config);
  // A draft has no date in its name: Jekyll dates it by the file's modification time.
  if (kind === 'draft') return new JekyllTime(file.modifiedTime, config.timezone);
  throw new BuildError('A post needs a date: name it YYYY-MM-DD-title.md or set date: in its front matter.', { file: file.relativePath });
}

/** Jekyll's Utils.parse_date over the value's string form; shown in the site's zone. */
export function coerceDate(value: unknown, file: string, config: SiteConfig): JekyllTime {
  if (isDateValue(value)) return new JekyllTime(value, config.timezone);
  const text = String(value).trim();
  const m = /^(\d{2,4})-(\d{1,2})-(\d{1,2})(?:[ Tt]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[-+]\d{2}:?\d{2})?)?$/.exec(text);
  if (!m) {
    throw new BuildError(`Invalid date '${text}'.`, { file, hint: 'Write dates as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS +0100.' });
  }
  const wall = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    millisecond: 0,
  };
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.day > 31) {
    throw new BuildError(`Invalid date '${text}'.`, { file, hint: 'Months run 01–12 and days 01–31.' });
  }
  const zone = m[7];
  if (!zone) return JekyllTime.fromWallTime(wall, config.timezone);
  const utc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  if (zone === 'Z') return new JekyllTime(utc, config.timezone);
  const zm = /^([-+])(\d{2}):?(\d{2})$/.exec(zone)!;
  const offset = (Number(zm[2]) * 60 + Number(zm[3])) * (zm[1] === '-' ? -1 : 1);
  return new JekyllTime(utc - offset * 60_000, config.timezone);
}

/** Utils.titleize_slug: "min-forsta-post" → "Min Forsta Post" (Ruby's capitalize lowercases the rest). */
export function titleizeSlug(slug: string): string {
  return slug
    .split('-')
    .map((word) => (word ? word[0].toUpperCase() + word.slice(1).toLowerCase() : word))
    .join(' ');
}

/**
 * Utils.pluralized_array_from_hash: the singular key is taken as it is, the plural one is split
 * on whitespace when it is a string.
 */
export function pluralizedList(data: Record<string, unknown>, singular: string, plural: string): unknown[] {
  let value: unknown;
  if (singular in data) value = data[singular];
  if (value === undefined || value === null) {
    const pluralValue = data[plural];
    if (typeof pluralValue === 'string') value = pluralValue.split(/\s+/).filter(Boolean);
    else if (Array.isArray(pluralValue)) value = pluralValue.filter((v) => v !== null && v !== undefined);
  }
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value.flat(Infinity) : [value]).filter((v) => v !== null && v !== undefined);
}

function collectCategories(collectionDir: string, data: Record<string, unknown>): string[] {
  const fromPath = collectionDir ? collectionDir.split('/').filter(Boolean) : [];
  const fromData = [
    ...toList(data.categories, true),
    ...pluralizedList(data, 'category', 'categories').map(String),
  ];
  return uniqueStrings([...fromPath, ...fromData]);
}

function toList(value: unknown, split: boolean): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return split ? value.split(/\s+/).filter(Boolean) : [value];
  if (Array.isArray(value)) return value.flat(Infinity).filter((v) => v !== null && v !== undefined).map(String);
  return [String(value)];
}

function uniqueStrings(values: string[]): string[] {
  return [...new Set(values)];
}
