/**
 * jekyll-redirect-from 0.16: `redirect_from` (a path or a list) on a page or post makes a redirect
 * page at each path; `redirect_to` makes the document itself a redirect. Both use the site's
 * `_layouts/redirect.html` if it has one, else the plugin's own. `redirects.json` lists them all
 * (unless the site has its own, or `redirect_from: {json: false}`).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SiteConfig } from '../config/site-config.ts';
import { BuildError } from '../errors.ts';
import { absoluteUrl } from '../liquid/filters/url-filters.ts';
import { resolveDefaults } from '../sources/front-matter-defaults.ts';
import { expandPageUrl, outputPathForUrl } from '../sources/permalink.ts';
import type { SourceDocument } from '../sources/site-sources.ts';
import type { GeneratorSite, JekyllPlugin } from './jekyll-plugin.ts';
import { replaceDocument, reviseDocument } from './revise-document.ts';

/** The plugin's redirect.html, byte for byte. */
export const REDIRECT_LAYOUT = `<!DOCTYPE html>
<html lang="en-US">
  <meta charset="utf-8">
  <title>Redirecting&hellip;</title>
  <link rel="canonical" href="{{ page.redirect.to }}">
  <script>location="{{ page.redirect.to }}"</script>
  <meta http-equiv="refresh" content="0; url={{ page.redirect.to }}">
  <meta name="robots" content="noindex">
  <h1>Redirecting&hellip;</h1>
  <a href="{{ page.redirect.to }}">Click here if you are not redirected.</a>
</html>
`;

export const jekyllRedirectFrom: JekyllPlugin = {
  name: 'jekyll-redirect-from',
  generatePages({ config, sources }: GeneratorSite): void {
    if (!sources.layouts.has('redirect')) {
      sources.layouts.set('redirect', { name: 'redirect', relativePath: '_layouts/redirect.html', data: {}, body: REDIRECT_LAYOUT, bodyLineOffset: 0 });
    }
    // Ruby's Hash: insertion order, a later redirect from the same path replacing the earlier's target.
    const redirects = new Map<string, string>();
    for (const document of [...sources.posts, ...sources.pages]) {
      for (const from of redirectFrom(document, 'redirect_from')) {
        const page = createRedirectPage(config, from, document.url);
        sources.pages.push(page);
        const redirect = page.data.redirect as { from: string; to: string };
        redirects.set(redirect.from, redirect.to);
      }
      const to = redirectFrom(document, 'redirect_to')[0];
      if (to === undefined) continue;
      const redirect = redirectData(config, document.url, to);
      // The document keeps its URL and is rendered with the redirect layout and no content of its own.
      const data = { ...document.data, ...redirect };
      replaceDocument([sources.posts, sources.pages], document, reviseDocument(document, { data, body: '' }));
      redirects.set(redirect.redirect.from, redirect.redirect.to);
    }
    const json = config.raw.redirect_from;
    const wanted = !(typeof json === 'object' && json !== null && (json as Record<string, unknown>).json === false);
    if (wanted && !existsSync(path.join(config.source, 'redirects.json'))) sources.pages.push(createRedirectsJson(config, redirects));
  },
};

/**
 * Redirectable#redirect_from (and #redirect_to, which takes the first): a list without its nils, or
 * the one value. Each must be a path: the plugin fails on anything else (Ruby's NoMethodError).
 */
function redirectFrom(document: SourceDocument, key: 'redirect_from' | 'redirect_to'): string[] {
  const value = document.data[key];
  const list = (Array.isArray(value) ? value : [value]).filter((entry) => entry !== null && entry !== undefined);
  const wrong = list.find((entry) => typeof entry !== 'string');
  if (wrong !== undefined) {
    throw new BuildError(`${key} should be a path or a list of paths, not ${JSON.stringify(wrong)}.`, {
      file: document.relativePath,
      line: lineOfKey(document, key),
      hint: `Write it as ${key}: /old-path/ or as a YAML list of such paths, quoted if they look like numbers.`,
    });
  }
  return list as string[];
}

/** The line of the file where front matter sets `key`, to point an error at it. */
function lineOfKey(document: SourceDocument, key: string): number | undefined {
  if (document.sourceDigest === undefined || !existsSync(document.absolutePath)) return undefined;
  const lines = readFileSync(document.absolutePath, 'utf8').split('\n');
  const at = lines.findIndex((line) => line.startsWith(`${key}:`));
  return at < 0 ? undefined : at + 1;
}

/** RedirectPage#set_paths: `from` gets a leading slash, `to` becomes absolute unless it is an http(s) URL. */
function redirectData(config: SiteConfig, from: string, to: string): { sitemap: false; layout: 'redirect'; permalink: string; redirect: { from: string; to: string } } {
  const leading = from.startsWith('/') ? from : `/${from}`;
  const target = /^https?:\/\//.test(to) ? to : (absoluteUrl(to, config.url, config.baseurl) ?? to);
  return { sitemap: false, layout: 'redirect', permalink: leading, redirect: { from: leading, to: target } };
}

/** RedirectPage: a page `redirect.html` at the source's root whose permalink is the old path. */
function createRedirectPage(config: SiteConfig, from: string, to: string): SourceDocument {
  const redirect = redirectData(config, from, to);
  const url = expandPageUrl(redirect.permalink, { path: '', basename: 'redirect', output_ext: '.html' });
  return {
    kind: 'page',
    relativePath: 'redirect.html',
    absolutePath: path.join(config.source, 'redirect.html'),
    data: { ...resolveDefaults(config.defaults, 'redirect.html', 'pages'), ...redirect },
    body: '',
    bodyLineOffset: 0,
    url,
    outputPath: outputPathForUrl(url, '.html'),
    outputExt: '.html',
    isMarkdown: false,
    modifiedTime: new Date(0),
  };
}

/** PageWithoutAFile `redirects.json`: the redirects as JSON, without a layout. */
function createRedirectsJson(config: SiteConfig, redirects: Map<string, string>): SourceDocument {
  return {
    kind: 'page',
    relativePath: 'redirects.json',
    absolutePath: path.join(config.source, 'redirects.json'),
    data: { ...resolveDefaults(config.defaults, 'redirects.json', 'pages'), layout: null },
    body: JSON.stringify(Object.fromEntries(redirects)),
    bodyLineOffset: 0,
    url: '/redirects.json',
    outputPath: 'redirects.json',
    outputExt: '.json',
    isMarkdown: false,
    modifiedTime: new Date(0),
  };
}
