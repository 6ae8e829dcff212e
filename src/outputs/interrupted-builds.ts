/**
 * What a build stopped midway leaves beside its destination, and how the next build (or the stopped
 * one, on Ctrl-C or SIGTERM) tidies it. The disk writer (site-writer.ts) names three things by its
 * process id: the staging folder `.<site>.tryck-staging-PID`, the old site `.<site>.tryck-old-PID`
 * while a new one is swapped in, and a journal `.<site>.tryck-commit-PID` written before it starts
 * to change the site. A build of a process that no longer runs is settled so that the site is a
 * complete build, never a mix:
 * - no journal: the commit never began, the site is the last complete build; the staging folder goes;
 * - a journal: the commit began with every file written; it is finished, so the site is the new build.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listSiteFolders } from './site-folders.ts';
import { removeUnmade } from './remove-unmade.ts';

export interface CommitJournal {
  /** `swap`: the staging folder replaces the site; `in-place`: its files are renamed into the site. */
  mode: 'swap' | 'in-place';
  /** In place: every output path of the new build (written or carried over), so the rest can go. */
  made?: string[];
  keepFiles: string[];
}

export function stagingFolder(destination: string, pid: number): string {
  return besideDestination(destination, 'staging', pid);
}

export function oldSiteFolder(destination: string, pid: number): string {
  return besideDestination(destination, 'old', pid);
}

export function writeCommitJournal(destination: string, pid: number, journal: CommitJournal): void {
  const file = besideDestination(destination, 'commit', pid);
  writeFileSync(`${file}.tmp`, JSON.stringify(journal));
  renameSync(`${file}.tmp`, file);
}

export function removeCommitJournal(destination: string, pid: number): void {
  rmSync(besideDestination(destination, 'commit', pid), { force: true });
}

/**
 * Settles every interrupted build into `destination` whose process is gone, and `ownPid`'s too when
 * given (a build stopped by a signal tidies after itself).
 */
export function recoverInterruptedBuilds(destination: string, ownPid?: number): void {
  const parent = path.dirname(destination);
  const prefix = `.${path.basename(destination)}.tryck-`;
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  const pids = new Set<number>();
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const match = /^(?:staging|old|commit)-(\d+)(?:\.tmp)?$/.exec(name.slice(prefix.length));
    if (match) pids.add(Number(match[1]));
  }
  for (const pid of pids) {
    if (pid === ownPid || (pid !== process.pid && !isRunning(pid))) settle(destination, pid);
  }
}

function settle(destination: string, pid: number): void {
  const staging = stagingFolder(destination, pid);
  const old = oldSiteFolder(destination, pid);
  const journalFile = besideDestination(destination, 'commit', pid);
  const journal = readJournal(journalFile);
  if (journal?.mode === 'in-place' && existsSync(staging)) finishInPlace(destination, staging, journal);
  else if (journal?.mode === 'swap' && existsSync(staging)) finishSwap(destination, staging, old, journal);
  else if (!existsSync(destination) && existsSync(old)) renameSync(old, destination);
  // Retried: on a signal, writes the build started may still land in the staging folder.
  rmSync(staging, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  rmSync(old, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  rmSync(`${journalFile}.tmp`, { force: true });
  rmSync(journalFile, { force: true });
}

/** The files not yet renamed into the site are renamed now, then what the build did not make goes. */
function finishInPlace(destination: string, staging: string, journal: CommitJournal): void {
  const moveFrom = (relative: string): void => {
    for (const entry of readdirSync(path.join(staging, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        moveFrom(child);
        continue;
      }
      const target = path.join(destination, child);
      mkdirSync(path.dirname(target), { recursive: true });
      rmSync(target, { recursive: true, force: true });
      renameSync(path.join(staging, child), target);
    }
  };
  moveFrom('');
  const keep = new Set(journal.keepFiles);
  const made = new Set(journal.made ?? []);
  removeUnmade(destination, listSiteFolders(destination, keep), '', (outputPath) => made.has(outputPath), keep);
}

/**
 * The swap was under way: the staging folder is complete (every file was written before the journal),
 * but the kept files (keep_files) may be in it or still in the site.
 */
function finishSwap(destination: string, staging: string, old: string, journal: CommitJournal): void {
  if (existsSync(destination)) {
    for (const name of journal.keepFiles) {
      const kept = path.join(destination, name);
      if (!existsSync(kept)) continue;
      rmSync(path.join(staging, name), { recursive: true, force: true });
      mkdirSync(path.dirname(path.join(staging, name)), { recursive: true });
      renameSync(kept, path.join(staging, name));
    }
    renameSync(destination, old);
  }
  renameSync(staging, destination);
}

function readJournal(file: string): CommitJournal | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CommitJournal;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function besideDestination(destination: string, kind: 'staging' | 'old' | 'commit', pid: number): string {
  return path.join(path.dirname(destination), `.${path.basename(destination)}.tryck-${kind}-${pid}`);
}
