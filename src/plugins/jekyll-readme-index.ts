/**
 * jekyll-readme-index 0.3: a README (without front matter, so a static file) becomes the index of
 * its folder when the folder has none; the README itself is still copied unless
 * `readme_index: {remove_originals: true}`. With `with_frontmatter: true`, READMEs that are pages
 * already move to their folder's URL too.
 */
import path from 'node:path';
import type { SiteConfig } from '../config/site-config.ts';
import { expandPageUrl, outputPathForUrl } from '../sources/permalink.ts';
import type { SiteSources } from '../sources/site-sources.ts';
import type { GeneratorSite, JekyllPlugin } from './jekyll-plugin.ts';
import { pageFromStaticFile, pluginOptions } from './page-from-static-file.ts';
import { replaceDocument, reviseDocument } from './revise-document.ts';

export const jekyllReadmeIndex: JekyllPlugin = {
  name: 'jekyll-readme-index',
  generatePages({ config, sources }: GeneratorSite): void {
    const options = pluginOptions(config, 'readme_index');
    if (options.enabled === false) return;
    const isReadme = readmePattern(config);
    for (const readme of sources.staticFiles.filter((file) => isReadme.test(`/${file.relativePath}`))) {
      const folder = path.posix.dirname(readme.url);
      if (folderHasIndex(sources, folder)) continue;
      // StaticFile#to_page: permalink File.dirname(url) + "/" ("//" at the root, which the URL squeezes).
      sources.pages.push(pageFromStaticFile(config, readme, { permalink: `${folder}/` }));
      if (options.remove_originals === true) sources.staticFiles = sources.staticFiles.filter((file) => file !== readme);
    }
    if (options.with_frontmatter !== true) return;
    for (const page of sources.pages.filter((candidate) => isReadme.test(`/${candidate.relativePath}`))) {
      const folder = path.posix.dirname(page.url);
      if (folderHasIndex(sources, folder)) continue;
      // Page#update_permalink: the URL is made again from the folder's permalink.
      const url = expandPageUrl(`${folder}/`, {});
      replaceDocument([sources.pages], page, reviseDocument(page, { data: { ...page.data, permalink: `${folder}/` }, url, outputPath: outputPathForUrl(url, page.outputExt) }));
    }
  },
};

/**
 * `/readme.md` and the like, for each of the site's Markdown extensions. The name is matched in any
 * case but the extension in lower case only: the plugin's `Regexp.union` of the extensions keeps its
 * own case-sensitive flags inside the `/i` pattern, so `README.MD` stays a static file.
 */
function readmePattern(config: SiteConfig): RegExp {
  const extensions = config.markdownExtensions.map((ext) => `\\.${ext.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  return new RegExp(`/[Rr][Ee][Aa][Dd][Mm][Ee](${extensions.join('|')})$`);
}

/** Generator#dir_has_index?: a page or file at the folder's URL, or its index.html (htm, xhtml, xml). */
function folderHasIndex(sources: SiteSources, folder: string): boolean {
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  const isIndex = (url: string): boolean => {
    if (!url.toLowerCase().startsWith(prefix.toLowerCase())) return false;
    return /^(?:|index\.(?:html?|xhtml|xml))$/i.test(url.slice(prefix.length));
  };
  return sources.pages.some((page) => isIndex(page.url)) || sources.staticFiles.some((file) => isIndex(file.url));
}
