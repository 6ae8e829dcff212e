/**
 * A theme's own `_config.yml`, under the site's (Site#load_theme_configuration): it may not set
 * Jekyll's own settings, a symlinked file is ignored, and `ignore_theme_config: true` skips it.
 */
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseJekyllYaml } from '../sources/front-matter.ts';
import type { Theme } from './theme.ts';

/** The top-level keys of Jekyll's Configuration::DEFAULTS, which a theme's configuration cannot change. */
const JEKYLL_OWN_KEYS = new Set(
  (
    'source destination collections_dir cache_dir plugins_dir layouts_dir data_dir includes_dir collections safe include exclude ' +
    'keep_files encoding markdown_ext strict_front_matter show_drafts limit_posts future unpublished whitelist plugins markdown ' +
    'highlighter lsi excerpt_separator incremental detach port host baseurl show_dir_listing permalink paginate_path timezone ' +
    'quiet verbose defaults liquid kramdown'
  ).split(' '),
);

export function readThemeConfig(theme: Theme): Record<string, unknown> {
  const file = path.join(theme.root, '_config.yml');
  if (!existsSync(file) || lstatSync(file).isSymbolicLink()) return {};
  const parsed = parseJekyllYaml(readFileSync(file, 'utf8'), file, 'UTC');
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).filter(([key]) => !JEKYLL_OWN_KEYS.has(key)));
}
