/**
 * Reads `_config.yml` over Jekyll's defaults and checks what would otherwise fail late or silently.
 */
import { readBuildLimits } from './build-limits.ts';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rubyPluginsWarning } from './ruby-plugins.ts';
import { BuildError } from '../errors.ts';
import { parseJekyllYaml } from '../sources/front-matter.ts';
import { readSiteText } from '../sources/read-site-text.ts';
import { assertTimeZone, processTimeZone } from '../sources/zoned-time.ts';
import { readCollectionsConfig } from './read-collections-config.ts';
import { readThemeConfig } from '../theme/read-theme-config.ts';
import { resolveTheme } from '../theme/resolve-theme.ts';
import {
  DEFAULT_EXCLUDES,
  JEKYLL_DEFAULTS,
  PERMALINK_STYLES,
  type FrontMatterDefault,
  type SiteConfig,
} from './site-config.ts';

export interface ConfigOverrides {
  destination?: string;
  /** `--config a.yml,b.yml`: these files instead of the source's _config.yml, later ones winning. */
  configFiles?: string[];
  /** `--baseurl`: over the configuration's. */
  baseurl?: string;
  /**
   * Where a relative `destination:` or `source:` and the default `_site` are resolved, as Jekyll
   * resolves them (File.expand_path, the working directory); without it, against the source.
   */
  workingDirectory?: string;
  /** True when no source was given on the command line: a `source:` in the configuration then moves it. */
  sourceFromConfig?: boolean;
  future?: boolean;
  drafts?: boolean;
  unpublished?: boolean;
  /** `--theme-dir`: the theme's folder, wherever it is. */
  themeDir?: string;
}

export interface LoadedConfig {
  config: SiteConfig;
  warnings: string[];
}

const CONFIG_NAMES = ['_config.yml', '_config.yaml'];

