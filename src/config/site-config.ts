/**
 * `_config.yml` as Jekyll 4.3 reads it: Jekyll's defaults, then the file, then command-line flags.
 * Every key stays available to templates as `site.KEY`; the typed fields are the ones tryck itself uses.
 */
import type { BuildLimits } from './build-limits.ts';
import type { Theme } from '../theme/theme.ts';

export interface FrontMatterDefault {
  scope: { path?: string; type?: string };
  values: Record<string, unknown>;
}

import type { CollectionConfig } from './read-collections-config.ts';

export interface SiteConfig {
  /** Every key from _config.yml, merged over Jekyll's defaults: what templates see as `site.*`. */
  raw: Record<string, unknown>;
  source: string;
  destination: string;
  title: string;
  url: string;
  baseurl: string;
  /** The zone dates are read and shown in: `timezone:`, else the process's own (processTimeZone). */
  timezone: string;
  /** False when `timezone:` is unset and the process's zone was taken, as Jekyll takes it. */
  timezoneConfigured: boolean;
  /** The permalink template for posts, with Jekyll's named styles already expanded. */
  permalink: string;
  /** The `permalink` setting as written (`date`, `pretty`, or a template), which decides page URL suffixes. */
  permalinkStyle: string;
  excerptSeparator: string;
  exclude: string[];
  include: string[];
  keepFiles: string[];
  defaults: FrontMatterDefault[];
  plugins: string[];
  markdownExtensions: string[];
  future: boolean;
  drafts: boolean;
  unpublished: boolean;
  layoutsDir: string;
  includesDir: string;
  dataDir: string;
  kramdown: Record<string, unknown>;
  /** `tryck_limits:`, over DEFAULT_LIMITS (build-limits.ts). */
  limits: BuildLimits;
  /** `collections:`, posts first (read-collections-config.ts). */
  collections: CollectionConfig[];
  /** `collections_dir`: the folder, relative to the source, that holds `_posts` and every `_NAME`; '' for the source. */
  collectionsDir: string;
  /** The theme named by `theme:`, once found. */
  theme?: Theme;
}

/** Jekyll 4.3's defaults (lib/jekyll/configuration.rb), the ones that change what a build produces. */
export const JEKYLL_DEFAULTS: Readonly<Record<string, unknown>> = Object.freeze({
  source: '.',
  destination: './_site',
  layouts_dir: '_layouts',
  data_dir: '_data',
  includes_dir: '_includes',
  include: ['.htaccess'],
  exclude: [],
  keep_files: ['.git', '.svn'],
  markdown_ext: 'markdown,mkdown,mkdn,mkd,md',
  show_drafts: null,
  future: false,
  unpublished: false,
  plugins: [],
  markdown: 'kramdown',
  highlighter: 'rouge',
  excerpt_separator: '\n\n',
  permalink: 'date',
  paginate_path: '/page:num',
  // Unset, as in Jekyll: dates are then read in the process's zone (TZ, else the system's).
  timezone: null,
  baseurl: '',
  url: '',
  defaults: [],
  kramdown: {
    auto_ids: true,
    toc_levels: [1, 2, 3, 4, 5, 6],
    entity_output: 'as_char',
    smart_quotes: 'lsquo,rsquo,ldquo,rdquo',
    input: 'GFM',
    hard_wrap: false,
    guess_lang: true,
    footnote_nr: 1,
    show_warnings: false,
  },
});

/** Jekyll adds these to any `exclude` list (Configuration::DEFAULT_EXCLUDES). */
export const DEFAULT_EXCLUDES = [
  '.sass-cache',
  '.jekyll-cache',
  '.tryck-cache',
  'gemfiles',
  'Gemfile',
  'Gemfile.lock',
  'node_modules',
  'vendor/bundle/',
  'vendor/cache/',
  'vendor/gems/',
  'vendor/ruby/',
];

/** Jekyll's named permalink styles (Configuration::STYLE_TO_PERMALINK). */
export const PERMALINK_STYLES: Readonly<Record<string, string>> = Object.freeze({
  none: '/:categories/:title:output_ext',
  date: '/:categories/:year/:month/:day/:title:output_ext',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
});
