/**
 * The files of a theme folder, each a real path inside the theme: a symlink that leads out of it is
 * left out with a warning, as is every symlinked asset (ThemeAssetsReader: "Ignored symlinked asset"),
 * and symlinked folders are not entered.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { listDirectory } from '../sources/list-files.ts';
import type { Theme } from './theme.ts';

export interface ThemeFile {
  /** Below the theme's part, POSIX: `default.html`, `css/main.scss`. */
  inFolder: string;
  absolutePath: string;
}

export function listThemeFiles(theme: Theme, dir: string | undefined, warnings: string[], symlinks: 'inside' | 'never'): ThemeFile[] {
  if (dir === undefined) return [];
  const files: ThemeFile[] = [];
  // Ruby's Dir["**/*"] and Find.find do not enter symlinked folders, so a link loop cannot trap the walk.
  const visit = (relative: string): void => {
    for (const entry of listDirectory(path.join(dir, relative))) {
      const inFolder = relative ? `${relative}/${entry.name}` : entry.name;
      const absolutePath = path.join(dir, inFolder);
      if (entry.isDirectory()) visit(inFolder);
      else if (entry.isFile()) files.push({ inFolder, absolutePath });
      else if (entry.isSymbolicLink()) {
        if (symlinks === 'never') warnings.push(`Theme ${theme.name}: ignored symlinked asset ${absolutePath}.`);
        else if (!isInside(theme.root, realpathOr(absolutePath))) warnings.push(`Theme ${theme.name}: ignored ${absolutePath}, a symlink that leads outside the theme.`);
        else if (isFile(absolutePath)) files.push({ inFolder, absolutePath });
      }
    }
  };
  visit('');
  return files;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
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
