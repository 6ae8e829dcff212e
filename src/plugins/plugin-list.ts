/**
 * The built-in Jekyll plugins, by gem name. The order is the order their generators run in: Jekyll's
 * generator priorities (normal, then low, then lowest).
 */
import { jekyllArchives } from './jekyll-archives.ts';
import { jekyllDefaultLayout } from './jekyll-default-layout.ts';
import type { JekyllPlugin } from './jekyll-plugin.ts';
import { jekyllOptionalFrontMatter } from './jekyll-optional-front-matter.ts';
import { jekyllReadmeIndex } from './jekyll-readme-index.ts';
import { jekyllRedirectFrom } from './jekyll-redirect-from.ts';
import { jekyllRelativeLinks } from './jekyll-relative-links.ts';
import { jekyllTitlesFromHeadings } from './jekyll-titles-from-headings.ts';

export const PLUGIN_LIST: Readonly<Record<string, JekyllPlugin>> = Object.freeze({
  'jekyll-optional-front-matter': jekyllOptionalFrontMatter,
  'jekyll-redirect-from': jekyllRedirectFrom,
  'jekyll-archives': jekyllArchives,
  'jekyll-readme-index': jekyllReadmeIndex,
  'jekyll-relative-links': jekyllRelativeLinks,
  'jekyll-titles-from-headings': jekyllTitlesFromHeadings,
  'jekyll-default-layout': jekyllDefaultLayout,
});

/** The plugins `plugins:`/`gems:` names, in the list's order. */
export function activePlugins(plugins: readonly string[]): JekyllPlugin[] {
  return Object.entries(PLUGIN_LIST)
    .filter(([name]) => plugins.includes(name))
    .map(([, plugin]) => plugin);
}
