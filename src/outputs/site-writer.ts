/**
 * Where a build's files go. The disk writer fills a staging folder beside the destination and puts it
 * in place only when the whole build succeeded, so a failed build leaves the last good site untouched:
 * - most of the site new (a first or uncached build): the staging folder is swapped in whole;
 * - a few files new and the rest carried over by the page cache: each new file is renamed into the
 *   site (every file is complete at every moment), then files the build no longer makes are removed.
 *   Moving 4000 unchanged pages into a new folder and deleting the old one cost a second at 4000 posts.
 * The memory writer keeps files in a Map, for tests and dry runs.
 */
import { closeSync, fstatSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile, link, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileIdentity } from '../cache/page-cache.ts';
import { listSiteFolders } from './site-folders.ts';
import { oldSiteFolder, recoverInterruptedBuilds, removeCommitJournal, stagingFolder, writeCommitJournal } from './interrupted-builds.ts';
import { removeUnmade } from './remove-unmade.ts';

export interface SiteWriter {
  /**
   * Writes a file; the disk writer tells which file it made, so the page cache can recognise it later.
   * `synchronous` writes it on the calling thread: cheaper when the cores are busy anyway (the build's
   * workers run), as the thread pool's four threads then contend in the kernel for the same folders.
   * Measured at 4000 posts: cold build about 0.9 s faster; but a build whose only busy thread is the
   * main one (every layout re-rendered) was 2 s slower, as the pool's writes had used the idle core.
   */
  write(outputPath: string, contents: string | Uint8Array, synchronous?: boolean): Promise<FileIdentity | void>;
  /** Copies a file; the disk writer tells which file it made, as `write` does. */
  copy(outputPath: string, sourcePath: string): Promise<FileIdentity | void>;
  /**
   * Keeps a file of the current site as it is (the page cache's reuse): noted at once, linked or
   * moved at commit. The current site's file is never written through.
   */
  carryOver?(outputPath: string, currentPath: string): void;
  /** Makes the written files the site. */
  commit(): Promise<void>;
  /** Drops everything written; the previous site stays. */
  abort(): Promise<void>;
}

export interface DiskWriterOptions {
  destination: string;
  /** Names in the old destination to carry over (Jekyll's keep_files, e.g. `.git`). */
  keepFiles?: string[];
  /** Where the listings of the site's folders are kept between builds (site-folders.ts). */
  folderRecords?: string;
}

/** Up to this many new files (or a tenth of the site, if more), they are renamed into the site one by one. */
const IN_PLACE_LIMIT = 200;

/** How long a signalled build lets writes in flight land before it tidies again and stops. */
const SIGNAL_SETTLE_MS = 200;

