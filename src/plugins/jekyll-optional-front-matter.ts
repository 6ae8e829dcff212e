/**
 * jekyll-optional-front-matter 0.3: Markdown files without front matter become pages, except the
 * repository files it leaves alone (README, LICENSE…) unless `include` names them. The file is
 * still copied as it is, unless `optional_front_matter: {remove_originals: true}`.
 */
import path from 'node:path';
import type { GeneratorSite, JekyllPlugin } from './jekyll-plugin.ts';
import { hasMarkdownExtension, pageFromStaticFile, pluginOptions } from './page-from-static-file.ts';

/** JekyllOptionalFrontMatter::FILENAME_BLACKLIST, compared with the name without extension, upper-cased. */
const SKIPPED_NAMES = ['README', 'LICENSE', 'LICENCE', 'COPYING', 'CODE_OF_CONDUCT', 'CONTRIBUTING', 'ISSUE_TEMPLATE', 'PULL_REQUEST_TEMPLATE'];

export const jekyllOptionalFrontMatter: JekyllPlugin = {
  name: 'jekyll-optional-front-matter',
  generatePages({ config, sources }: GeneratorSite): void {
    const options = pluginOptions(config, 'optional_front_matter');
    if (options.enabled === false || config.raw.require_front_matter) return;
    const converted = sources.staticFiles.filter((file) => hasMarkdownExtension(file.relativePath, config) && !isSkipped(file.relativePath, config.include));
    for (const file of converted) sources.pages.push(pageFromStaticFile(config, file));
    if (options.remove_originals === true) sources.staticFiles = sources.staticFiles.filter((file) => !converted.includes(file));
  },
};

function isSkipped(relativePath: string, include: string[]): boolean {
  // EntryFilter#included? with the site's `include`: the path or the file name.
  const name = path.posix.basename(relativePath);
  if (include.some((pattern) => pattern.replace(/^\/+/, '') === relativePath || pattern === name)) return false;
  return SKIPPED_NAMES.includes(path.posix.basename(name, path.posix.extname(name)).toUpperCase());
}