export function loadConfig(source: string, overrides: ConfigOverrides = {}): LoadedConfig {
  const given = path.resolve(source);
  if (!existsSync(given)) {
    throw new BuildError(`The source folder does not exist: ${given}`, { hint: 'Pass the site folder with --source DIR.' });
  }
  const warnings: string[] = [];
  const { files, fromFile: configured } = readConfigFiles(given, overrides, warnings);
  let fromFile = configured;
  // Jekyll resolves `source:` and `destination:` with File.expand_path: against the working directory.
  const base = overrides.workingDirectory ?? given;
  const root = overrides.sourceFromConfig && typeof fromFile.source === 'string' ? path.resolve(base, fromFile.source) : given;
  if (!existsSync(root)) {
    throw new BuildError(`The source folder does not exist: ${root}`, { file: files.at(-1), hint: "Correct 'source:', or remove it to build this folder." });
  }
  const file = files.at(-1) ?? '_config.yml';
  const resolved = resolveTheme({
    name: fromFile.theme,
    source: root,
    configThemeDir: fromFile.theme_dir,
    themeDir: overrides.themeDir,
    remoteTheme: fromFile.remote_theme,
    file,
  });
  if (resolved && fromFile.ignore_theme_config !== true) fromFile = deepMerge(readThemeConfig(resolved.theme), fromFile);
  const raw = deepMerge(structuredClone(JEKYLL_DEFAULTS) as Record<string, unknown>, fromFile);
  raw.source = root;
  const destination = path.resolve(base, overrides.destination ?? String(fromFile.destination ?? '_site'));
  raw.destination = destination;
  if (overrides.baseurl !== undefined) raw.baseurl = overrides.baseurl;
  checkRelativePermalinks(raw, file, given);

  for (const key of ['include', 'exclude', 'keep_files'] as const) {
    if (!Array.isArray(raw[key])) {
      throw new BuildError(`'${key}' should be a list, but is ${JSON.stringify(raw[key])}.`, {
        file,
        hint: `Write it as a YAML list, e.g. ${key}: [README.md, scripts]`,
      });
    }
  }
  const exclude = [...new Set([...(raw.exclude as unknown[]).map(String), ...DEFAULT_EXCLUDES])];
  raw.exclude = exclude;

  // Jekyll sets ENV["TZ"] only for a truthy `timezone:`; an empty one is TZ="", which is UTC.
  const timezoneConfigured = raw.timezone !== null && raw.timezone !== undefined && raw.timezone !== false;
  const timezone = !timezoneConfigured ? processTimeZone() : raw.timezone === '' ? 'UTC' : String(raw.timezone);
  try {
    assertTimeZone(timezone);
  } catch (error) {
    throw new BuildError(`Unknown timezone '${timezone}'.`, { file, hint: 'Use an IANA zone name such as Europe/Stockholm.', cause: error });
  }

  // A gem theme's runtime dependencies are loaded as plugins (PluginManager#require_theme_deps);
  // those tryck does not provide are reported with the others, once the pages using them are known.
  const themePlugins = (resolved?.dependencies ?? []).filter((name) => name.startsWith('jekyll-') || name === 'jemoji');
  const plugins = [...new Set([...toStringList(raw.plugins), ...toStringList(raw.gems), ...themePlugins])];

  const rubyPlugins = rubyPluginsWarning(root, raw.plugins_dir);
  if (rubyPlugins) warnings.push(rubyPlugins);

  const permalinkStyle = String(raw.permalink ?? 'date');
  // `collections.posts.permalink` wins over `permalink` for posts (Collection#url_template).
  const postsPermalink = postsCollectionPermalink(raw.collections);
  const permalink = postsPermalink ?? PERMALINK_STYLES[permalinkStyle] ?? permalinkStyle;
  const kramdown = (raw.kramdown ?? {}) as Record<string, unknown>;

  const config: SiteConfig = {
    raw,
    source: root,
    destination,
    title: String(raw.title ?? ''),
    // As written, as Jekyll keeps them: relative_url drops one trailing slash of baseurl, absolute_url
    // joins url and path without looking (`url: https://x.org/` gives `https://x.org//om`, in Jekyll too).
    url: rubyString(raw.url),
    baseurl: rubyString(raw.baseurl),
    timezone,
    timezoneConfigured,
    permalink,
    permalinkStyle,
    excerptSeparator: String(raw.excerpt_separator ?? '\n\n'),
    exclude,
    include: (raw.include as unknown[]).map(String),
    keepFiles: (raw.keep_files as unknown[]).map(String),
    defaults: readDefaults(raw.defaults, file),
    plugins,
    markdownExtensions: String(raw.markdown_ext ?? '').split(',').map((e) => e.trim().toLowerCase()).filter(Boolean),
    future: overrides.future ?? Boolean(raw.future),
    drafts: overrides.drafts ?? Boolean(raw.show_drafts),
    unpublished: overrides.unpublished ?? Boolean(raw.unpublished),
    layoutsDir: String(raw.layouts_dir ?? '_layouts'),
    includesDir: String(raw.includes_dir ?? '_includes'),
    dataDir: String(raw.data_dir ?? '_data'),
    kramdown,
    limits: readBuildLimits(raw.tryck_limits, file),
    collections: readCollectionsConfig(raw.collections, PERMALINK_STYLES[permalinkStyle] ?? permalinkStyle, file),
    collectionsDir: String(raw.collections_dir ?? '').replace(/^\/+|\/+$/g, ''),
    ...(resolved ? { theme: resolved.theme } : {}),
  };
  raw.future = config.future;
  raw.show_drafts = config.drafts;
  raw.unpublished = config.unpublished;
  return { config, warnings };
}

/**
 * The configuration files, merged in order (Configuration#read_config_files): those given with
 * `--config`, which must exist, or else the source's `_config.yml` (or `.yaml`), if any.
 */
