/**
 * The active plugins' `:post_render` hooks as one function of a document's finished output, or
 * undefined when none has one.
 */
import type { SiteConfig } from '../config/site-config.ts';
import type { SourceDocument } from '../sources/site-sources.ts';
import { findActivePlugins } from './active-plugins.ts';

export function combinePostRenderHooks(config: SiteConfig, environment: NodeJS.ProcessEnv = process.env): ((document: SourceDocument, output: string) => string) | undefined {
  const hooks = findActivePlugins(config).flatMap((plugin) => plugin.createPostRender?.(config, environment) ?? []);
  if (hooks.length === 0) return undefined;
  return (document, output) => hooks.reduce((text, hook) => hook(text, document), output);
}
