/**
 * Renders every post and page the way Jekyll's Renderer does: Liquid, then Markdown, then layouts.
 * Posts go first, so pages that list them see their converted content and excerpts.
 */
import type { SiteConfig } from '../config/site-config.ts';
import { BuildError } from '../errors.ts';
import type { LiquidEngine } from '../liquid/create-liquid-engine.ts';
import type { MarkdownProcessor } from '../markdown/create-markdown-processor.ts';
import type { SourceDocument, TemplateFile } from '../sources/site-sources.ts';
import { RECORDER, type RenderRecorder } from '../liquid/render-recorder.ts';
import type { Payload } from './document-payload.ts';
import { extractExcerpt } from './extract-excerpt.ts';
import type { StylesheetCompiler } from '../sass/create-stylesheet-compiler.ts';
import { isSassAsset, sassSyntaxOf } from '../sass/sass-syntax.ts';

export interface RenderEngines {
  liquid: LiquidEngine;
  markdown: MarkdownProcessor;
  /** Compiles `.scss`/`.sass` pages; set when the site has any. */
  stylesheets?: StylesheetCompiler;
}

export interface RenderedDocument {
  document: SourceDocument;
  payload: Payload;
  /** The finished file: content wrapped in its layouts. */
  output: string;
  /** Set when the page cache carries the last build's file over: where that file is. */
  reuse?: string;
}

export interface RenderContext {
  config: SiteConfig;
  site: Payload;
  layouts: Map<string, TemplateFile>;
  engines: RenderEngines;
  /** `site` as one document sees it, where it differs from `site` (a post's `site.related_posts`). */
  siteFor?: (document: SourceDocument) => Payload | undefined;
  /** Extra top-level variables for a document, e.g. `paginator`. */
  scopeFor?: (document: SourceDocument) => Record<string, unknown> | undefined;
  /** Notes what a document's rendering reads, when the page cache is on. */
  recorderFor?: (document: SourceDocument) => RenderRecorder | undefined;
  /** Rewrites a document's output after its layouts: the plugins' `:post_render` hooks. */
  postRender?: (document: SourceDocument, output: string) => string;
}

/** The variables a document's templates see: `site`, `page`, and extras such as `paginator`. */
function documentScope(document: SourceDocument, payload: Payload, context: RenderContext): Record<string | symbol, unknown> {
  const extra = context.scopeFor?.(document);
  const recorder = context.recorderFor?.(document);
  const site = context.siteFor?.(document) ?? context.site;
  if (!recorder) return { site, page: payload, ...extra };
  // A paginator lists posts: the page depends on all of them.
  if (extra?.paginator !== undefined) recorder.readCorpus();
  return { site: recorder.view(site), page: recorder.pageView(payload), ...extra, [RECORDER]: recorder };
}

export interface LiquidText {
  /** The text after Liquid: Markdown still to convert, or HTML. */
  text: string;
  includes: Set<string>;
}

/** Liquid for a document's body. */
export function renderBodyLiquid(document: SourceDocument, payload: Payload, context: RenderContext): LiquidText {
  if (document.data.render_with_liquid === false || !hasLiquid(document.body)) return { text: document.body, includes: new Set() };
  const scope = documentScope(document, payload, context);
  // A body is rendered once per build: its parse is not worth keeping (4000 posts' token lists).
  const result = context.engines.liquid.renderString(document.body, document.relativePath, scope, document.bodyLineOffset, false);
  return { text: result.output, includes: result.includes };
}

/**
 * Liquid for a post's excerpt: the text before the separator. A front matter `excerpt:` is used as
 * it is (`given`), as in Jekyll.
 */
export function renderExcerptLiquid(document: SourceDocument, payload: Payload, context: RenderContext): LiquidText & { given?: string } {
  const given = document.data.excerpt;
  if (typeof given === 'string') return { text: given, includes: new Set(), given };
  const separator = String(document.data.excerpt_separator ?? context.config.excerptSeparator);
  if (separator === '') return { text: '', includes: new Set(), given: '' };
  const text = extractExcerpt(document.body, separator);
  if (document.data.render_with_liquid === false || !hasLiquid(text)) return { text, includes: new Set() };
  const scope = documentScope(document, payload, context);
  const result = context.engines.liquid.renderString(text, `${document.relativePath}#excerpt`, scope, document.bodyLineOffset, false);
  return { text: result.output, includes: result.includes };
}

