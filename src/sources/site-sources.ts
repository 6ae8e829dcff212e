/**
 * What reading a site yields: documents to render, templates to render them with, files to copy.
 */
import type { FileIdentity } from './front-matter.ts';
import type { JekyllTime } from './jekyll-time.ts';

export type DocumentKind = 'post' | 'draft' | 'page';

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
  layouts: Map<string, TemplateFile>;
  includes: Map<string, TemplateFile>;
  data: Record<string, unknown>;
  warnings: string[];
}
