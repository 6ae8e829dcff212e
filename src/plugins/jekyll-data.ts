/**
 * jekyll-data: a theme's `_data` under the site's, read with the site (src/sources/read-sources.ts,
 * which checks `plugins:` itself).
 */
import type { JekyllPlugin } from './jekyll-plugin.ts';

export const jekyllData: JekyllPlugin = { name: 'jekyll-data' };
