/**
 * Finds the theme `theme: NAME` names where its users have it: the folder given by `--theme-dir`
 * or `theme_dir:`, an npm package (`NAME` or `jekyll-theme-NAME`) in the site's node_modules, or an
 * installed Ruby gem (Jekyll::Theme). A theme is trusted as the whole folder the user installed:
 * its parts are real paths that must stay inside it (Theme#realpath_for).
 */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { BuildError } from '../errors.ts';
import { findGem, gemHomes, readDependencies } from './find-gem-theme.ts';
import type { Theme } from './theme.ts';

export interface ThemeRequest {
  /** `theme:` from _config.yml. */
  name: unknown;
  source: string;
  /** `theme_dir:` from _config.yml: must be inside the site, which is untrusted input. */
  configThemeDir?: unknown;
  /** `--theme-dir` from the command line: the user's own choice, anywhere. */
  themeDir?: string;
  /** `remote_theme:` from _config.yml. */
  remoteTheme?: unknown;
  /** The configuration file, for messages. */
  file: string;
  /** Gem homes to look in (default: gemHomes()). */
  gemHomes?: string[];
  /** Ask the `gem` command when the gem folders do not have it (default true). */
  askGem?: boolean;
}

/** A theme and the plugins its gemspec depends on (Jekyll requires them: PluginManager#require_theme_deps). */
export interface ResolvedTheme {
  theme: Theme;
  dependencies: string[];
}

/** npm and gem names: no path separators, nothing that reads as a flag. */
const THEME_NAME = /^(?:@[a-z0-9][\w.-]*\/)?[A-Za-z0-9][\w.-]*$/;

export function resolveTheme(request: ThemeRequest): ResolvedTheme | undefined {
  const { file, source } = request;
  if (request.remoteTheme !== undefined && request.remoteTheme !== null && request.name === undefined && !request.themeDir) {
    const repository = String(request.remoteTheme);
    throw new BuildError(`remote_theme: ${repository} is not supported: tryck does not download themes during a build.`, {
      file,
      hint: `Use a local copy: git clone https://github.com/${repository.replace(/@.*$/, '')} _themes/${path.posix.basename(repository.replace(/@.*$/, ''))}, then replace remote_theme with theme_dir: _themes/${path.posix.basename(repository.replace(/@.*$/, ''))} (or install the theme with npm or gem and write theme: NAME).`,
    });
  }
  if (request.themeDir) return inFolder(themeAt(path.resolve(request.themeDir), nameOf(request.name, request.themeDir), '--theme-dir', file));
  if (request.configThemeDir !== undefined && request.configThemeDir !== null) {
    const dir = path.resolve(source, String(request.configThemeDir));
    const relative = path.relative(source, dir);
    if (relative.startsWith('..') || path.isAbsolute(relative) || !isInside(realpathOr(source), realpathOr(dir), true)) {
      throw new BuildError(`theme_dir: ${String(request.configThemeDir)} is outside the site.`, {
        file,
        hint: 'theme_dir in _config.yml names a folder inside the site; for a theme elsewhere, pass --theme-dir DIR on the command line.',
      });
    }
    return inFolder(themeAt(dir, nameOf(request.name, dir), `theme_dir: ${String(request.configThemeDir)}`, file));
  }
  if (request.name === undefined || request.name === null) return undefined;
  if (typeof request.name !== 'string') {
    throw new BuildError(`theme should be the name of a theme, such as minima, but is ${JSON.stringify(request.name)}.`, { file });
  }
  // Jekyll::Theme#initialize: the name is downcased and stripped.
  const name = request.name.trim().toLowerCase();
  if (!THEME_NAME.test(name)) {
    throw new BuildError(`theme: '${request.name}' is not a theme name.`, { file, hint: 'Name an npm package or a gem, such as minima; for a folder, use theme_dir.' });
  }
  const looked: string[] = [];
  for (const candidate of nodeModulesCandidates(source, name)) {
    looked.push(candidate);
    if (isDirectory(candidate)) return inFolder(themeAt(candidate, name, `node_modules: ${path.relative(source, candidate) || candidate}`, file));
  }
  const homes = request.gemHomes ?? gemHomes();
  const gem = findGem(name, homes, request.askGem ?? true);
  if (gem) return { theme: themeAt(gem.root, name, `gem ${name} ${gem.version}`, file), dependencies: gem.dependencies };
  throw new BuildError(`The theme '${name}' could not be found.`, {
    file,
    hint:
      `tryck looked in ${[...looked.slice(0, 2).map((dir) => path.relative(source, dir)), 'the node_modules of the folders above the site', ...homes.map((home) => `${home}/gems/${name}-*`)].join(', ')}` +
      `${request.askGem === false ? '' : ' and asked `gem spec`'}. Install it with \`npm install jekyll-theme-${name}\` (or \`npm install ${name}\`), ` +
      `\`gem install ${name}\` or \`apt-get install jekyll-theme-${name}\`, or put it in a folder and set theme_dir: in _config.yml.`,
  });
}

/** The theme's parts, each a real path inside its real root (a symlink that leads out is ignored). */
export function themeAt(dir: string, name: string, foundIn: string, file: string): Theme {
  let root: string;
  try {
    root = realpathSync(dir);
  } catch (error) {
    throw new BuildError(`The theme folder ${dir} does not exist or cannot be read.`, { file, cause: error });
  }
  if (!isDirectory(root)) throw new BuildError(`The theme ${dir} is not a folder.`, { file });
  const part = (folder: string): string | undefined => {
    const candidate = path.join(root, folder);
    if (!existsSync(candidate)) return undefined;
    const real = realpathOr(candidate);
    return isInside(root, real, false) && isDirectory(real) ? real : undefined;
  };
  return {
    name,
    root,
    foundIn,
    layoutsDir: part('_layouts'),
    includesDir: part('_includes'),
    sassDir: part('_sass'),
    assetsDir: part('assets'),
    dataDir: part('_data'),
  };
}

/** A theme's source folder usually holds its gemspec, which names the plugins it needs. */
function inFolder(theme: Theme): ResolvedTheme {
  const gemspec = listNames(theme.root).find((name) => name.endsWith('.gemspec'));
  return { theme, dependencies: gemspec ? readDependencies(path.join(theme.root, gemspec)) : [] };
}

function listNames(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function nodeModulesCandidates(source: string, name: string): string[] {
  const names = name.startsWith('@') || name.startsWith('jekyll-theme-') ? [name] : [name, `jekyll-theme-${name}`];
  // Node's own lookup: node_modules in the site's folder, then in each folder above it.
  const candidates: string[] = [];
  for (let dir = source; ; dir = path.dirname(dir)) {
    for (const each of names) candidates.push(path.join(dir, 'node_modules', each));
    if (path.dirname(dir) === dir) break;
  }
  return candidates;
}

function nameOf(name: unknown, dir: string): string {
  return typeof name === 'string' && name.trim() ? name.trim().toLowerCase() : path.basename(dir);
}

function realpathOr(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

function isInside(root: string, file: string, orSame: boolean): boolean {
  const relative = path.relative(root, file);
  if (relative === '') return orSame;
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
