/**
 * jekyll-paginate 1.1: with `paginate: N` the `index.html` in the folder of `paginate_path` becomes
 * page 1, and copies of it at `/page2/`, `/page3/`… carry the rest. Which posts each page shows is
 * decided at render time (`paginator`), from `site.posts`.
 */
import { BuildError } from '../errors.ts';
import path from 'node:path';
import type { SiteConfig } from '../config/site-config.ts';
import { outputPathForUrl, sanitizeUrl } from './permalink.ts';
import type { SiteSources, SourceDocument } from './site-sources.ts';

export interface Pagination {
  page: number;
  totalPages: number;
  perPage: number;
}

export function paginatePages(config: SiteConfig, sources: SiteSources): void {
  if (!config.plugins.includes('jekyll-paginate') || config.raw.paginate === undefined || config.raw.paginate === null) return;
  const perPage = Number.parseInt(String(config.raw.paginate), 10);
  // jekyll-paginate reads it with Ruby's to_i: `fem` is 0, and dividing by it stops Jekyll's build.
  if (!Number.isFinite(perPage) || perPage < 1) {
    throw new BuildError(`paginate should be the number of posts per page, but is ${JSON.stringify(config.raw.paginate)}.`, {
      file: '_config.yml',
      hint: 'Write a whole number, e.g. paginate: 5, or remove the line to turn pagination off.',
    });
  }
  const paginatePath = String(config.raw.paginate_path ?? '/page:num');
  const template = templatePage(sources.pages, paginatePath);
  if (!template) {
    sources.warnings.push('Pagination is enabled, but there is no index.html to use as its template. Skipping pagination.');
    return;
  }
  const visible = sources.posts.filter((post) => !post.data.hidden).length;
  const totalPages = Math.ceil(visible / perPage);
  template.pagination = { page: 1, totalPages, perPage };
  for (let page = 2; page <= totalPages; page++) {
    // Like jekyll-paginate, a copy of the template whose dir is the page's path: its URL ends in "/".
    // (A spread copies no body from a document read from a file: FileDocument.)
    const url = sanitizeUrl(`${paginatedPath(paginatePath, page)}/`);
    sources.pages.push({ ...template, body: template.body, data: { ...template.data }, url, outputPath: outputPathForUrl(url, '.html'), pagination: { page, totalPages, perPage } });
  }
}

/** Pager.paginate_path: page 1 is the template's own URL, later pages fill `:num`. */
export function paginatedPath(paginatePath: string, page: number): string {
  const filled = paginatePath.replace(':num', String(page));
  return filled.startsWith('/') ? filled : `/${filled}`;
}

/** Pagination#template_page: an index.html in the hierarchy of paginate_path's folder, deepest first. */
function templatePage(pages: SourceDocument[], paginatePath: string): SourceDocument | undefined {
  const paginateDir = path.posix.dirname(paginatePath.replace(/^\/*/, '/'));
  const candidates = pages.filter((page) => {
    if (path.posix.basename(page.relativePath) !== 'index.html') return false;
    const pageDir = path.posix.dirname(`/${page.relativePath}`);
    for (let dir = paginateDir; ; dir = path.posix.dirname(dir)) {
      if (dir === pageDir) return true;
      if (dir === '/' || dir === '.') return false;
    }
  });
  return candidates.sort((a, b) => b.relativePath.length - a.relativePath.length)[0];
}
