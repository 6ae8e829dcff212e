/**
 * Where a build's files go. The disk writer fills a staging folder beside the destination and swaps it
 * into place only when the whole build succeeded, so a failed build leaves the last good site untouched.
 * The memory writer keeps files in a Map, for tests and dry runs.
 */
import { copyFile, link, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileIdentity } from '../cache/page-cache.ts';

export interface SiteWriter {
  /** Writes a file; the disk writer tells which file it made, so the page cache can recognise it later. */
  write(outputPath: string, contents: string | Uint8Array): Promise<FileIdentity | void>;
  copy(outputPath: string, sourcePath: string): Promise<void>;
  /**
   * Carries a file of the current site over unchanged (the page cache's reuse): a hard link where
   * the file system allows, else a copy. The current site's file is never written through.
   */
  carryOver?(outputPath: string, currentPath: string): Promise<void>;
  /** Makes the written files the site. */
  commit(): Promise<void>;
  /** Drops everything written; the previous site stays. */
  abort(): Promise<void>;
}

export interface DiskWriterOptions {
  destination: string;
  /** Names in the old destination to carry over (Jekyll's keep_files, e.g. `.git`). */
  keepFiles?: string[];
}

export function createDiskWriter({ destination, keepFiles = [] }: DiskWriterOptions): SiteWriter {
  const parent = path.dirname(destination);
  const base = path.basename(destination);
  const staging = path.join(parent, `.${base}.tryck-staging-${process.pid}`);
  const createdDirs = new Set<string>();
  // Staged files that are hard links to the current site's: replaced, never written into.
  const linked = new Set<string>();
  let started: Promise<void> | undefined;

  const ensureStarted = (): Promise<void> =>
    (started ??= (async () => {
      await rm(staging, { recursive: true, force: true });
      await mkdir(staging, { recursive: true });
    })());

  const ensureDir = async (file: string): Promise<void> => {
    const dir = path.dirname(file);
    if (createdDirs.has(dir)) return;
    await mkdir(dir, { recursive: true });
    createdDirs.add(dir);
  };

  const target = (outputPath: string): string => {
    const resolved = path.resolve(staging, outputPath);
    if (!resolved.startsWith(staging + path.sep)) {
      throw new Error(`Refusing to write outside the destination: ${outputPath}`);
    }
    return resolved;
  };

  const prepare = async (outputPath: string): Promise<string> => {
    await ensureStarted();
    const file = target(outputPath);
    await ensureDir(file);
    if (linked.delete(file)) await rm(file, { force: true });
    return file;
  };

  return {
    async write(outputPath, contents) {
      const handle = await open(await prepare(outputPath), 'w');
      try {
        await handle.writeFile(contents);
        const { ino, size, mtimeMs } = await handle.stat();
        return { ino, size, mtimeMs };
      } finally {
        await handle.close();
      }
    },
    async copy(outputPath, sourcePath) {
      await copyFile(sourcePath, await prepare(outputPath));
    },
    async carryOver(outputPath, currentPath) {
      const file = await prepare(outputPath);
      try {
        await link(currentPath, file);
        linked.add(file);
      } catch {
        await copyFile(currentPath, file);
      }
    },
    async commit() {
      await ensureStarted();
      for (const name of keepFiles) {
        const kept = path.join(destination, name);
        if (await exists(kept)) {
          await mkdir(path.dirname(path.join(staging, name)), { recursive: true });
          await rm(path.join(staging, name), { recursive: true, force: true });
          await rename(kept, path.join(staging, name));
        }
      }
      const old = path.join(parent, `.${base}.tryck-old-${process.pid}`);
      const hadOld = await exists(destination);
      if (hadOld) await rename(destination, old);
      await rename(staging, destination);
      if (hadOld) await rm(old, { recursive: true, force: true });
    },
    async abort() {
      await rm(staging, { recursive: true, force: true });
    },
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

export interface MemoryWriter extends SiteWriter {
  readonly files: Map<string, Uint8Array>;
}

export function createMemoryWriter(): MemoryWriter {
  const pending = new Map<string, Uint8Array>();
  const files = new Map<string, Uint8Array>();
  return {
    files,
    async write(outputPath, contents) {
      pending.set(outputPath, typeof contents === 'string' ? Buffer.from(contents) : contents);
    },
    async copy(outputPath, sourcePath) {
      pending.set(outputPath, await readFile(sourcePath));
    },
    async commit() {
      files.clear();
      for (const [key, value] of pending) files.set(key, value);
    },
    async abort() {
      pending.clear();
    },
  };
}
