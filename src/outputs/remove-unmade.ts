/**
 * Removing what a build did not make from the site it updated in place (site-writer.ts), and
 * from a site whose in-place update was interrupted (interrupted-builds.ts).
 */
import { rmdirSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import type { SiteTree } from './site-folders.ts';

/**
 * Removes the files below `root` that this build did not make, and folders left empty, as a fresh
 * build would; the names in `keep` (top level only, as Jekyll's keep_files) stay. `tree` lists the
 * site once this build renamed its new files in, which are all made by it. Where the site's shape
 * changes while it is read, what is no longer there is skipped.
 */
export function removeUnmade(root: string, tree: SiteTree, relative: string, made: (outputPath: string) => boolean, keep: ReadonlySet<string>): boolean {
  const entries = tree.get(relative) ?? [];
  let left = entries.length;
  for (const entry of entries) {
    const outputPath = relative ? `${relative}/${entry.name}` : entry.name;
    if (relative === '' && keep.has(entry.name)) continue;
    // A path is joined only for what goes: nearly every file of an edited build stays.
    if (entry.isDirectory) {
      if (removeUnmade(root, tree, outputPath, made, keep) && removed(() => rmdirSync(path.join(root, outputPath)))) left -= 1;
    } else if (!made(outputPath) && removed(() => unlinkSync(path.join(root, outputPath)))) {
      left -= 1;
    }
  }
  return left === 0;
}

/** Runs a removal; false if the file or folder is no longer what the listing saw (or not empty). */
function removed(remove: () => void): boolean {
  try {
    remove();
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST') return false;
    throw error;
  }
}
