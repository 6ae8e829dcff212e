/**
 * `sitemap.xml` in the shape jekyll-sitemap 1.4 writes (posts, HTML pages, static .html/.pdf files),
 * extended with what this blog's posts declare: `sitemap: {lastmod, priority, changefreq}`.
 * Each entry's values are checked, so a typo fails the build instead of publishing a bad sitemap.
 */
import { BuildError } from '../errors.ts';
import { JekyllDate, isDateValue } from '../sources/jekyll-time.ts';
import type { CollectionSource, SourceDocument, StaticFileSource } from '../sources/site-sources.ts';
import { dateToXmlschema } from '../liquid/filters/date-filters.ts';
import { xmlEscape } from '../liquid/filters/string-filters.ts';
import { absoluteUrl as absoluteUrlFilter } from '../liquid/filters/url-filters.ts';
import { coerceDate } from '../sources/create-document.ts';
import type { SiteConfig } from '../config/site-config.ts';

const CHANGEFREQ = ['always', 'hourly', 'daily', 'weekly', 'monthly', 'yearly', 'never'];
/** jekyll-sitemap lists static files with these extensions. */
const STATIC_EXTENSIONS = ['.htm', '.html', '.xhtml', '.pdf'];

export interface SitemapInput {
  config: SiteConfig;
  /** Oldest first, as the posts collection. */
  posts: SourceDocument[];
  /** Sorted by file name, as Jekyll sorts site.pages. */
  pages: SourceDocument[];
  staticFiles: StaticFileSource[];
  /** The collections other than posts: the documents of those written are listed too. */
  collections?: CollectionSource[];
}

interface SitemapEntry {
  loc: string;
  lastmod?: string;
  changefreq?: string;
  priority?: string;
}

export function renderSitemap({ config, posts, pages, staticFiles, collections = [] }: SitemapInput): string {
  const entries: SitemapEntry[] = [];
  // jekyll-sitemap lists site.collections (sorted by label) whose output is on, posts among them.
  const written = [{ label: 'posts', docs: posts }, ...collections.filter((c) => c.config.output).map((c) => ({ label: c.config.label, docs: c.docs }))];
  for (const { docs } of written.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))) {
    for (const doc of docs) {
      if (!listed(doc.data)) continue;
      entries.push(documentEntry(doc, config, doc.data.last_modified_at ?? doc.date));
    }
  }
  for (const page of pages) {
    if (!listed(page.data) || !isHtmlPage(page) || page.url === '/404.html') continue;
    // jekyll-sitemap gives pages a lastmod only from last_modified_at (or, here, sitemap.lastmod):
    // the same sitemap as Jekyll's, whatever the files' times after a checkout.
    entries.push(documentEntry(page, config, page.data.last_modified_at));
  }
  // site.static_files: the site's own, then each collection's, written or not; a collection's file is
  // listed at its relative_path, not its URL (jekyll-sitemap prints `file.path`).
  const allFiles = [...staticFiles.filter((file) => file.collection === undefined), ...collections.flatMap((collection) => collection.files)];
  for (const file of allFiles) {
    const ext = file.relativePath.slice(file.relativePath.lastIndexOf('.'));
    if (!STATIC_EXTENSIONS.includes(ext) || file.data.sitemap === false || file.relativePath.endsWith('404.html')) continue;
    entries.push({ loc: absoluteUrl(`/${file.collectionPath ?? file.relativePath}`, config), lastmod: xmlschema(file.modifiedTime, config) });
  }
  const body = entries
    .map((entry) => {
      let xml = `<url>\n<loc>${xmlEscape(entry.loc)}</loc>\n`;
      if (entry.lastmod) xml += `<lastmod>${entry.lastmod}</lastmod>\n`;
      if (entry.changefreq) xml += `<changefreq>${entry.changefreq}</changefreq>\n`;
      if (entry.priority) xml += `<priority>${entry.priority}</priority>\n`;
      return `${xml}</url>\n`;
    })
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 http://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd" xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    body +
    '</urlset>\n'
  );
}

/** jekyll-sitemap's robots.txt, written when the site has none. */
export function renderRobots(config: SiteConfig): string {
  return `Sitemap: ${absoluteUrl('/sitemap.xml', config)}\n`;
}

function isHtmlPage(page: SourceDocument): boolean {
  return page.url.endsWith('/') || ['.html', '.htm', '.xhtml'].includes(page.outputExt);
}

/** Left out: `sitemap: false`, `sitemap: {exclude: yes}` (unpublished pages never get here). */
function listed(data: Record<string, unknown>): boolean {
  const sitemap = data.sitemap;
  if (sitemap === false) return false;
  if (sitemap && typeof sitemap === 'object') {
    const exclude = (sitemap as Record<string, unknown>).exclude;
    if (exclude === true || exclude === 'yes' || exclude === 'true') return false;
  }
  return true;
}

function documentEntry(document: SourceDocument, config: SiteConfig, fallbackLastmod: unknown): SitemapEntry {
  const entry: SitemapEntry = { loc: absoluteUrl(document.url.replace('/index.html', '/'), config) };
  const settings = document.data.sitemap;
  const declared = settings && typeof settings === 'object' ? (settings as Record<string, unknown>) : {};
  const file = document.relativePath;

  const lastmod = declared.lastmod ?? fallbackLastmod;
  if (lastmod !== undefined && lastmod !== null) {
    if (lastmod instanceof JekyllDate) entry.lastmod = lastmod.toString();
    else if (isDateValue(lastmod)) entry.lastmod = xmlschema(lastmod, config);
    else {
      try {
        entry.lastmod = xmlschema(coerceDate(lastmod, file, config), config);
      } catch (error) {
        throw new BuildError(`sitemap.lastmod '${String(lastmod)}' is not a date.`, { file, hint: 'Write it as YYYY-MM-DD, e.g. lastmod: 2022-06-16.', cause: error });
      }
    }
  }
  if (declared.priority !== undefined && declared.priority !== null) {
    const priority = Number(declared.priority);
    if (typeof declared.priority === 'boolean' || !Number.isFinite(priority) || priority < 0 || priority > 1) {
      throw new BuildError(`sitemap.priority '${String(declared.priority)}' must be a number from 0.0 to 1.0.`, { file, hint: 'For example priority: 0.7' });
    }
    entry.priority = formatPriority(priority);
  }
  if (declared.changefreq !== undefined && declared.changefreq !== null) {
    const changefreq = String(declared.changefreq).trim().toLowerCase();
    if (!CHANGEFREQ.includes(changefreq)) {
      throw new BuildError(`sitemap.changefreq '${String(declared.changefreq)}' is not one of ${CHANGEFREQ.join(', ')}.`, { file });
    }
    entry.changefreq = changefreq;
  }
  return entry;
}

/** Ruby prints 1.0 as "1.0" and 0.7 as "0.7". */
function formatPriority(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

function xmlschema(date: Date, config: SiteConfig): string {
  return String(dateToXmlschema(date, config.timezone));
}

/** jekyll-sitemap writes `{{ url | absolute_url }}`: the same filter here. */
function absoluteUrl(url: string, config: SiteConfig): string {
  return absoluteUrlFilter(url, config.url, config.baseurl) ?? url;
}
