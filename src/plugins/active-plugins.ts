/**
 * The plugins a site turns on: those named in `plugins:` or `gems:` (Jekyll 4.3 without the
 * github-pages gem loads nothing else), in the order plugin-list.ts gives them.
 */
import type { SiteConfig } from '../config/site-config.ts';
import type { JekyllPlugin } from './jekyll-plugin.ts';
import { PLUGIN_LIST } from './plugin-list.ts';

export function findActivePlugins(config: SiteConfig, list: readonly JekyllPlugin[] = PLUGIN_LIST): JekyllPlugin[] {
  const named = new Set(config.plugins);
  return list.filter((plugin) => named.has(plugin.name));
}

/** The plugins named in the configuration that tryck does not provide, each once. */
export function findMissingPlugins(config: SiteConfig, list: readonly JekyllPlugin[] = PLUGIN_LIST): string[] {
  const provided = new Set(list.map((plugin) => plugin.name));
  return [...new Set(config.plugins)].filter((name) => !provided.has(name));
}
