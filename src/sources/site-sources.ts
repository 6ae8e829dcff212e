/**
 * What reading a site yields: documents to render, templates to render them with, files to copy.
 */
import type { CollectionConfig } from '../config/read-collections-config.ts';
import type { FileIdentity } from './front-matter.ts';
import type { JekyllTime } from './jekyll-time.ts';

/** `document`: a document of a collection other than posts (`_NAME/` with `collections: [NAME]`). */
export type DocumentKind = 'post' | 'draft' | 'page' | 'document';

export interface SourceDocument {
  kind: DocumentKind;
  /** POSIX path relative to the site source, e.g. `_posts/2022-06-16-x.markdown`. */
  relativePath: string;
  absolutePath: string;
  /** Front matter over `defaults`, plus what Jekyll derives (date, slug, tags, categories…). */
  data: Record<string, unknown>;
  /** The text after the front matter, before Liquid. */
  body: string;
  /**
   * The source file's text hashed (sourceDigest); none for pages the build makes (tag pages). With
   * the path, the configuration and, for a draft, the file's time, it decides `data` and `body`.
   */
  sourceDigest?: string;
  /**
   * Its front matter as the front matter cache keeps it (ParsedFile.frontMatterText), hashed, when it
   * was read with the cache: the same for the same front matter, for the listings' keys.
   */
  frontMatterDigest?: string;
  /** Lines before the body in the file, so a body line maps back to a file line. */
  bodyLineOffset: number;
  /** `page.url`: percent-encoded, as Jekyll has it. */
  url: string;
  /** Path of the output file, relative to the destination. */
  outputPath: string;
  outputExt: string;
  isMarkdown: boolean;
  date?: JekyllTime;
  modifiedTime: Date;
  /** The label of a collection document's collection (`recipes`); unset for posts and pages. */
  collection?: string;
  /** Jekyll's relative_path where it is not relativePath: relative to `collections_dir`. */
  collectionPath?: string;
  /** False for a collection document of a collection without `output: true`: rendered, never written. */
  written?: boolean;
  /** Set on the pages jekyll-paginate makes: which page of how many. */
  pagination?: { page: number; totalPages: number; perPage: number };
}

export interface StaticFileSource {
  relativePath: string;
  absolutePath: string;
  outputPath: string;
  url: string;
  modifiedTime: Date;
  /** The file as it was read (inode, size, times): the page cache carries its copy over while it is the same. */
  identity?: FileIdentity;
  /** Values from `defaults` whose scope matches the file. */
  data: Record<string, unknown>;
  /** The label of the collection the file is in, for a file without front matter in `_NAME/`. */
  collection?: string;
  /** For a file of a collection, its path as Jekyll's relative_path has it: `_NAME/…`, no leading slash. */
  collectionPath?: string;
}

/** A collection other than posts, as read: what `site.NAME` and `site.collections` show. */
export interface CollectionSource {
  config: CollectionConfig;
  /** `_NAME`, as `relative_directory` shows it. */
  relativeDirectory: string;
  /** The absolute path of the folder. */
  directory: string;
  /** Its documents in the collection's order (sort_by, order, or date then path). */
  docs: SourceDocument[];
  /** Its files without front matter; those of a written collection are in `staticFiles` too. */
  files: StaticFileSource[];
}

export interface TemplateFile {
  /** How templates refer to it: a layout's name (`post`) or an include's path (`toc.md`). */
  name: string;
  relativePath: string;
  data: Record<string, unknown>;
  body: string;
  bodyLineOffset: number;
}

export interface SiteSources {
  posts: SourceDocument[];
  pages: SourceDocument[];
  staticFiles: StaticFileSource[];
  /** The collections other than posts, in the order of `collections:`. */
  collections: CollectionSource[];
  layouts: Map<string, TemplateFile>;
  includes: Map<string, TemplateFile>;
  data: Record<string, unknown>;
  warnings: string[];
}
