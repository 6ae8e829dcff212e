/**
 * Jekyll's additions to Liquid — its filters and tags — configured for one site.
 */
import type { Liquid } from 'liquidjs';
import type { SiteConfig } from '../config/site-config.ts';
import type { MarkdownProcessor } from '../markdown/create-markdown-processor.ts';
import type { SiteSources } from '../sources/site-sources.ts';
import { registerJekyllFilters } from './filters/register-jekyll-filters.ts';
import { createJekyllDrop } from '../config/jekyll-environment.ts';
import { relativeUrl } from './filters/url-filters.ts';
import { findActivePlugins } from '../plugins/active-plugins.ts';
import { createHighlightTag } from './tags/highlight-tag.ts';
import { createIncludeRelativeTag } from './tags/include-relative-tag.ts';
import { createLinkTag, type LinkTarget } from './tags/link-tag.ts';
import { createPostUrlTag } from './tags/post-url-tag.ts';

/** The tags Jekyll itself adds to Liquid (plugins' tags are in src/plugins/). */
export const JEKYLL_TAGS: readonly string[] = ['include', 'include_relative', 'post_url', 'link', 'highlight'];

export interface JekyllExtensionContext {
  config: SiteConfig;
  sources: SiteSources;
  markdown: MarkdownProcessor;
  /** The build's clock, for "now" and "today" in date filters (default: the real time). */
  now?: Date;
}

export function registerJekyllExtensions(liquid: Liquid, { config, sources, markdown, now }: JekyllExtensionContext): void {
  registerJekyllFilters(liquid, {
    url: config.url,
    baseurl: config.baseurl,
    timezone: config.timezone,
    markdownify: (text: string) => markdown.render(text),
    now: now && (() => now),
  });
  (liquid.options.globals as Record<string, unknown>).jekyll = createJekyllDrop();
  const withBaseurl = (url: string): string => relativeUrl(url, config.baseurl) ?? url;
  let linkTargets: Map<string, LinkTarget> | undefined;
  // Site#each_site_file: the first with the path wins, pages before static files (a Markdown file
  // jekyll-optional-front-matter made a page is both), and page 1 before jekyll-paginate's copies.
  const targets = (): Map<string, LinkTarget> =>
    (linkTargets ??= new Map([
      ...[...sources.pages, ...sources.posts, ...sources.staticFiles].reverse().map((item) => [item.relativePath, item] as const),
      // Site#each_site_file: the written collection documents too, by their path as Jekyll has it.
      ...sources.collections.flatMap((collection) => collection.docs.filter((doc) => doc.written !== false)).flatMap((doc) => [
        [doc.relativePath, doc] as const,
        [doc.collectionPath ?? doc.relativePath, doc] as const,
      ]),
    ]));
  liquid.registerTag('post_url', createPostUrlTag(() => sources.posts, withBaseurl));
  liquid.registerTag('link', createLinkTag(targets, withBaseurl));
  liquid.registerTag('include_relative', createIncludeRelativeTag(config.source));
  liquid.registerTag('highlight', createHighlightTag());
  for (const plugin of findActivePlugins(config)) plugin.liquid?.(liquid, { config, sources, markdown, now });
}
