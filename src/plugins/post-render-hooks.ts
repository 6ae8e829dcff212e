/**
 * The active plugins' `:post_render` hooks as one function of a document's finished output, or
 * undefined when none has one.
 */
import type { SiteConfig } from '../config/site-config.ts';
import type { SourceDocument } from '../sources/site-sources.ts';
import { findActivePlugins } from './active-plugins.ts';

export function combinePostRenderHooks(config: SiteConfig): ((document: SourceDocument, output: string) => string) | undefined {
  const hooks = findActivePlugins(config).filter((plugin) => plugin.postRender !== undefined);
  if (hooks.length === 0) return undefined;
  return (document, output) => hooks.reduce((text, plugin) => plugin.postRender!(text, document, config), output);
}
