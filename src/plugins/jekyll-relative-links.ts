/**
 * jekyll-relative-links 0.7: in Markdown pages (and posts with `relative_links: {collections: true}`),
 * a link to another file of the site by its path (`[x](guide.md#setup)`, `[x]: ../README.md`,
 * `[x](/docs/a.md)`) becomes a link to that file's URL, with the baseurl; `exclude: [globs]` leaves
 * pages out. The links are found in the Markdown text with the plugin's regular expressions, so code
 * blocks are rewritten too, as there.
 */
import path from 'node:path';
import { isAbsoluteUri, relativeUrl } from '../liquid/filters/url-filters.ts';
import { createEntryFilter } from '../sources/entry-filter.ts';
import type { SourceDocument } from '../sources/site-sources.ts';
import type { GeneratorSite, JekyllPlugin } from './jekyll-plugin.ts';
import { hasMarkdownExtension, pluginOptions } from './page-from-static-file.ts';
import { replaceDocument, reviseDocument } from './revise-document.ts';

// Generator::LINK_REGEX, piece by piece. The title's second form opens with " and closes with ', as there.
const TEXT = String.raw`(.*?)`;
const FRAGMENT = String.raw`(#.+?|)?`;
const TITLE = String.raw`(\s+"(?:\\"|[^"])*(?<!\\)"|\s+"(?:\\'|[^'])*(?<!\\)')?`;
const INLINE = String.raw`\[${TEXT}\]\(([^)]+?)${FRAGMENT}${TITLE}\)`;
const REFERENCE = String.raw`^\s*?\[${TEXT}\]: (.+?)${FRAGMENT}${TITLE}\s*?$`;
const LINK = new RegExp(`(${INLINE}|${REFERENCE})`, 'gm');

export const jekyllRelativeLinks: JekyllPlugin = {
  name: 'jekyll-relative-links',
  generatePages({ config, sources }: GeneratorSite): void {
    const options = pluginOptions(config, 'relative_links');
    if (options.enabled === false) return;
    const targets = new Map<string, string>();
    // potential_targets: pages, then static files, then posts; the first with the path wins.
    for (const target of [...sources.pages, ...sources.staticFiles, ...sources.posts]) {
      if (!targets.has(target.relativePath)) targets.set(target.relativePath, target.url);
    }
    const urlFor = (relativePath: string): string | undefined => {
      const url = targets.get(unescapeCgi(relativePath));
      return url === undefined ? undefined : relativeUrl(url, config.baseurl);
    };
    const documents = options.collections === true ? [...sources.pages, ...sources.posts] : [...sources.pages];
    // `exclude` globs as Jekyll's EntryFilter#glob_include? reads them, which the site's exclude uses too.
    const excluded = Array.isArray(options.exclude) ? createEntryFilter({ include: [], exclude: options.exclude.map(String) }) : undefined;
    for (const document of documents) {
      if (!hasMarkdownExtension(document.relativePath, config)) continue;
      if (excluded && !excluded.accepts(document.relativePath, false)) continue;
      const body = replaceRelativeLinks(document, urlFor);
      if (body !== document.body) replaceDocument([sources.pages, sources.posts], document, reviseDocument(document, { body }));
    }
  },
};

function replaceRelativeLinks(document: SourceDocument, urlFor: (relativePath: string) => string | undefined): string {
  const base = path.posix.dirname(document.relativePath);
  return document.body.replace(LINK, (original: string, ...groups: Array<string | undefined>) => {
    // Groups 2–5 are an inline link's text, path, fragment and title; 6–9 a reference's.
    const inline = groups[1] !== undefined;
    const [text, target, fragment, title] = inline ? groups.slice(1, 5) : groups.slice(5, 9);
    if (target === undefined || target.startsWith('#') || isAbsoluteUri(target)) return original;
    const url = urlFor(pathFromRoot(target, base));
    if (url === undefined) return original;
    const link = `${url}${fragment ?? ''}`;
    return inline ? `[${text}](${link}${title ?? ''})` : `\n[${text}]: ${link}${title ?? ''}`;
  });
}

/** Generator#path_from_root: File.expand_path against the page's folder, or the root for `/…`. */
function pathFromRoot(target: string, base: string): string {
  const normalised = path.posix.normalize(target.startsWith('/') ? target.slice(1) : `${base}/${target}`);
  // Above the root the expanded path stays absolute in Ruby, and so names no file of the site.
  if (normalised === '..' || normalised.startsWith('../')) return `/${normalised}`;
  return normalised.replace(/\/+$/, '');
}

/** CGI.unescape: `+` is a space, `%XX` a byte. */
function unescapeCgi(text: string): string {
  const spaced = text.replaceAll('+', ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
