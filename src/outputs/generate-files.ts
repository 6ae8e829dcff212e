/**
 * The files the built-in plugins add (jekyll-sitemap, jekyll-feed); a site's own file at the same URL wins.
 */
import { jekyllEnvironment } from '../config/jekyll-environment.ts';
import type { SiteConfig } from '../config/site-config.ts';
import type { RenderedDocument } from '../render/render-documents.ts';
import type { SiteSources } from '../sources/site-sources.ts';
import { renderFeeds } from './feed.ts';
import { renderRobots, renderSitemap } from './sitemap.ts';

export interface GeneratedFile {
  outputPath: string;
  contents: string;
}

/** `site` is the payload the pages saw: the collections' feeds list `site.NAME`, written or not. */
export function generateFiles(config: SiteConfig, sources: SiteSources, rendered: RenderedDocument[], now: Date, site?: Record<string, unknown>): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  const taken = new Set([...sources.pages.map((p) => p.url), ...sources.staticFiles.map((f) => f.url)]);
  if (config.plugins.includes('jekyll-feed')) {
    const newestFirst = rendered.filter((r) => r.document.kind === 'post' || r.document.kind === 'draft').reverse();
    const collections = new Map(
      sources.collections.map((collection) => {
        const payloads = site?.[collection.config.label];
        return [collection.config.label, Array.isArray(payloads) ? payloads.map((payload: Record<string, unknown>) => ({ payload })) : []];
      }),
    );
    for (const feed of renderFeeds({ config, posts: newestFirst, collections, time: now, data: sources.data }, jekyllEnvironment())) {
      if (!taken.has(feed.url)) files.push({ outputPath: feed.outputPath, contents: feed.contents });
    }
  }
  if (config.plugins.includes('jekyll-sitemap')) {
    if (!taken.has('/sitemap.xml')) {
      files.push({
        outputPath: 'sitemap.xml',
        contents: renderSitemap({ config, posts: sources.posts, pages: sources.pages, staticFiles: sources.staticFiles, collections: sources.collections }),
      });
    }
    if (!taken.has('/robots.txt')) files.push({ outputPath: 'robots.txt', contents: renderRobots(config) });
  }
  return files;
}

