/**
 * jekyll-paginate: its pages are made while the site is read (src/sources/paginate.ts, which checks
 * `plugins:` itself) and filled at render time (`paginator`, src/render/paginator.ts).
 */
import type { JekyllPlugin } from './jekyll-plugin.ts';

export const jekyllPaginate: JekyllPlugin = { name: 'jekyll-paginate' };
