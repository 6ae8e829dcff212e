/**
 * What a built-in Jekyll plugin adds to a build. Every member is optional: a plugin implements the
 * hooks it needs, and adding a plugin is adding one module to plugin-list.ts.
 */
import type { Liquid } from 'liquidjs';
import type { SiteConfig } from '../config/site-config.ts';
import type { MarkdownProcessor } from '../markdown/create-markdown-processor.ts';
import type { GeneratedFile } from '../outputs/generate-files.ts';
import type { Payload } from '../render/document-payload.ts';
import type { RenderedDocument } from '../render/render-documents.ts';
import type { SiteSources, SourceDocument } from '../sources/site-sources.ts';

/** The site as a generator sees it: the configuration and everything read, to add to or change. */
export interface GeneratorSite {
  config: SiteConfig;
  sources: SiteSources;
}

/** What the Liquid hook gets: the site as read, and the site's Markdown converter. */
export interface PluginLiquidContext {
  config: SiteConfig;
  sources: SiteSources;
  markdown: MarkdownProcessor;
  /** The build's clock (default: the real time). */
  now?: Date;
}

/** What the generated-files hook gets: everything rendered. */
export interface PluginOutputContext {
  config: SiteConfig;
  sources: SiteSources;
  /** Every page and post, posts oldest first. */
  rendered: RenderedDocument[];
  now: Date;
  /** URLs a site's own page or static file takes: a generated file at one of them is left out. */
  taken: ReadonlySet<string>;
  /** The `site` payload the pages saw (a collection's feed lists `site.NAME`). */
  site?: Record<string, unknown>;
}

export interface JekyllPlugin {
  /** The gem's name, as `plugins:` (or `gems:`) in _config.yml names it. */
  readonly name: string;
  /** The Liquid tags it adds, by name; lets a build tell which plugin a page's unknown tag needs. */
  readonly tags?: readonly string[];
  /**
   * Adds to the configuration before anything is read, as Jekyll plugins write into `site.config`
   * (github-metadata's `site.github`). Mutates `config.raw`, which templates see as `site`.
   */
  configure?(config: SiteConfig, environment: NodeJS.ProcessEnv): void;
  /** Registers its tags and filters on the site's Liquid engine, once per build. */
  liquid?(liquid: Liquid, context: PluginLiquidContext): void;
  /**
   * Makes, once per build, what rewrites a document's finished output after its layouts (Jekyll's
   * `:post_render` hook for pages and documents): jemoji, jekyll-mentions.
   */
  createPostRender?(config: SiteConfig, environment: NodeJS.ProcessEnv): (output: string, document: SourceDocument) => string;
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
  /** The files it writes beside the pages (feeds, sitemap, robots.txt). */
  generateFiles?(context: PluginOutputContext): GeneratedFile[];
}
