/**
 * Every Jekyll plugin tryck provides, one module each, named for its gem. A site turns one on by
 * naming it in `plugins:` (active-plugins.ts).
 */
import type { JekyllPlugin } from './jekyll-plugin.ts';
import { jekyllAvatar } from './jekyll-avatar.ts';
import { jekyllFeed } from './jekyll-feed.ts';
import { jekyllGist } from './jekyll-gist.ts';
import { jekyllGithubMetadata } from './jekyll-github-metadata.ts';
import { jekyllIncludeCache } from './jekyll-include-cache.ts';
import { jekyllMentions } from './jekyll-mentions.ts';
import { jekyllPaginate } from './jekyll-paginate.ts';
import { jekyllSeoTag } from './jekyll-seo-tag.ts';
import { jekyllSitemap } from './jekyll-sitemap.ts';
import { jemoji } from './jemoji.ts';

export const PLUGIN_LIST: readonly JekyllPlugin[] = [jekyllAvatar, jekyllFeed, jekyllGist, jekyllGithubMetadata, jekyllIncludeCache, jekyllMentions, jekyllPaginate, jekyllSeoTag, jekyllSitemap, jemoji];
