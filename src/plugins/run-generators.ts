/** Runs the active plugins' hooks: their generators over the site just read (Site#generate), and their payload links. */
import type { SiteConfig } from '../config/site-config.ts';
import type { Payload } from '../render/document-payload.ts';
import type { SourceDocument } from '../sources/site-sources.ts';
import { findActivePlugins } from './active-plugins.ts';
import type { GeneratorSite } from './jekyll-plugin.ts';

export function runGenerators(site: GeneratorSite): void {
  for (const plugin of findActivePlugins(site.config)) plugin.generatePages?.(site);
}

/** Lets the active plugins fill in what their generated pages' payloads show of other documents. */
export function linkPluginPayloads(config: SiteConfig, pages: readonly SourceDocument[], payloads: readonly Payload[], posts: () => readonly Payload[]): void {
  for (const plugin of findActivePlugins(config)) plugin.linkPagePayloads?.(pages, payloads, posts);
}
