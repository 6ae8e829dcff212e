/**
 * Every Jekyll plugin tryck provides, one module each, named for its gem. A site turns one on by
 * naming it in `plugins:` (active-plugins.ts). The page generators come first, in the order Jekyll
 * runs them (generator priorities: normal, then low, then lowest).
 */
import type { JekyllPlugin } from './jekyll-plugin.ts';
import { jekyllArchives } from './jekyll-archives.ts';
import { jekyllAvatar } from './jekyll-avatar.ts';
import { jekyllData } from './jekyll-data.ts';
import { jekyllDefaultLayout } from './jekyll-default-layout.ts';
import { jekyllFeed } from './jekyll-feed.ts';
import { jekyllGist } from './jekyll-gist.ts';
import { jekyllGithubMetadata } from './jekyll-github-metadata.ts';
import { jekyllIncludeCache } from './jekyll-include-cache.ts';
import { jekyllMentions } from './jekyll-mentions.ts';
import { jekyllOptionalFrontMatter } from './jekyll-optional-front-matter.ts';
import { jekyllPaginate } from './jekyll-paginate.ts';
import { jekyllReadmeIndex } from './jekyll-readme-index.ts';
import { jekyllRedirectFrom } from './jekyll-redirect-from.ts';
import { jekyllRelativeLinks } from './jekyll-relative-links.ts';
import { jekyllSeoTag } from './jekyll-seo-tag.ts';
import { jekyllSitemap } from './jekyll-sitemap.ts';
import { jekyllTitlesFromHeadings } from './jekyll-titles-from-headings.ts';
import { jemoji } from './jemoji.ts';

export const PLUGIN_LIST: readonly JekyllPlugin[] = [
  jekyllOptionalFrontMatter,
  jekyllRedirectFrom,
  jekyllArchives,
  jekyllReadmeIndex,
  jekyllRelativeLinks,
  jekyllTitlesFromHeadings,
  jekyllDefaultLayout,
  jekyllAvatar,
  jekyllData,
  jekyllFeed,
  jekyllGist,
  jekyllGithubMetadata,
  jekyllIncludeCache,
  jekyllMentions,
  jekyllPaginate,
  jekyllSeoTag,
  jekyllSitemap,
  jemoji,
];
