/**
 * Turns a parsed source file into a post or page with Jekyll's derived data and URL
 * (lib/jekyll/document.rb and page.rb).
 */
import path from 'node:path';
import type { SiteConfig } from '../config/site-config.ts';
import { deepMerge } from '../config/load-config.ts';
import { BuildError } from '../errors.ts';
import { joinInside } from '../join-inside.ts';
import { locateInFrontMatter } from './locate-in-front-matter.ts';
import { checkOutputPath } from './check-output-path.ts';
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
export const DATE_FILENAME = /^(?:.+\/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$/;
export const DATELESS_FILENAME = /^(?:.+\/)*(.*)(\.[^.]+)$/;
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
  // Read before the merge, which writes the front matter into `defaults`.
  const defaultCategories = defaults.categories;
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
  data.categories = collectCategories(collectionDir, [defaultCategories, parsed.data.categories], data);
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
    // Document#cleaned_relative_path: the first `_posts` taken out (`sub/_posts/x.md` → `sub//x`, squeezed later).
    path: collectionsRelative(file.relativePath, config).slice(0, -ext.length || undefined).replace('_posts', '').replace(/\.*$/, ''),
    output_ext: outputExt,
  };
  const url = expandDocumentUrl(template, placeholders, file.relativePath);
  const basename = String(data.slug ?? path.posix.basename(file.relativePath, ext));
  data.id = `${path.posix.dirname(url)}/${basename}`.replace(/^\/\//, '/');
  return toSourceDocument(kind, file, parsed, data, url, outputExt, isMarkdown, date);
}

/** Document#relative_path: relative to `collections_dir`. */
function collectionsRelative(relativePath: string, config: SiteConfig): string {
  const dir = config.collectionsDir;
  return dir && relativePath.startsWith(`${dir}/`) ? relativePath.slice(dir.length + 1) : relativePath;
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
  // Jekyll's Page keeps `tags` and `categories` as written: only documents (posts) split and merge them.
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
    outputPath: checkOutputPath(outputPathForUrl(url, outputExt), url, file),
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
  collection?: string;
  collectionPath?: string;
  written?: boolean;
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
  collection: string | undefined;
  collectionPath: string | undefined;
  written: boolean | undefined;
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
    this.collection = fields.collection;
    this.collectionPath = fields.collectionPath;
    this.written = fields.written;
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
    throw new BuildError(`Invalid date '${text}'.`, { file, ...locateInFrontMatter(joinInside(config.source, file), text), hint: 'Write dates as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS +0100.' });
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
    throw new BuildError(`Invalid date '${text}'.`, { file, ...locateInFrontMatter(joinInside(config.source, file), text), hint: 'Months run 01–12 and days 01–31.' });
  }
  // Ruby's Time.parse refuses these ("hour out of range"); 24:00 and a leap second roll over, as in Ruby.
  if (wall.hour > 24 || wall.minute > 59 || wall.second > 60) {
    throw new BuildError(`Invalid date '${text}': the time of day is out of range.`, { file, ...locateInFrontMatter(joinInside(config.source, file), text), hint: 'Hours run 00–23, minutes and seconds 00–59.' });
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
 * Utils.pluralized_array_from_hash: the singular key's value unless it is nil or false, else the
 * plural one, split on whitespace when it is a string; flattened, without nils.
 */
export function pluralizedList(data: Record<string, unknown>, singular: string, plural: string): unknown[] {
  let value: unknown = data[singular];
  if (value === undefined || value === null || value === false) {
    const pluralValue = data[plural];
    if (typeof pluralValue === 'string') value = splitOnWhitespace(pluralValue);
    else if (Array.isArray(pluralValue)) value = pluralValue.filter((v) => v !== null && v !== undefined);
    else value = undefined;
  }
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value.flat(Infinity) : [value]).filter((v) => v !== null && v !== undefined);
}

/**
 * A post's categories as Jekyll's Document gathers them: the folders above `_posts`, united with
 * the categories of `defaults` and then of the front matter (Document#merge_categories!, a string
 * split on whitespace), then `category` added (populate_categories), all as strings, each once.
 */
export function collectCategories(collectionDir: string, layers: unknown[], data: Record<string, unknown>): string[] {
  let merged: unknown[] = collectionDir ? collectionDir.split('/').filter(Boolean) : [];
  for (const value of layers) {
    if (value === undefined || value === null) continue;
    const list = typeof value === 'string' ? splitOnWhitespace(value) : Array.isArray(value) ? value : [value];
    merged = [...new Set([...merged, ...list])];
  }
  const single = pluralizedList({ ...data, categories: merged }, 'category', 'categories');
  return uniqueStrings([...merged, ...single].flat(Infinity).filter((v) => v !== null && v !== undefined).map(String));
}

/** Ruby's String#split without arguments: on runs of ASCII whitespace, no empty strings. */
function splitOnWhitespace(text: string): string[] {
  return text.split(/[ \t\n\v\f\r]+/).filter(Boolean);
}

function uniqueStrings(values: string[]): string[] {
  return [...new Set(values)];
}
