/**
 * jekyll-default-layout 0.1: a Markdown page or post that names no layout (not even through
 * `defaults`) gets `home` (the page at `/`), `page` or `post`, or else `default`, whichever the
 * site has.
 */
import type { SourceDocument, TemplateFile } from '../sources/site-sources.ts';
import type { GeneratorSite, JekyllPlugin } from './jekyll-plugin.ts';
import { hasMarkdownExtension } from './page-from-static-file.ts';
import { replaceDocument, reviseDocument } from './revise-document.ts';

export const jekyllDefaultLayout: JekyllPlugin = {
  name: 'jekyll-default-layout',
  generatePages({ config, sources }: GeneratorSite): void {
    for (const document of [...sources.pages, ...sources.posts]) {
      // `layout: null` in front matter counts as naming one (to_liquid.key?("layout")).
      if (!hasMarkdownExtension(document.relativePath, config) || 'layout' in document.data) continue;
      const layout = layoutFor(document, sources.layouts);
      // Jekyll sets the key even when no layout fits: nil, which renders without one, as no key does.
      if (layout === undefined) continue;
      replaceDocument([sources.pages, sources.posts], document, reviseDocument(document, { data: { ...document.data, layout } }));
    }
  },
};

function layoutFor(document: SourceDocument, layouts: Map<string, TemplateFile>): string | undefined {
  if (document.url === '/' && layouts.has('home')) return 'home';
  if (document.kind === 'page' && layouts.has('page')) return 'page';
  if (document.kind !== 'page' && layouts.has('post')) return 'post';
  if (layouts.has('default')) return 'default';
  return undefined;
}
