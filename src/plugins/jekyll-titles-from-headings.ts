/**
 * jekyll-titles-from-headings 0.5: a Markdown page without a title takes its first heading (`#`
 * to `###`, or Setext) as `page.title`, its markup stripped. Posts too with
 * `titles_from_headings: {collections: true}`, whose title from the file name does not count.
 * `strip_title: true` (site-wide, or in a page's front matter) removes the heading from the body.
 */
import { normalizeWhitespace, stripHtml } from '../liquid/filters/string-filters.ts';
import { createMarkdownProcessor, markdownOptionsFromConfig, type MarkdownProcessor } from '../markdown/create-markdown-processor.ts';
import type { SourceDocument } from '../sources/site-sources.ts';
import type { GeneratorSite, JekyllPlugin } from './jekyll-plugin.ts';
import { hasMarkdownExtension, pluginOptions } from './page-from-static-file.ts';
import { replaceDocument, reviseDocument } from './revise-document.ts';

/**
 * Generator::TITLE_REGEX. Ruby's `$` is the end of a line and `\s+` after the hashes may cross
 * lines; the trailing hashes of an ATX heading stay in the title, as the plugin's greedy `.*` keeps them.
 */
const TITLE = /^\s*(?:#{1,3}\s+([^\n]*)(?:\s+#{1,3})?|([^\n]*)\r?\n[-=]+\s*)(?=\n|$)/;

export const jekyllTitlesFromHeadings: JekyllPlugin = {
  name: 'jekyll-titles-from-headings',
  generatePages({ config, sources }: GeneratorSite): void {
    const options = pluginOptions(config, 'titles_from_headings');
    if (options.enabled === false) return;
    let markdown: MarkdownProcessor | undefined;
    const stripMarkup = (text: string): string => {
      markdown ??= createMarkdownProcessor(markdownOptionsFromConfig(config.kramdown));
      // STRIP_MARKUP_FILTERS (markdownify, strip_html, normalize_whitespace), then footnote marks.
      return normalizeWhitespace(stripHtml(markdown.render(text))).replace(/\[\^[^\]]*\]/g, '');
    };
    const documents = options.collections === true ? [...sources.pages, ...sources.posts] : [...sources.pages];
    for (const document of documents) {
      const inferred = document.kind !== 'page';
      if (!hasMarkdownExtension(document.relativePath, config)) continue;
      if (!inferred && document.data.title !== undefined && document.data.title !== null) continue;
      const match = TITLE.exec(document.body);
      const strip = stripsTitle(document, options);
      if (!match && !strip) continue;
      const data = { ...document.data };
      if (match) data.title = stripMarkup(match[1] ?? match[2]);
      const body = strip ? document.body.replace(TITLE, '').trim() : document.body;
      replaceDocument([sources.pages, sources.posts], document, reviseDocument(document, { data, body }));
    }
  },
};

function stripsTitle(document: SourceDocument, options: Record<string, unknown>): boolean {
  return 'strip_title' in document.data ? document.data.strip_title === true : options.strip_title === true;
}
