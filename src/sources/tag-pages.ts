/**
 * Generated tag pages, which Jekyll needs a plugin or hand-written pages for. Turned on in _config.yml:
 *
 *   tag_pages:
 *     layout: tag                        # the layout that lists the posts (required)
 *     permalink: /kategori/:tag.html     # default; :tag is the tag's Swedish-safe slug
 *
 * Each page has `page.tag` (the name as written) and `page.title`; the layout lists `site.tags[page.tag]`.
 * The slug is Jekyll's `slugify: 'latin'` (Företag → foretag), so a theme links to a tag page with
 * `{{ tag | slugify: 'latin' }}` and the link works the same in Jekyll.
 */
import type { SiteConfig } from '../config/site-config.ts';
import { BuildError } from '../errors.ts';
import { slugify } from '../liquid/filters/slugify.ts';
import { escapePath, outputPathForUrl, sanitizeUrl } from './permalink.ts';
import type { SiteSources } from './site-sources.ts';
import { locateInFrontMatter } from './locate-in-front-matter.ts';

export const DEFAULT_TAG_PERMALINK = '/kategori/:tag.html';

export function createTagPages(config: SiteConfig, sources: SiteSources): void {
  const settings = config.raw.tag_pages;
  if (settings === undefined || settings === null || settings === false) return;
  if (typeof settings !== 'object' || Array.isArray(settings) || typeof (settings as Record<string, unknown>).layout !== 'string') {
    throw new BuildError('tag_pages needs a layout, e.g. tag_pages: {layout: tag}.', { file: '_config.yml' });
  }
  const { layout, permalink = DEFAULT_TAG_PERMALINK } = settings as { layout: string; permalink?: string };
  const bySlug = new Map<string, string>();
  // Each tag's newest file time, found in the same pass: not a pass over all posts per tag.
  const modified = new Map<string, number>();
  for (const post of sources.posts) {
    for (const tag of (post.data.tags as unknown[]) ?? []) {
      const name = String(tag);
      modified.set(name, Math.max(modified.get(name) ?? 0, post.modifiedTime.getTime()));
      const slug = slugify(name, 'latin') ?? '';
      // Its page would be /kategori/.html, which a theme's links cannot tell from any other such tag.
      if (!slug) {
        throw new BuildError(`The tag '${name}' has no letter or digit to name its tag page by.`, {
          file: post.relativePath,
          ...locateInFrontMatter(post.absolutePath, name),
          hint: 'Give the tag a name with letters or digits (tag pages are named by its slug, as slugify: latin makes it).',
        });
      }
      const existing = bySlug.get(slug);
      if (existing === undefined) bySlug.set(slug, name);
      else if (existing !== name) sources.warnings.push(`Tags '${existing}' and '${name}' share the tag page for '${slug}'; it lists '${existing}'.`);
    }
  }
  for (const [slug, name] of bySlug) {
    const url = sanitizeUrl(String(permalink).replaceAll(':tag', escapePath(slug)));
    sources.pages.push({
      kind: 'page',
      relativePath: `${url.replace(/^\//, '')}#tag`,
      absolutePath: config.source,
      data: { layout, title: name, tag: name, generated: true },
      body: '',
      bodyLineOffset: 0,
      url,
      outputPath: outputPathForUrl(url, '.html'),
      outputExt: '.html',
      isMarkdown: false,
      modifiedTime: new Date(modified.get(name) ?? 0),
    });
  }
}
