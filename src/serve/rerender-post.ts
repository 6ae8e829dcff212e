/**
 * The watcher's fast path: when a save changed only a post's text — not its front matter, so not its
 * URL, date, title or place among the posts — that one page is rendered again with the last build's
 * engines and site data and can be written at once. The full rebuild that follows brings the pages
 * that list the post (home, tag pages, feed) up to date.
 */
import { readFileSync } from 'node:fs';
import type { SitePlan } from '../build.ts';
import { createMarkdownProcessor, markdownOptionsFromConfig } from '../markdown/create-markdown-processor.ts';
import { applyLayouts, renderContent, renderExcerpt, type RenderContext } from '../render/render-documents.ts';
import { createPost } from '../sources/create-document.ts';
import { resolveDefaults } from '../sources/front-matter-defaults.ts';
import { parseFrontMatter, type FrontMatterCache } from '../sources/front-matter.ts';

export interface RerenderedPage {
  outputPath: string;
  output: string;
}

/**
 * The post's new page, or undefined when more than its body changed (then only a full rebuild will do).
 * With `rehearse`, the last build's data is left as it was: a watcher rehearses once after each build
 * so the first real save finds the code paths compiled.
 */
export function rerenderPost(
  plan: SitePlan,
  absolutePath: string,
  { rehearse = false, frontMatterCache }: { rehearse?: boolean; frontMatterCache?: FrontMatterCache } = {},
): RerenderedPage | undefined {
  const index = plan.rendered.findIndex((page) => page.document.absolutePath === absolutePath && (page.document.kind === 'post' || page.document.kind === 'draft'));
  if (index === -1) return undefined;
  const previous = plan.rendered[index];
  const old = previous.document;
  // A post a plugin changed (its links, title or layout; reviseDocument) needs the plugins run again.
  if (old.sourceDigest === undefined) return undefined;
  const { config } = plan;
  const text = readFileSync(absolutePath, 'utf8');
  const parsed = parseFrontMatter(text, old.relativePath, config.timezone, frontMatterCache);
  const collectionDir = old.relativePath.slice(0, old.relativePath.lastIndexOf(old.kind === 'draft' ? '_drafts/' : '_posts/')).replace(/\/$/, '');
  const kind = old.kind === 'draft' ? 'draft' : 'post';
  const scope = kind === 'draft' ? 'drafts' : 'posts';
  const document = createPost(
    { relativePath: old.relativePath, absolutePath, modifiedTime: old.modifiedTime },
    parsed,
    kind,
    collectionDir,
    resolveDefaults(config.defaults, old.relativePath, scope),
    config,
  );
  if (document.url !== old.url || JSON.stringify(document.data) !== JSON.stringify(old.data)) return undefined;

  const payload = rehearse ? { ...previous.payload } : previous.payload;
  const context = rehearse ? rehearsalContext(plan) : plan.context;
  payload.content = document.body;
  renderContent(document, payload, context);
  payload.excerpt = renderExcerpt(document, payload, context).html;
  const { output } = applyLayouts(document, payload, context);
  return { outputPath: document.outputPath, output };
}

const rehearsalContexts = new WeakMap<SitePlan, RenderContext>();

/**
 * The plan's context with a Markdown converter that has no cache: a rehearsed post's Markdown is in
 * the cache, and a rehearsal served from it would leave the converter as cold as it was.
 */
function rehearsalContext(plan: SitePlan): RenderContext {
  let context = rehearsalContexts.get(plan);
  if (!context) {
    const markdown = createMarkdownProcessor(markdownOptionsFromConfig(plan.config.kramdown));
    context = { ...plan.context, engines: { ...plan.context.engines, markdown } };
    rehearsalContexts.set(plan, context);
  }
  return context;
}
