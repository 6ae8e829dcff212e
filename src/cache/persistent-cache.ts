/**
 * A string-to-string cache kept on disk between builds, in `.tryck-cache/<name>.v8` (or, for a large
 * cache, in shards `<name>-<n>.v8`, so that one edited post rewrites one small file, not all of
 * them). Its entries are results of pure functions keyed by a hash of their whole input; the
 * `fingerprint` names the code that computed them, so new code starts an empty cache. Only the
 * entries a build used are written back, atomically; a damaged or foreign file is ignored and rebuilt.
 */
import { hash as oneShotHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.ts';
import { asString, encodeShardFile, readShardFile, ReplacedShardError, StoredValue, type Kept } from './shard-file.ts';

export interface CacheOptions {
  /** How many files the entries are spread over (by their hash). */
  shards?: number;
  /**
   * Keep values as strings, not UTF-8 bytes: for small entries that nearly every build reads (the
   * documents, the page records). V8 writes a string's own one- or two-byte characters, and reads
   * them back as a copy, so a build reads them without decoding: at 4000 posts, decoding those
   * 8000 entries took 24 ms of an edited build. Big values (HTML) stay bytes, at half the memory
   * of a two-byte string.
   */
  strings?: boolean;
}

export interface CacheStats {
  /** Results served from the cache on disk. */
  hits: number;
  /** Results this build computed. */
  misses: number;
}

export class PersistentCache {
  /**
   * The entries this build used, as kept (see CacheOptions.strings). Bytes are decoded again on each
   * read: a large site's HTML is held at about half the size of its strings (which are two bytes a
   * character once one typographic quote is in them), and callers keep the strings they still need.
   */
  private readonly used = new Map<string, Kept>();
  /** Keys computed during this build: not hits, however often they are read. */
  private readonly fresh = new Set<string>();
  readonly stats: CacheStats = { hits: 0, misses: 0 };

  private constructor(
    private readonly files: string[],
    private readonly fingerprint: string,
    private readonly previous: Map<string, Kept>,
    /** How many entries each shard had when it was read. */
    private readonly previousCounts: number[],
    private readonly strings: boolean,
  ) {}

  /**
   * Opens `<directory>/<name>.v8`, or its `shards` files; a shard that is missing, damaged or stale
   * starts empty.
   */
  static open(directory: string, name: string, fingerprint: string, { shards = 1, strings = false }: CacheOptions = {}): PersistentCache {
    const files = shards === 1 ? [path.join(directory, `${name}.v8`)] : Array.from({ length: shards }, (_, i) => path.join(directory, `${name}-${i}.v8`));
    // A cache that was one file before it was sharded: its entries start afresh, and the file goes.
    if (shards > 1) rmSync(path.join(directory, `${name}.v8`), { force: true });
    const entries = new Map<string, Kept>();
    const counts = files.map((file) => {
      try {
        return readShardFile(file, fingerprint, entries);
      } catch {
        // Missing or damaged: work without it, and write a good one at the end.
        return -1;
      }
    });
    return new PersistentCache(files, fingerprint, entries, counts, strings);
  }

  /** How many entries the last build left. */
  get keptEntries(): number {
    return this.previous.size;
  }

  get(key: string): string | undefined {
    return this.getByHash(PersistentCache.hash(key));
  }

  /** As get, by the hash of the key (PersistentCache.hash), which callers may keep instead of the key. */
  getByHash(hash: string): string | undefined {
    let kept = this.used.get(hash);
    if (kept === undefined) {
      kept = this.previous.get(hash);
      if (kept === undefined) return undefined;
      this.stats.hits += 1;
    }
    // Read from its file once.
    if (kept instanceof StoredValue) kept = kept.bytes();
    this.used.set(hash, kept);
    return asString(kept);
  }

  /** Whether an entry is there under this hash, without reading it. */
  hasHash(hash: string): boolean {
    return this.used.has(hash) || this.previous.has(hash);
  }

  has(key: string): boolean {
    return this.hasHash(PersistentCache.hash(key));
  }

  set(key: string, value: string): void {
    this.setByHash(PersistentCache.hash(key), value);
  }

  /** As set, by the hash of the key. */
  setByHash(hash: string, value: string): void {
    if (!this.fresh.has(hash)) this.stats.misses += 1;
    this.fresh.add(hash);
    this.used.set(hash, this.strings ? value : Buffer.from(value));
  }

  /**
   * Keeps an entry from the last build without reading it: its user was served from another cache
   * this time and will want it again when it next has to be rendered.
   */
  retain(hash: string): void {
    if (this.used.has(hash)) return;
    const previous = this.previous.get(hash);
    if (previous !== undefined) this.used.set(hash, previous);
  }

  /** The hash an entry is stored under. */
  static hash(key: string): string {
    return oneShotHash('sha256', key, 'base64url');
  }

  /** Writes the entries this build used, so the cache never grows past one site's worth. */
  save(): void {
    if (this.stats.misses === 0 && this.used.size === this.previous.size) return;
    const counts = this.files.map(() => 0);
    const changed = this.files.map(() => false);
    for (const hash of this.used.keys()) {
      const shard = this.shardOf(hash);
      counts[shard] += 1;
      if (this.fresh.has(hash)) changed[shard] = true;
    }
    // A shard is written when it gained an entry or lost one.
    const dirty = this.files.map((_, i) => changed[i] || counts[i] !== this.previousCounts[i]);
    const shards = this.files.map(() => new Map<string, Kept>());
    for (const [hash, value] of this.used) {
      const shard = this.shardOf(hash);
      if (dirty[shard]) shards[shard].set(hash, value);
    }
    mkdirSync(path.dirname(this.files[0]), { recursive: true });
    this.files.forEach((file, i) => {
      if (!dirty[i]) return;
      let contents: Buffer;
      try {
        contents = encodeShardFile(this.fingerprint, shards[i], this.strings);
      } catch (error) {
        // Another build replaced the file since this one read it: its file stands, as good as ours.
        if (error instanceof ReplacedShardError) return;
        throw error;
      }
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, contents);
      renameSync(temporary, file);
    });
  }

  private shardOf(hash: string): number {
    return this.files.length === 1 ? 0 : hash.charCodeAt(0) % this.files.length;
  }
}

