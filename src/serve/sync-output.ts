/**
 * Brings an output folder from the last build to the next one by writing only what changed and
 * deleting what is gone. Each file is written to a temporary name and renamed, so the preview server
 * never serves half a file.
 */
import { copyFile, mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type Output = { contents: string } | { sourcePath: string; modifiedMs: number };

/** A fingerprint per output path: the text itself, or the source file's path and mtime. */
export type OutputState = Map<string, string>;

function fingerprint(output: Output): string {
  return 'contents' in output ? `c:${output.contents}` : `f:${output.sourcePath}:${output.modifiedMs}`;
}

export function stateOf(outputs: Map<string, Output>): OutputState {
  const state: OutputState = new Map();
  for (const [outputPath, output] of outputs) state.set(outputPath, fingerprint(output));
  return state;
}

/**
 * Numbers each temporary file: a post's own page, written at once when it is saved, can be written
 * while a rebuild writes the same page, and two writes sharing one temporary name could leave the
 * older text in place while both believe the newer one landed.
 */
let writes = 0;

/** Returns the output paths that were written or removed. */
export async function syncOutput(destination: string, previous: OutputState, next: Map<string, Output>): Promise<string[]> {
  const changed: string[] = [];
  for (const [outputPath, output] of next) {
    if (previous.get(outputPath) === fingerprint(output)) continue;
    const file = path.join(destination, outputPath);
    const temporary = path.join(path.dirname(file), `.${path.basename(file)}.tryck-${process.pid}-${++writes}`);
    await mkdir(path.dirname(file), { recursive: true });
    if ('contents' in output) await writeFile(temporary, output.contents);
    else await copyFile(output.sourcePath, temporary);
    await rename(temporary, file);
    changed.push(outputPath);
  }
  for (const outputPath of previous.keys()) {
    if (next.has(outputPath)) continue;
    await rm(path.join(destination, outputPath), { force: true });
    await removeEmptyParents(destination, path.dirname(outputPath));
    changed.push(outputPath);
  }
  return changed;
}

async function removeEmptyParents(destination: string, relativeDir: string): Promise<void> {
  let dir = relativeDir;
  while (dir && dir !== '.' && dir !== '/') {
    const absolute = path.join(destination, dir);
    try {
      if ((await readdir(absolute)).length > 0) return;
      await rmdir(absolute);
    } catch {
      return;
    }
    dir = path.dirname(dir);
  }
}
