/** Directory listings in a stable order, following symlinked folders. */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';

export function listDirectory(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export function entryIsDirectory(entry: Dirent, source: string, relativePath: string): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(path.join(source, relativePath)).isDirectory();
  } catch {
    return false;
  }
}

/** Files below `folder` (relative to the source), as POSIX paths relative to the source. */
export function listFilesRecursively(source: string, folder: string): string[] {
  const files: string[] = [];
  const visit = (relative: string): void => {
    for (const entry of listDirectory(path.join(source, relative))) {
      const child = `${relative}/${entry.name}`;
      if (entryIsDirectory(entry, source, child)) visit(child);
      else if (entry.isFile() || entry.isSymbolicLink()) files.push(child);
    }
  };
  visit(folder);
  return files;
}
