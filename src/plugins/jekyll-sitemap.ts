/**
 * jekyll-sitemap: `/sitemap.xml` and `/robots.txt` (src/outputs/sitemap.ts), unless the site has its own.
 */
import type { GeneratedFile } from '../outputs/generate-files.ts';
import { renderRobots, renderSitemap } from '../outputs/sitemap.ts';
import type { JekyllPlugin } from './jekyll-plugin.ts';

export const jekyllSitemap: JekyllPlugin = {
  name: 'jekyll-sitemap',
  generateFiles({ config, sources, taken }) {
    const files: GeneratedFile[] = [];
    if (!taken.has('/sitemap.xml')) {
      files.push({
        outputPath: 'sitemap.xml',
        contents: renderSitemap({ config, posts: sources.posts, pages: sources.pages, staticFiles: sources.staticFiles, collections: sources.collections }),
      });
    }
    if (!taken.has('/robots.txt')) files.push({ outputPath: 'robots.txt', contents: renderRobots(config) });
    return files;
  },
};