/** Markdown to HTML for Markdown documents, Sass to CSS for stylesheet pages; other documents' text is already their output. */
export function convertText(document: SourceDocument, text: string, markdown: MarkdownProcessor, stylesheets?: StylesheetCompiler): string {
  if (document.isMarkdown) return convertMarkdown(text, document, markdown);
  if (stylesheets && document.kind === 'page' && sassSyntaxOf(document.relativePath)) return stylesheets.compile(document, text);
  return text;
}

/** Liquid and Markdown for a document's body; sets `payload.content` to the converted HTML. */
export function renderContent(document: SourceDocument, payload: Payload, context: RenderContext): Set<string> {
  const { text, includes } = renderBodyLiquid(document, payload, context);
  payload.content = convertText(document, text, context.engines.markdown, context.engines.stylesheets);
  return includes;
}

/** A post's excerpt: the text before the separator, through Liquid and Markdown, without a layout. */
export function renderExcerpt(document: SourceDocument, payload: Payload, context: RenderContext): { html: string; includes: Set<string> } {
  const excerpt = renderExcerptLiquid(document, payload, context);
  if (excerpt.given !== undefined) return { html: excerpt.given, includes: excerpt.includes };
  return { html: convertText(document, excerpt.text, context.engines.markdown), includes: excerpt.includes };
}

/** Wraps converted content in its layout chain (Renderer#place_in_layouts). */
export function applyLayouts(document: SourceDocument, payload: Payload, context: RenderContext): { output: string; layouts: string[]; includes: Set<string> } {
  let output = String(payload.content ?? '');
  const used: string[] = [];
  const includes = new Set<string>();
  // Convertible#place_in_layout?: a Sass asset never goes into a layout, whatever its front matter says.
  let name = document.kind === 'page' && isSassAsset(document.relativePath) ? undefined : layoutName(document.data.layout);
  let requester = document.relativePath;
  let layoutData: Record<string, unknown> = {};
  const documentVariables = documentScope(document, payload, context);
  while (name !== undefined) {
    const layout = context.layouts.get(name);
    if (!layout) {
      const available = [...context.layouts.keys()].sort();
      throw new BuildError(`Layout '${name}' does not exist.`, {
        file: requester,
        hint: available.length ? `Available layouts: ${available.join(', ')}. Use layout: none for no layout.` : 'There is no _layouts/ folder.',
      });
    }
    if (used.includes(name)) {
      throw new BuildError(`Layout '${name}' includes itself: ${[...used, name].join(' → ')}.`, { file: layout.relativePath });
    }
    used.push(name);
    // The inner layout's values win over its parent's (Jekyll deep-merges in this order).
    layoutData = { ...layout.data, ...layoutData };
    const scope = { ...documentVariables, layout: layoutData, content: output };
    const result = context.engines.liquid.renderString(layout.body, layout.relativePath, scope, layout.bodyLineOffset);
    output = result.output;
    for (const include of result.includes) includes.add(include);
    requester = layout.relativePath;
    name = layoutName(layout.data.layout);
  }
  if (context.postRender) output = context.postRender(document, output);
  return { output, layouts: used, includes };
}

/** `layout: none`, `null` and `false` all mean no layout. */
function layoutName(value: unknown): string | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  const name = String(value).trim();
  if (name === '' || name === 'none' || name === 'null') return undefined;
  return name.replace(/\.html?$/, '');
}

/** Jekyll skips Liquid for text with no Liquid in it (Utils.has_liquid_construct?); the output is the same. */
function hasLiquid(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}

function convertMarkdown(text: string, document: SourceDocument, markdown: MarkdownProcessor): string {
  try {
    return markdown.render(text);
  } catch (error) {
    if (error instanceof BuildError && error.file === undefined) {
      const line = error.line === undefined ? undefined : error.line + document.bodyLineOffset;
      throw new BuildError(error.message, { file: document.relativePath, line, hint: error.hint, cause: error.cause });
    }
    throw new BuildError(`Markdown conversion failed: ${(error as Error).message}`, { file: document.relativePath, cause: error });
  }
}
