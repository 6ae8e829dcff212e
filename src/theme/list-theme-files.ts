/**
 * The files of a theme folder, each a real path inside the theme: a symlink that leads out of it is
 * left out with a warning, as is every symlinked asset (ThemeAssetsReader: "Ignored symlinked asset").
 */
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { listFilesRecursively } from '../sources/list-files.ts';
import type { Theme } from './theme.ts';

export interface ThemeFile {
  /** Below the theme's part, POSIX: `default.html`, `css/main.scss`. */
  inFolder: string;
  absolutePath: string;
}

export function listThemeFiles(theme: Theme, dir: string | undefined, warnings: string[], symlinks: 'inside' | 'never'): ThemeFile[] {
  if (dir === undefined) return [];
  const files: ThemeFile[] = [];
  for (const relative of listFilesRecursively(dir, '.')) {
    const inFolder = relative.replace(/^\.\//, '');
    const absolutePath = path.join(dir, inFolder);
    const linked = isSymlink(absolutePath);
    if (linked && symlinks === 'never') {
      warnings.push(`Theme ${theme.name}: ignored symlinked asset ${absolutePath}.`);
      continue;
    }
    if (linked && !isInside(theme.root, realpathOr(absolutePath))) {
      warnings.push(`Theme ${theme.name}: ignored ${absolutePath}, a symlink that leads outside the theme.`);
      continue;
    }
    files.push({ inFolder, absolutePath });
  }
  return files;
}

/** True when the file, or a folder between it and its theme part, is a symlink. */
function isSymlink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink() || realpathSync(path.dirname(file)) !== path.dirname(file);
  } catch {
    return true;
  }
}

function realpathOr(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