export function createDiskWriter({ destination, keepFiles = [], folderRecords }: DiskWriterOptions): SiteWriter {
  const staging = stagingFolder(destination, process.pid);
  const createdDirs = new Set<string>();
  /** Output paths written into the staging folder, and paths kept from the current site. */
  const staged = new Set<string>();
  const carried = new Map<string, string>();
  let started: Promise<void> | undefined;

  // Ctrl-C or SIGTERM while the site is written: tidy up (interrupted-builds.ts), then stop as the
  // signal would have stopped the process.
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    stopListening();
    stopping = true;
    const tidy = (): void => {
      try {
        recoverInterruptedBuilds(destination, process.pid);
      } catch {
        // The second tidy, or the next build, removes what this one could not.
      }
    };
    tidy();
    // Writes already handed to the thread pool can recreate the staging folder after the first tidy:
    // tidy again once they have landed (no new write starts: prepare waits), then stop.
    setTimeout(() => {
      tidy();
      process.kill(process.pid, signal);
    }, SIGNAL_SETTLE_MS);
  };
  const stopListening = (): void => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  const ensureStarted = (): Promise<void> =>
    (started ??= (async () => {
      recoverInterruptedBuilds(destination);
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      await rm(staging, { recursive: true, force: true });
      await mkdir(staging, { recursive: true });
    })());

  const ensureDir = async (file: string, synchronous = false): Promise<void> => {
    const dir = path.dirname(file);
    if (createdDirs.has(dir)) return;
    if (synchronous) mkdirSync(dir, { recursive: true });
    else await mkdir(dir, { recursive: true });
    createdDirs.add(dir);
  };

  const target = (root: string, outputPath: string): string => {
    const resolved = path.resolve(root, outputPath);
    if (!resolved.startsWith(root + path.sep)) {
      throw new Error(`Refusing to write outside the destination: ${outputPath}`);
    }
    return resolved;
  };

  const prepare = async (outputPath: string, synchronous = false): Promise<string> => {
    // Once a signal came, the build only waits to be stopped.
    if (stopping) await new Promise<never>(() => undefined);
    await ensureStarted();
    const file = target(staging, outputPath);
    await ensureDir(file, synchronous);
    carried.delete(outputPath);
    staged.add(outputPath);
    return file;
  };

  /** The current site's kept files, hard-linked (or copied) into the staging folder. */
  const stageCarried = async (): Promise<void> => {
    for (const [outputPath, currentPath] of carried) {
      const file = target(staging, outputPath);
      await ensureDir(file);
      await link(currentPath, file).catch(() => copyFile(currentPath, file));
    }
  };

  const swapIn = async (): Promise<void> => {
    await stageCarried();
    writeCommitJournal(destination, process.pid, { mode: 'swap', keepFiles });
    for (const name of keepFiles) {
      const kept = path.join(destination, name);
      if (await exists(kept)) {
        await mkdir(path.dirname(path.join(staging, name)), { recursive: true });
        await rm(path.join(staging, name), { recursive: true, force: true });
        await rename(kept, path.join(staging, name));
      }
    }
    const old = oldSiteFolder(destination, process.pid);
    const hadOld = await exists(destination);
    if (hadOld) await rename(destination, old);
    await rename(staging, destination);
    if (hadOld) await rm(old, { recursive: true, force: true });
  };

  const updateInPlace = async (): Promise<void> => {
    writeCommitJournal(destination, process.pid, { mode: 'in-place', made: [...staged, ...carried.keys()], keepFiles });
    const made = new Set<string>();
    for (const outputPath of staged) {
      const file = target(destination, outputPath);
      const dir = path.dirname(file);
      if (!made.has(dir)) {
        await mkdir(dir, { recursive: true });
        made.add(dir);
      }
      await rename(path.join(staging, outputPath), file).catch(async () => {
        // A folder where the file goes (the site's shape changed): it goes, as in a fresh build.
        await rm(file, { recursive: true, force: true });
        await rename(path.join(staging, outputPath), file);
      });
    }
    const keep = new Set(keepFiles);
    const tree = listSiteFolders(destination, keep, folderRecords);
    removeUnmade(destination, tree, '', (outputPath) => staged.has(outputPath) || carried.has(outputPath), keep);
    await rm(staging, { recursive: true, force: true });
  };

  return {
    async write(outputPath, contents, synchronous) {
      if (synchronous) {
        const fd = openSync(await prepare(outputPath, true), 'w');
        try {
          writeFileSync(fd, contents);
          const { ino, size, mtimeMs } = fstatSync(fd);
          return { ino, size, mtimeMs };
        } finally {
          closeSync(fd);
        }
      }
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
      const file = await prepare(outputPath);
      await copyFile(sourcePath, file);
      const { ino, size, mtimeMs } = await stat(file);
      return { ino, size, mtimeMs };
    },
    carryOver(outputPath, currentPath) {
      // Checked, not resolved: a path without `..` or a leading slash stays inside (4000 resolves
      // were 5 ms of an edited build).
      if (outputPath.includes('..') || path.isAbsolute(outputPath) || outputPath.includes('\\')) target(staging, outputPath);
      if (staged.delete(outputPath)) rmSync(target(staging, outputPath), { force: true });
      carried.set(outputPath, currentPath);
    },
    async commit() {
      await ensureStarted();
      const inPlace = staged.size <= Math.max(IN_PLACE_LIMIT, (staged.size + carried.size) / 10) && (await isDirectory(destination));
      if (inPlace) await updateInPlace();
      else await swapIn();
      removeCommitJournal(destination, process.pid);
      stopListening();
    },
    async abort() {
      await rm(staging, { recursive: true, force: true });
      stopListening();
    },
  };
}

async function isDirectory(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
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
