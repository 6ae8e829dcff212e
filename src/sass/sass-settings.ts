/**
 * The `sass:` settings of _config.yml as jekyll-sass-converter reads them, with its defaults in one place.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SiteConfig } from '../config/site-config.ts';
import { BuildError } from '../errors.ts';

export type SourcemapWhen = 'always' | 'never' | 'development';

export interface SassSettings {
  /** Default `_sass`, relative to the source. */
  sassDir: string;
  /** dart-sass has `expanded` (the default, as jekyll-sass-converter 3) and `compressed`. */
  style: 'expanded' | 'compressed';
  /** Absolute folders to look for imports in: `load_paths`, then `sass_dir`, then the theme's `_sass`. */
  loadPaths: string[];
  /** The theme's `_sass`, whose files must not lead outside the theme. */
  themeSassDir?: string;
  /** Default `always`. */
  sourcemap: SourcemapWhen;
  /** Puts `@charset "UTF-8";` where the compiler would put a byte order mark (`add_charset`). */
  addCharset: boolean;
}

export function readSassSettings(config: SiteConfig): SassSettings {
  const raw = (config.raw.sass ?? {}) as Record<string, unknown>;
  const file = '_config.yml';
  const sassDir = raw.sass_dir === undefined || raw.sass_dir === null || String(raw.sass_dir) === '' ? '_sass' : String(raw.sass_dir);
  // Jekyll accepts `:compressed` as well as `compressed`; libsass's nested and compact do not exist in dart-sass.
  const style = String(raw.style ?? 'expanded').replace(/^:/, '') === 'compressed' ? 'compressed' : 'expanded';
  const sourcemap = String(raw.sourcemap ?? 'always').replace(/^:/, '');
  if (!['always', 'never', 'development'].includes(sourcemap)) {
    throw new BuildError(`sass.sourcemap '${sourcemap}' is not one of always, never, development.`, { file });
  }
  const userPaths = raw.load_paths === undefined || raw.load_paths === null ? [] : Array.isArray(raw.load_paths) ? raw.load_paths.map(String) : [String(raw.load_paths)];
  // Site files are untrusted (CI builds pull requests): as Jekyll's safe mode, every path stays in the source.
  const loadPaths = [...userPaths.flatMap((entry) => expandLoadPath(config.source, entry, file)), insideSource(config.source, sassDir, file)];
  const themeSassDir = config.theme?.sassDir;
  if (themeSassDir) loadPaths.push(themeSassDir);
  return {
    sassDir,
    style,
    loadPaths: [...new Set(loadPaths)].filter(isDirectory),
    themeSassDir,
    sourcemap: sourcemap as SourcemapWhen,
    addCharset: raw.add_charset === true,
  };
}

/** A `load_paths` entry may be a glob with `*` (`node_modules/*\/scss`), as Ruby's Dir.glob reads it. */
function expandLoadPath(source: string, entry: string, file: string): string[] {
  const base = insideSource(source, entry, file);
  if (!entry.includes('*')) return [base];
  const parts = path.relative(source, base).split(path.sep);
  let found = [source];
  for (const part of parts) {
    if (!part.includes('*')) {
      found = found.map((dir) => path.join(dir, part));
      continue;
    }
    const pattern = new RegExp(`^${part.split('*').map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
    found = found.flatMap((dir) => listNames(dir).filter((name) => !name.startsWith('.') && pattern.test(name)).map((name) => path.join(dir, name)));
  }
  return found;
}

function insideSource(source: string, entry: string, file: string): string {
  const resolved = path.resolve(source, entry.replace(/^\/+/, ''));
  const relative = path.relative(source, resolved);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new BuildError(`The Sass load path '${entry}' is outside the site.`, { file, hint: 'Sass load paths name folders inside the site, such as _sass or node_modules/bootstrap/scss.' });
  }
  return resolved;
}

function listNames(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
