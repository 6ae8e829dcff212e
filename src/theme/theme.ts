/**
 * A gem-style theme (Jekyll::Theme): a folder whose `_layouts`, `_includes`, `_sass`, `assets` and
 * `_data` lie under the site's own. Every path is a real path inside `root`.
 */
export interface Theme {
  /** `theme:` as written in _config.yml. */
  name: string;
  /** The theme's folder, symlinks resolved. */
  root: string;
  /** Where it was found, for messages (`node_modules/jekyll-theme-x`, `gem minima 2.5.1`). */
  foundIn: string;
  layoutsDir?: string;
  includesDir?: string;
  sassDir?: string;
  assetsDir?: string;
  dataDir?: string;
}