const fingerprints = new Map<string, string>();

/** Set by the bundle (bin/source-digests.js): the digest of each file the fingerprints cover. */
declare const __TRYCK_SOURCE_DIGESTS__: Record<string, string> | undefined;
let digests: Record<string, string> | undefined;

/** As bin/source-digests.js gives them: read here only when run from the sources (tsx). */
function sourceDigests(): Record<string, string> {
  if (typeof __TRYCK_SOURCE_DIGESTS__ !== 'undefined') return __TRYCK_SOURCE_DIGESTS__;
  if (digests) return digests;
  const root = packageRoot();
  const found: Record<string, string> = {};
  const add = (relative: string): void => {
    found[relative] = oneShotHash('sha256', readFileSync(path.join(root, relative)), 'base64url');
  };
  const visit = (relative: string): void => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      if (entry.isDirectory()) visit(`${relative}/${entry.name}`);
      else add(`${relative}/${entry.name}`);
    }
  };
  visit('src');
  for (const file of ['package.json', 'package-lock.json']) if (existsSync(path.join(root, file))) add(file);
  return (digests = found);
}

/**
 * A hash of the given source files or folders (relative to src/; '.' for all of it), the package
 * manifest and the lock file: the code that computes a cache's entries, and the dependencies it
 * uses. Changing any of it empties that cache. From the bundle, no file is read for it.
 */
export function codeFingerprint(...sources: string[]): string {
  const id = sources.join('|');
  let fingerprint = fingerprints.get(id);
  if (!fingerprint) {
    const all = sourceDigests();
    const inSources = (file: string): boolean =>
      sources.some((source) => (source === '.' ? file.startsWith('src/') : file === `src/${source}` || file.startsWith(`src/${source}/`)));
    // The manifest and the lock file, and the sources asked for.
    const covered = (file: string): boolean => !file.startsWith('src/') || inSources(file);
    const files = Object.keys(all).filter(covered).sort();
    fingerprint = oneShotHash('sha256', files.map((file) => `${file}\u0000${all[file]}\n`).join(''), 'base64url');
    fingerprints.set(id, fingerprint);
  }
  return fingerprint;
}