function readConfigFiles(root: string, overrides: ConfigOverrides, warnings: string[]): { files: string[]; fromFile: Record<string, unknown> } {
  const explicit = overrides.configFiles?.filter((name) => name !== '');
  const candidates = explicit?.length
    ? explicit.map((name) => path.resolve(overrides.workingDirectory ?? root, name))
    : CONFIG_NAMES.map((name) => path.join(root, name)).filter((file) => existsSync(file)).slice(0, 1);
  let merged: Record<string, unknown> = {};
  const files: string[] = [];
  for (const configFile of candidates) {
    const relative = path.relative(root, configFile).startsWith('..') ? configFile : path.relative(root, configFile);
    if (!existsSync(configFile)) {
      throw new BuildError(`The configuration file '${configFile}' could not be found.`, { hint: 'Check the names given to --config (comma-separated, from the working directory).' });
    }
    // The zone is not known before the file is read; dates in _config.yml are rare, so UTC will do here.
    const parsed = parseJekyllYaml(readSiteText(configFile, relative), relative, 'UTC', 0, (message) => warnings.push(message));
    if (parsed !== null && parsed !== undefined) {
      if (typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new BuildError('The configuration must be a set of "key: value" lines.', { file: relative, line: 1 });
      }
      merged = deepMerge(merged, parsed as Record<string, unknown>);
    }
    files.push(relative);
  }
  return { files, fromFile: merged };
}

/** Jekyll 4 aborts on `relative_permalinks: true` (Site#relative_permalinks_are_deprecated). */
function checkRelativePermalinks(raw: Record<string, unknown>, file: string, root: string): void {
  if (raw.relative_permalinks === null || raw.relative_permalinks === undefined || raw.relative_permalinks === false) return;
  let line: number | undefined;
  try {
    const index = readFileSync(path.resolve(root, file), 'utf8').split('\n').findIndex((text) => /^relative_permalinks\s*:/.test(text));
    line = index < 0 ? undefined : index + 1;
  } catch {
    line = undefined;
  }
  throw new BuildError(
    'Since Jekyll 3.0, permalinks of pages in subfolders are relative to the site source, not to the subfolder: Jekyll 4 refuses relative_permalinks.',
    { file, line, hint: 'Remove relative_permalinks from the configuration, and write each such permalink from the site root. See https://jekyllrb.com/docs/upgrading/' },
  );
}

function rubyString(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function postsCollectionPermalink(collections: unknown): string | undefined {
  const posts = isPlainObject(collections) ? collections.posts : undefined;
  return isPlainObject(posts) && typeof posts.permalink === 'string' && posts.permalink ? posts.permalink : undefined;
}

function toStringList(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function readDefaults(value: unknown, file: string): FrontMatterDefault[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new BuildError("'defaults' should be a list of { scope, values } entries.", { file });
  }
  return value.map((entry, index) => {
    const item = (entry ?? {}) as Record<string, unknown>;
    const scope = (item.scope ?? {}) as Record<string, unknown>;
    const values = item.values;
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      throw new BuildError(`defaults[${index}] has no 'values' map.`, { file, hint: 'Each entry needs scope: {path, type} and values: {key: value}.' });
    }
    return {
      scope: {
        path: scope.path === undefined || scope.path === null ? undefined : String(scope.path),
        type: scope.type === undefined || scope.type === null ? undefined : String(scope.type),
      },
      values: values as Record<string, unknown>,
    };
  });
}

/**
 * Jekyll's Utils.deep_merge_hashes: nested maps merge, everything else is replaced — except by nil:
 * `layout: null` in front matter does not undo a layout from `defaults`, as in Jekyll.
 */
export function deepMerge(target: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(overrides)) {
    const current = target[key];
    if ((value === null || value === undefined) && key in target) continue;
    if (isPlainObject(current) && isPlainObject(value)) {
      target[key] = deepMerge({ ...current }, value);
    } else {
      target[key] = value;
    }
  }
  return target;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
