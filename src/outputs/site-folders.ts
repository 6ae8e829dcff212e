/**
 * Lists a built site's folders, to find the files a build no longer makes. A blog has a folder per
 * day of posts: at 4000 posts, reading the site's 4300 folders took 40-45 ms of a build that
 * changed one post, even in one recursive call. So each folder's listing is kept, with the folder's
 * identity (inode, mtime, ctime), in a file beside the caches; a later build checks each folder
 * with one lstat (12-20 ms for all of them) and reads only those that changed since.
 *
 * A folder's mtime changes whenever a name is added to it or removed from it, and its ctime cannot
 * be set back by hand. A listing is trusted only when it was read well after the folder's last
 * change, as git trusts its index: a change made just after the listing could otherwise keep the
 * same mtime. How long is told by the mtime itself: whole seconds are a coarse file system's (FAT
 * keeps times to 2 s, HFS+ to 1 s); Linux's own keep nanoseconds, updated every few milliseconds.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { joinInside } from '../join-inside.ts';

/** A site's folders by path relative to its root (`''` for the root): their entries, folders marked. */
export type SiteTree = Map<string, SiteEntry[]>;

export interface SiteEntry {
  name: string;
  isDirectory: boolean;
}

/** A listing read this long after its folder's last change is trusted while the folder stays the same. */
const RACY_MS = 100;
/** The same, where times are kept to whole seconds. */
const RACY_MS_WHOLE_SECONDS = 2000;

const FORMAT = 'tryck-site-folders/1';

interface FolderRecord {
  ino: number;
  mtimeMs: number;
  ctimeMs: number;
  /** When the listing was read (before reading it). */
  listedAt: number;
  entries: SiteEntry[];
}

interface StoredFolders {
  format: string;
  root: string;
  folders: string[];
  /** Per folder: ino, mtimeMs, ctimeMs, listedAt. */
  numbers: number[];
  /** Per folder: its entries' names joined by NUL, a folder's ending in `/`. */
  entries: string[];
}

/**
 * Lists every folder below `root` except the top-level names in `skip` (keep_files, which a build
 * never touches), using and then updating the listings kept in `recordFile`, if given.
 */
export function listSiteFolders(root: string, skip: ReadonlySet<string>, recordFile?: string): SiteTree {
  const known = recordFile ? readRecords(recordFile, root) : undefined;
  const records = new Map<string, FolderRecord>();
  const rootStat = lstatOrUndefined(root);
  const byFolder = known !== undefined && rootStat !== undefined && known.get('')?.ino === rootStat.ino;
  const listed = byFolder ? listFolderByFolder(root, skip, known, records, rootStat) : { tree: listAllAtOnce(root, skip, recordFile ? records : undefined), keptListings: 0 };
  // Written only when a listing changed: a build that changed nothing writes nothing.
  const changed = !byFolder || records.size !== known.size || listed.keptListings !== records.size;
  if (recordFile && changed) writeRecords(recordFile, root, records);
  return listed.tree;
}

/** Each folder checked against its kept listing, read only where it changed; and how many listings were kept. */
function listFolderByFolder(
  root: string,
  skip: ReadonlySet<string>,
  known: Map<string, FolderRecord>,
  records: Map<string, FolderRecord>,
  rootStat: Stats,
): { tree: SiteTree; keptListings: number } {
  const tree: SiteTree = new Map();
  let keptListings = 0;
  const pending = [''];
  for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
    const absolute = folder ? joinInside(root, folder) : root;
    const stat = folder ? lstatOrUndefined(absolute) : rootStat;
    // Gone or no longer a folder since its parent was listed: nothing of it to remove.
    if (!stat?.isDirectory()) continue;
    const kept = known.get(folder);
    const same = kept !== undefined && kept.ino === stat.ino && kept.mtimeMs === stat.mtimeMs && kept.ctimeMs === stat.ctimeMs;
    let record = same && trusted(kept) ? kept : readFolder(absolute, stat);
    if (!record) continue;
    // Read again only because it was read too soon after its change, and found as it was: the kept
    // listing stays, unless this one can be trusted next time (a file to write for it, once).
    if (same && record !== kept && !trusted(record) && sameEntries(record.entries, kept.entries)) record = kept;
    if (record === kept) keptListings += 1;
    records.set(folder, record);
    tree.set(folder, record.entries);
    for (const entry of record.entries) {
      if (!entry.isDirectory || (folder === '' && skip.has(entry.name))) continue;
      pending.push(folder ? `${folder}/${entry.name}` : entry.name);
    }
  }
  return { tree, keptListings };
}

