/**
 * Finds `@import`/`@use` targets in the Sass load paths, in their order (site first, theme last),
 * as one importer: dart-sass would try separate importers before its own load paths.
 * Every file read must lie in the site or the theme once its symlinks are followed: a site is
 * untrusted input (CI builds pull requests), and a theme is trusted as the folder the user
 * installed, not as a way out of it.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Importer } from 'sass';
import { sassSyntaxOf } from './sass-syntax.ts';

export interface ImporterOptions {
  loadPaths: string[];
  /** Real paths of the folders files may come from: the site's source and the theme's folder. */
  roots: string[];
}

export function createSassImporter({ loadPaths, roots }: ImporterOptions): Importer<'sync'> {
  const resolveFile = (base: string): string | undefined => {
    const found = candidates(base).find(isFile);
    if (found === undefined) return undefined;
    const real = realpathSync(found);
    if (!roots.some((root) => isInside(root, real))) {
      throw new Error(`${found} lies outside the site and its theme${real === found ? '' : ` (it leads to ${real})`}; it is not read.`);
    }
    return found;
  };
  return {
    canonicalize(url) {
      let found: string | undefined;
      if (url.startsWith('file:')) found = resolveFile(fileURLToPath(url));
      else if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) {
        for (const dir of loadPaths) {
          found = resolveFile(path.join(dir, url));
          if (found) break;
        }
      }
      return found ? pathToFileURL(found) : null;
    },
    load(canonicalUrl) {
      const file = fileURLToPath(canonicalUrl);
      const syntax = sassSyntaxOf(file) ?? 'css';
      // The file's own URL in source maps, as for Sass's load paths (a data: URL otherwise).
      return { contents: readFileSync(file, 'utf8'), syntax, sourceMapUrl: canonicalUrl };
    },
  };
}

/** Sass's resolution order: the file as named, its partial `_name`, then each extension, then an index file. */
function candidates(base: string): string[] {
  const dir = path.dirname(base);
  const name = path.basename(base);
  if (/\.(s[ac]ss|css)$/i.test(name)) return [base, path.join(dir, `_${name}`)];
  const withExtensions = (stem: string): string[] =>
    ['.scss', '.sass', '.css'].flatMap((ext) => [path.join(path.dirname(stem), `_${path.basename(stem)}${ext}`), `${stem}${ext}`]);
  return [...withExtensions(base), ...withExtensions(path.join(base, 'index'))];
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
