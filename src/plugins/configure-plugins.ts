/**
 * Lets the active plugins add to the configuration before the site is read (Jekyll plugins write
 * into `site.config` from their generators: github-metadata's `site.github`).
 */
import type { SiteConfig } from '../config/site-config.ts';
import { findActivePlugins } from './active-plugins.ts';

export function configurePlugins(config: SiteConfig, environment: NodeJS.ProcessEnv = process.env): void {
  for (const plugin of findActivePlugins(config)) plugin.configure?.(config, environment);
}