/**
 * The whole site in one recursive readdir (4300 folders read one by one took 0.15 s; one recursive
 * call, 0.04-0.05 s), and each folder's identity for next time, if `records` is given.
 */
function listAllAtOnce(root: string, skip: ReadonlySet<string>, records?: Map<string, FolderRecord>): SiteTree {
  const listedAt = Date.now();
  const tree: SiteTree = new Map([['', []]]);
  const relativeOf = (folder: string): string =>
    folder === root ? '' : folder.startsWith(`${root}${path.sep}`) && path.sep === '/' ? folder.slice(root.length + 1) : path.relative(root, folder).split(path.sep).join('/');
  let entries: Dirent[] = [];
  try {
    entries = readdirSync(root, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  for (const entry of entries) {
    const relative = relativeOf(entry.parentPath);
    // What is below a kept name is never the build's.
    const top = relative.split('/', 1)[0];
    if (relative !== '' && skip.has(top)) continue;
    let siblings = tree.get(relative);
    if (!siblings) tree.set(relative, (siblings = []));
    const isDirectory = entry.isDirectory();
    siblings.push({ name: entry.name, isDirectory });
    if (isDirectory && !(relative === '' && skip.has(entry.name))) {
      const own = relative ? `${relative}/${entry.name}` : entry.name;
      if (!tree.has(own)) tree.set(own, []);
    }
  }
  if (records) {
    for (const [folder, folderEntries] of tree) {
      const stat = lstatOrUndefined(folder ? joinInside(root, folder) : root);
      if (stat?.isDirectory()) records.set(folder, { ino: stat.ino, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, listedAt, entries: folderEntries });
    }
  }
  return tree;
}

function trusted(record: FolderRecord): boolean {
  return record.mtimeMs + (record.mtimeMs % 1000 === 0 ? RACY_MS_WHOLE_SECONDS : RACY_MS) < record.listedAt;
}

function sameEntries(a: SiteEntry[], b: SiteEntry[]): boolean {
  return a.length === b.length && a.every((entry, i) => entry.name === b[i].name && entry.isDirectory === b[i].isDirectory);
}

function readFolder(absolute: string, stat: Stats): FolderRecord | undefined {
  const listedAt = Date.now();
  try {
    const entries = readdirSync(absolute, { withFileTypes: true }).map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory() }));
    return { ino: stat.ino, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, listedAt, entries };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

function lstatOrUndefined(file: string): Stats | undefined {
  return lstatSync(file, { throwIfNoEntry: false });
}

/** The listings kept for this root; none if the file is missing, damaged or of another site. */
function readRecords(file: string, root: string): Map<string, FolderRecord> | undefined {
  let stored: Partial<StoredFolders>;
  try {
    stored = deserialize(readFileSync(file)) as Partial<StoredFolders>;
  } catch {
    return undefined;
  }
  const { folders, numbers, entries } = stored;
  if (stored.format !== FORMAT || stored.root !== root || !Array.isArray(folders) || !Array.isArray(numbers) || !Array.isArray(entries)) return undefined;
  if (numbers.length !== folders.length * 4 || entries.length !== folders.length) return undefined;
  const records = new Map<string, FolderRecord>();
  for (let i = 0; i < folders.length; i++) {
    if (typeof folders[i] !== 'string' || typeof entries[i] !== 'string') return undefined;
    const names = entries[i] === '' ? [] : entries[i].split('\u0000');
    records.set(folders[i], {
      ino: numbers[i * 4],
      mtimeMs: numbers[i * 4 + 1],
      ctimeMs: numbers[i * 4 + 2],
      listedAt: numbers[i * 4 + 3],
      entries: names.map((name) => (name.endsWith('/') ? { name: name.slice(0, -1), isDirectory: true } : { name, isDirectory: false })),
    });
  }
  return records;
}

function writeRecords(file: string, root: string, records: Map<string, FolderRecord>): void {
  const stored: StoredFolders = { format: FORMAT, root, folders: [], numbers: [], entries: [] };
  for (const [folder, record] of records) {
    stored.folders.push(folder);
    stored.numbers.push(record.ino, record.mtimeMs, record.ctimeMs, record.listedAt);
    stored.entries.push(record.entries.map((entry) => (entry.isDirectory ? `${entry.name}/` : entry.name)).join('\u0000'));
  }
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, serialize(stored));
    renameSync(temporary, file);
  } catch {
    // No place for it (a read-only cache folder): the next build reads the whole site.
  }
}
