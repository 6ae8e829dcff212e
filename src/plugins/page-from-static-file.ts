/**
 * A static file read again as a page (Jekyll::Page.new over the file), as jekyll-optional-front-matter
 * and jekyll-readme-index make Markdown files without front matter into pages.
 */
import { readFileSync } from 'node:fs';
import type { SiteConfig } from '../config/site-config.ts';
import { createPage } from '../sources/create-document.ts';
import { resolveDefaults } from '../sources/front-matter-defaults.ts';
import { parseFrontMatter } from '../sources/front-matter.ts';
import type { SourceDocument, StaticFileSource } from '../sources/site-sources.ts';

/** `extra` is front matter the plugin sets over the file's own (readme-index's permalink). */
export function pageFromStaticFile(config: SiteConfig, file: StaticFileSource, extra: Record<string, unknown> = {}): SourceDocument {
  const parsed = parseFrontMatter(readFileSync(file.absolutePath, 'utf8'), file.relativePath, config.timezone);
  const info = { relativePath: file.relativePath, absolutePath: file.absolutePath, modifiedTime: file.modifiedTime };
  return createPage(info, { ...parsed, data: { ...parsed.data, ...extra } }, resolveDefaults(config.defaults, file.relativePath, 'pages'), config);
}

/** Converters::Markdown#matches: the file's extension is one of `markdown_ext`, in any case. */
export function hasMarkdownExtension(relativePath: string, config: SiteConfig): boolean {
  const dot = relativePath.lastIndexOf('.');
  return dot > relativePath.lastIndexOf('/') && config.markdownExtensions.includes(relativePath.slice(dot + 1).toLowerCase());
}

/** A plugin's own settings, `site.config[key]`, when they are a map. */
export function pluginOptions(config: SiteConfig, key: string): Record<string, unknown> {
  const value = config.raw[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
