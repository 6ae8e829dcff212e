/**
 * The build's Sass compiler, made only when the site has a stylesheet page to compile (dart-sass is
 * loaded then and not before).
 */
import type { SiteConfig } from '../config/site-config.ts';
import type { SiteSources } from '../sources/site-sources.ts';
import { createStylesheetCompiler, type StylesheetCompiler } from './create-stylesheet-compiler.ts';
import { loadSass } from './load-sass.ts';
import { sassSyntaxOf } from './sass-syntax.ts';

export async function createSiteStylesheetCompiler(config: SiteConfig, sources: SiteSources): Promise<StylesheetCompiler | undefined> {
  if (!sources.pages.some((page) => sassSyntaxOf(page.relativePath))) return undefined;
  return createStylesheetCompiler(loadSass(), config, {
    environment: process.env.JEKYLL_ENV ?? 'development',
    onWarning: (message) => sources.warnings.push(message),
  });
}
