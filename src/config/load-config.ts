/**
 * Reads `_config.yml` over Jekyll's defaults and checks what would otherwise fail late or silently.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BuildError } from '../errors.ts';
import { parseJekyllYaml } from '../sources/front-matter.ts';
import { assertTimeZone } from '../sources/zoned-time.ts';
import { readThemeConfig } from '../theme/read-theme-config.ts';
import { resolveTheme } from '../theme/resolve-theme.ts';
import {
  BUILT_IN_PLUGINS,
  DEFAULT_EXCLUDES,
  JEKYLL_DEFAULTS,
  PERMALINK_STYLES,
  type FrontMatterDefault,
  type SiteConfig,
} from './site-config.ts';

export interface ConfigOverrides {
  destination?: string;
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
  const root = path.resolve(source);
  if (!existsSync(root)) {
    throw new BuildError(`The source folder does not exist: ${root}`, { hint: 'Pass the site folder with --source DIR.' });
  }
  const warnings: string[] = [];
  const configFile = CONFIG_NAMES.map((name) => path.join(root, name)).find((file) => existsSync(file));
  let fromFile: Record<string, unknown> = {};
  if (configFile) {
    const relative = path.relative(root, configFile);
    // The zone is not known before the file is read; dates in _config.yml are rare, so UTC will do here.
    const parsed = parseJekyllYaml(readFileSync(configFile, 'utf8'), relative, 'UTC');
    if (parsed !== null && parsed !== undefined) {
      if (typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new BuildError('The configuration must be a set of "key: value" lines.', { file: relative, line: 1 });
      }
      fromFile = parsed as Record<string, unknown>;
    }
  }
  const file = configFile ? path.relative(root, configFile) : '_config.yml';
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
  const destination = path.resolve(root, overrides.destination ?? String(fromFile.destination ?? '_site'));
  raw.destination = destination;

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

  const timezone = String(raw.timezone ?? 'Europe/Stockholm');
  try {
    assertTimeZone(timezone);
  } catch (error) {
    throw new BuildError(`Unknown timezone '${timezone}'.`, { file, hint: 'Use an IANA zone name such as Europe/Stockholm.', cause: error });
  }

  // A gem theme's runtime dependencies are loaded as plugins (PluginManager#require_theme_deps).
  const themePlugins = (resolved?.dependencies ?? []).filter((name) => BUILT_IN_PLUGINS.includes(name));
  const plugins = [...new Set([...toStringList(raw.plugins), ...toStringList(raw.gems), ...themePlugins])];
  for (const plugin of plugins) {
    if (!BUILT_IN_PLUGINS.includes(plugin)) {
      warnings.push(`${file}: plugin '${plugin}' is not supported by tryck and is ignored (built in: ${BUILT_IN_PLUGINS.join(', ')}).`);
    }
  }

  const permalinkStyle = String(raw.permalink ?? 'date');
  const permalink = PERMALINK_STYLES[permalinkStyle] ?? permalinkStyle;
  const kramdown = (raw.kramdown ?? {}) as Record<string, unknown>;

  const config: SiteConfig = {
    raw,
    source: root,
    destination,
    title: String(raw.title ?? ''),
    url: String(raw.url ?? '').replace(/\/$/, ''),
    baseurl: normaliseBaseurl(raw.baseurl),
    timezone,
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
    ...(resolved ? { theme: resolved.theme } : {}),
  };
  raw.future = config.future;
  raw.show_drafts = config.drafts;
  raw.unpublished = config.unpublished;
  raw.baseurl = config.baseurl;
  return { config, warnings };
}

function normaliseBaseurl(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value).trim();
  if (text === '' || text === '/') return '';
  return `/${text.replace(/^\/+|\/+$/g, '')}`;
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
