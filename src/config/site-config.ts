/**
 * `_config.yml` as Jekyll 4.3 reads it: Jekyll's defaults, then the file, then command-line flags.
 * Every key stays available to templates as `site.KEY`; the typed fields are the ones tryck itself uses.
 */
import type { Theme } from '../theme/theme.ts';

export interface FrontMatterDefault {
  scope: { path?: string; type?: string };
  values: Record<string, unknown>;
}

export interface SiteConfig {
  /** Every key from _config.yml, merged over Jekyll's defaults: what templates see as `site.*`. */
  raw: Record<string, unknown>;
  source: string;
  destination: string;
  title: string;
  url: string;
  baseurl: string;
  timezone: string;
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
  // Jekyll uses the machine's zone when unset; a blog built in CI must not depend on the machine.
  timezone: 'Europe/Stockholm',
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

/** Plugins whose features tryck has built in; any other name earns a warning. */
export const BUILT_IN_PLUGINS = ['jekyll-feed', 'jekyll-paginate', 'jekyll-sitemap', 'jekyll-data'];
