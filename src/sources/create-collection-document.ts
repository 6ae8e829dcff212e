/**
 * A document of a collection other than posts (Jekyll's Document in `_NAME/`): front matter over
 * defaults, then what Document#read_post_data derives for every document — title, slug, ext,
 * categories, tags and a date from a dated file name — and a URL from the collection's template.
 */
import path from 'node:path';
import type { CollectionConfig } from '../config/read-collections-config.ts';
import { deepMerge } from '../config/load-config.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { slugify } from '../liquid/filters/slugify.ts';
import {
  coerceDate,
  collectCategories,
  DATE_FILENAME,
  DATELESS_FILENAME,
  documentFromFile,
  isMarkdownPath,
  pluralizedList,
  titleizeSlug,
  type FileInfo,
} from './create-document.ts';
import { checkOutputPath } from './check-output-path.ts';
import { sourceDigest, type ParsedFile } from './front-matter.ts';
import { JekyllTime } from './jekyll-time.ts';
import { addPermalinkSuffix, datePlaceholders, expandDocumentUrl, outputPathForUrl } from './permalink.ts';
import type { SourceDocument } from './site-sources.ts';

const slugifyForUrl = (text: string, mode = 'default', cased = false): string => slugify(text, mode, cased) ?? '';

export interface CollectionDocumentInput {
  file: FileInfo;
  parsed: ParsedFile;
  collection: CollectionConfig;
  /** The file's path relative to `collections_dir`, e.g. `_recipes/soup.md` (Jekyll's relative_path). */
  collectionPath: string;
  defaults: Record<string, unknown>;
  config: SiteConfig;
  /** The build's time: the date of a document that has none (Document#date falls back to site.time). */
  now: Date;
}

export function createCollectionDocument({ file, parsed, collection, collectionPath, defaults, config, now }: CollectionDocumentInput): SourceDocument {
  const data = deepMerge(defaults, parsed.data);
  const ext = path.posix.extname(collectionPath);
  const basename = path.posix.basename(collectionPath, ext);
  const dated = DATE_FILENAME.exec(collectionPath);
  const dateless = dated ? undefined : DATELESS_FILENAME.exec(collectionPath);
  // Jekyll: "slugs shouldn't end with a period".
  const slug = ((dated ? dated[2] : dateless?.[1]) ?? basename).replace(/\.*$/, '');

  const date = documentDate(data.date, dated?.[1], file, config, now);
  // A document without a date shows the build's time as its date, but only when read (Document#date).
  if (data.date !== undefined && data.date !== null) data.date = date;
  else if (dated) data.date = date;
  data.title ??= titleizeSlug(slug);
  data.slug ??= slug;
  data.ext ??= dated ? dated[3] : (dateless?.[2] ?? ext);
  data.categories = collectCategories('', [data.categories], data);
  data.tags = pluralizedList(data, 'tag', 'tags');

  const isMarkdown = isMarkdownPath(collectionPath, config);
  const outputExt = isMarkdown ? '.html' : ext;
  const template =
    typeof data.permalink === 'string' && data.permalink
      ? data.permalink
      : (collection.permalink ?? addPermalinkSuffix('/:collection/:path', config.permalinkStyle));
  const slugText = String(data.slug);
  const placeholders = {
    ...datePlaceholders(date, config.timezone),
    collection: collection.label,
    // Document#cleaned_relative_path: the path without its extension and without `_NAME`.
    path: collectionPath.slice(0, collectionPath.length - ext.length).replace(`_${collection.label}`, '').replace(/\.*$/, ''),
    name: slugifyForUrl(basename),
    title: slugify(slugText, 'pretty', true) ?? slugifyForUrl(basename, 'pretty', true),
    slug: slugify(slugText) ?? slugifyForUrl(basename),
    categories: [...new Set((data.categories as unknown[]).map((c) => String(c).toLowerCase()))].join('/'),
    slugified_categories: [...new Set((data.categories as unknown[]).map((c) => slugifyForUrl(String(c))))].join('/'),
    output_ext: outputExt,
  };
  const url = expandDocumentUrl(template, placeholders, file.relativePath);
  data.id = `${path.posix.dirname(url)}/${slugText}`.replace(/^\/\//, '/');
  const read = Object.getOwnPropertyDescriptor(parsed, 'body')?.get;
  return documentFromFile(file, {
    kind: 'document',
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
    collection: collection.label,
    collectionPath,
    // Document#write?: a document dated after the build is listed in site.NAME but not written, as posts are not.
    written: collection.output && (config.future || date.getTime() <= now.getTime()),
  });
}

function documentDate(value: unknown, fromFileName: string | undefined, file: FileInfo, config: SiteConfig, now: Date): JekyllTime {
  if (value !== undefined && value !== null) return coerceDate(value, file.relativePath, config);
  if (fromFileName) return coerceDate(fromFileName, file.relativePath, config);
  return new JekyllTime(now, config.timezone);
}
