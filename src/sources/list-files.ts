/** Directory listings in a stable order, following symlinked folders that stay inside the site. */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { checkSymlink, resolveInside } from '../resolve-inside.ts';

export function listDirectory(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Whether the entry is a folder to walk; a symlink leading out of the site, or in a loop, is an error. */
export function entryIsDirectory(entry: Dirent, source: string, relativePath: string): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  const real = checkSymlink(source, path.join(source, relativePath));
  try {
    return statSync(real).isDirectory();
  } catch {
    return false;
  }
}

/** Files below `folder` (relative to the source), as POSIX paths relative to the source. */
export function listFilesRecursively(source: string, folder: string): string[] {
  const files: string[] = [];
  const visit = (relative: string): void => {
    for (const entry of listDirectory(resolveInside(source, relative))) {
      const child = `${relative}/${entry.name}`;
      if (entryIsDirectory(entry, source, child)) visit(child);
      else if (entry.isFile() || entry.isSymbolicLink()) files.push(child);
    }
  };
  visit(folder);
  return files;
}
