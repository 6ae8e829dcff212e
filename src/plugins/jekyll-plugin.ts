/**
 * What a built-in Jekyll plugin can add to a build. Every member is an optional hook, so a plugin
 * names only the steps it takes part in; a plugin is active when `plugins:` (or `gems:`) names it.
 */
import type { SiteConfig } from '../config/site-config.ts';
import type { Payload } from '../render/document-payload.ts';
import type { SiteSources, SourceDocument } from '../sources/site-sources.ts';

/** The site as a generator sees it: the configuration and everything read, to add to or change. */
export interface GeneratorSite {
  config: SiteConfig;
  sources: SiteSources;
}

export interface JekyllPlugin {
  /**
   * A Jekyll Generator: runs once the site is read, before anything is rendered, in the order of
   * the plugin list (Jekyll's generator priorities). May add, replace or remove pages, posts,
   * static files and layouts in `site.sources`.
   */
  generatePages?(site: GeneratorSite): void;
  /**
   * Gives the payloads of the pages the plugin generated what they show of other documents (an
   * archive's `page.posts`), once every payload exists. `posts` are the post payloads, oldest first.
   */
  linkPagePayloads?(pages: readonly SourceDocument[], payloads: readonly Payload[], posts: () => readonly Payload[]): void;
}
