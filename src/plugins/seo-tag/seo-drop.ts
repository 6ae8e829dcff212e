/**
 * What `{% seo %}` knows about a page: jekyll-seo-tag 2.8's Drop, AuthorDrop, ImageDrop and
 * JSONLDDrop (lib/jekyll-seo-tag/*.rb) as one plain object for its template, `seo_tag`.
 * Ruby's `||` is kept: only nil and false fall through, an empty string does not.
 */
import { dateToXmlschema } from '../../liquid/filters/date-filters.ts';
import { isRubyTruthy, rubyToS, unwrap } from '../../liquid/filters/ruby-values.ts';
import { escapeOnce, normalizeWhitespace, stripHtml } from '../../liquid/filters/string-filters.ts';
import { absoluteUrl, isAbsoluteUri, uriEscape } from '../../liquid/filters/url-filters.ts';
import { SEO_TAG_VERSION } from './seo-template.ts';

type Hash = Record<string, unknown>;

export interface SeoInput {
  /** `site` as templates see it. */
  site: Hash;
  page: Hash;
  paginator: unknown;
  /** The tag's markup: `title=false` leaves out `<title>`. */
  markup: string;
  url: string;
  baseurl: string;
  timezone: string;
  markdownify: (text: string) => string;
}

const TITLE_SEPARATOR = ' | ';
const HOMEPAGE_OR_ABOUT = /^\/(about\/)?(index.html?)?$/;
const ENTITY_TYPES = ['BlogPosting', 'CreativeWork'];
const AUTHOR_TYPES = ['Organization', 'Person'];

export function createSeoDrop(input: SeoInput): Hash {
  const { site, page, timezone } = input;
  const or = <T>(value: T, fallback: () => unknown): unknown => (isRubyTruthy(value) ? unwrap(value) : fallback());
  // Drop#format_string: markdownify | strip_html | normalize_whitespace | escape_once, nil when empty.
  // escape_once keeps the references kramdown writes (`&amp;`, `&lt;`), so ours are spelled as its.
  const format = (value: unknown): string | undefined => {
    const html = input.markdownify(rubyToS(value, timezone)).replaceAll('&#x26;', '&amp;').replaceAll('&#x3C;', '&lt;');
    const text = escapeOnce(normalizeWhitespace(stripHtml(html)));
    return text === '' ? undefined : text;
  };
  const absolute = (url: unknown): string | undefined => absoluteUrl(url, input.url, input.baseurl);
  const subHash = (hash: Hash, key: string): Hash => (isHash(unwrap(hash[key])) ? (unwrap(hash[key]) as Hash) : {});

  const pageSeo = subHash(page, 'seo');
  const siteSocial = subHash(site, 'social');
  const homepageOrAbout = HOMEPAGE_OR_ABOUT.test(rubyToS(page.url));

  const siteTitle = format(or(site.title, () => site.name));
  const siteDescription = format(site.description);
  const siteTagline = format(site.tagline);
  const pageTitle = or(format(page.title), () => siteTitle) as string | undefined;
  let title: string | undefined;
  if (siteTitle !== undefined && pageTitle !== siteTitle) title = pageTitle + TITLE_SEPARATOR + siteTitle;
  else if (siteDescription !== undefined && siteTitle !== undefined) title = siteTitle + TITLE_SEPARATOR + (siteTagline ?? siteDescription);
  else title = pageTitle ?? siteTitle;
  const pageNumber = paginationPrefix(input.paginator, site);
  if (pageNumber !== undefined && title !== undefined) title = pageNumber + title;

  const seoName = isRubyTruthy(pageSeo.name) ? format(pageSeo.name) : undefined;
  let name: string | undefined;
  if (seoName !== undefined) name = seoName;
  else if (!homepageOrAbout) name = undefined;
  else if (isRubyTruthy(siteSocial.name)) name = format(siteSocial.name);
  else name = siteTitle;

  const description = or(format(or(page.description, () => page.excerpt)), () => siteDescription) as string | undefined;
  const author = resolveAuthor(page, site);
  const image = resolveImage(page, absolute);
  const dateModifiedInput = or(pageSeo.date_modified, () => or(page.last_modified_at, () => page.date));
  const dateModified = isRubyTruthy(dateModifiedInput) ? (dateToXmlschema(dateModifiedInput, timezone) as string) : undefined;
  const datePublished = isRubyTruthy(page.date) ? (dateToXmlschema(page.date, timezone) as string) : undefined;
  const type = or(pageSeo.type, () => (homepageOrAbout ? 'WebSite' : isRubyTruthy(page.date) ? 'BlogPosting' : 'WebPage'));
  const links = or(pageSeo.links, () => (homepageOrAbout ? unwrap(siteSocial.links) : undefined));
  const logoInput = unwrap(site.logo);
  const logo = isRubyTruthy(logoInput)
    ? uriEscape(isAbsoluteUri(rubyToS(logoInput)) ? logoInput : absolute(logoInput))
    : undefined;
  const pageLang = or(page.lang, () => or(site.lang, () => 'en_US'));
  const pageLocale = rubyToS(or(page.locale, () => or(site.locale, () => pageLang))).replaceAll('-', '_');
  const canonicalUrl = rubyToS(page.canonical_url) === '' ? rubyToS(absolute(page.url)).replace(/\/index\.html$/, '/') : unwrap(page.canonical_url);

  // JSONLDDrop#to_json: its keys sorted, nil values left out.
  const jsonLd: Hash = {
    '@context': 'https://schema.org',
    '@type': type,
    author: jsonLdAuthor(author),
    dateModified,
    datePublished,
    description,
    headline: pageTitle,
    image: image && (Object.keys(image.hash).length === 1 ? image.path : { ...withoutPath(image.hash), url: image.path, '@type': 'imageObject' }),
    mainEntityOfPage: ENTITY_TYPES.includes(rubyToS(type)) ? { '@type': 'WebPage', '@id': canonicalUrl } : undefined,
    name,
    publisher: logo === undefined ? undefined : { '@type': 'Organization', logo: { '@type': 'ImageObject', url: logo }, ...(isRubyTruthy(author.name) ? { name: author.name } : {}) },
    sameAs: links,
    url: canonicalUrl,
  };
  for (const key of Object.keys(jsonLd)) if (jsonLd[key] === undefined || jsonLd[key] === null) delete jsonLd[key];

  return {
    version: SEO_TAG_VERSION,
    'title?': title !== undefined && !/title=false/i.test(input.markup),
    title,
    page_title: pageTitle,
    site_title: siteTitle,
    site_description: siteDescription,
    name,
    description,
    author,
    image: image && { ...image.hash, path: image.path },
    page_locale: pageLocale,
    page_lang: pageLang,
    canonical_url: canonicalUrl,
    date_modified: dateModified,
    date_published: datePublished,
    type,
    links,
    logo,
    json_ld: jsonLd,
  };
}

