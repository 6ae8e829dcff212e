/**
 * The files the active plugins add (jekyll-sitemap, jekyll-feed); a site's own file at the same URL wins.
 */
import { jekyllEnvironment } from '../config/jekyll-environment.ts';
import type { SiteConfig } from '../config/site-config.ts';
import { findActivePlugins } from '../plugins/active-plugins.ts';
import type { RenderedDocument } from '../render/render-documents.ts';
import type { SiteSources } from '../sources/site-sources.ts';

export interface GeneratedFile {
  outputPath: string;
  contents: string;
}

/** `site` is the payload the pages saw: the collections' feeds list `site.NAME`, written or not. */
export function generateFiles(config: SiteConfig, sources: SiteSources, rendered: RenderedDocument[], now: Date, site?: Record<string, unknown>): GeneratedFile[] {
  const taken = new Set([...sources.pages.map((p) => p.url), ...sources.staticFiles.map((f) => f.url)]);
  return findActivePlugins(config).flatMap((plugin) => plugin.generateFiles?.({ config, sources, rendered, now, taken, site }) ?? []);
}