/** Drop#page_number: "Page 2 of 5 for " (site.seo_paginator_message), from the second page on. */
function paginationPrefix(paginator: unknown, site: Hash): string | undefined {
  const pager = unwrap(paginator);
  if (!isHash(pager) || !isRubyTruthy(pager.page)) return undefined;
  const current = Number(unwrap(pager.page));
  if (!(current > 1)) return undefined;
  const message = isRubyTruthy(site.seo_paginator_message) ? rubyToS(site.seo_paginator_message) : 'Page %<current>s of %<total>s for ';
  return message.replaceAll('%<current>s', rubyToS(pager.page)).replaceAll('%<total>s', rubyToS(pager.total_pages));
}

/**
 * AuthorDrop: the first of page.author, page.authors[0] and site.author that is not empty; a name
 * (a string) takes the rest from `site.data.authors[name]`.
 */
function resolveAuthor(page: Hash, site: Hash): Hash {
  const authors = unwrap(page.authors);
  const candidates = [unwrap(page.author), Array.isArray(authors) ? unwrap(authors[0]) : undefined, unwrap(site.author)];
  const resolved = candidates.find((candidate) => candidate !== undefined && candidate !== null && (typeof candidate !== 'string' || candidate !== ''));
  let hash: Hash = {};
  if (isHash(resolved)) hash = resolved;
  else if (typeof resolved === 'string') {
    const data = unwrap(site.data);
    const known = isHash(data) ? unwrap(data.authors) : undefined;
    const entry = isHash(known) ? unwrap(known[resolved]) : undefined;
    hash = { name: resolved, ...(isHash(entry) ? entry : {}) };
  }
  const handle = or2(hash.twitter, hash.name);
  return { ...hash, name: hash.name, twitter: typeof handle === 'string' ? handle.replace(/^@/, '') : undefined };
}

function jsonLdAuthor(author: Hash): Hash | undefined {
  if (!isRubyTruthy(author.name)) return undefined;
  const type = unwrap(author.type);
  if (isRubyTruthy(type) && !AUTHOR_TYPES.includes(String(type))) return undefined;
  const hash: Hash = { '@type': isRubyTruthy(type) ? type : 'Person', name: author.name };
  if (isRubyTruthy(author.url)) hash.url = author.url;
  return hash;
}

/**
 * ImageDrop: `image` as a path, or a hash with `path` (else `facebook`, else `twitter`); a relative
 * path is made absolute, and the result URI-escaped. None without a path.
 */
function resolveImage(page: Hash, absolute: (url: unknown) => string | undefined): { path: string; hash: Hash } | undefined {
  const meta = unwrap(page.image);
  const hash: Hash = isHash(meta) ? { path: null, ...meta } : typeof meta === 'string' ? { path: meta } : { path: null };
  const raw = or2(hash.path, or2(hash.facebook, hash.twitter));
  if (!isRubyTruthy(raw)) return undefined;
  const url = typeof raw === 'string' && !isAbsoluteUri(raw) ? absolute(raw) : raw;
  const path = uriEscape(url);
  return path === undefined ? undefined : { path, hash };
}

function withoutPath(hash: Hash): Hash {
  const { path: _path, ...rest } = hash;
  return rest;
}

function or2(value: unknown, fallback: unknown): unknown {
  return isRubyTruthy(value) ? unwrap(value) : unwrap(fallback);
}

function isHash(value: unknown): value is Hash {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !('toLiquid' in value);
}
