/**
 * A string-to-string cache kept on disk between builds, in `.tryck-cache/<name>.v8`. Its entries are
 * results of pure functions keyed by a hash of their whole input; the `fingerprint` names the code
 * that computed them, so new code starts an empty cache. Only the entries a build used are written
 * back, atomically; a damaged or foreign file is ignored and rebuilt.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../package-root.ts';
import { deserialize, serialize } from 'node:v8';

const FORMAT = 'tryck-cache/1';

interface CacheFile {
  format: string;
  fingerprint: string;
  entries: Map<string, string>;
}

export interface CacheStats {
  /** Results served from the cache on disk. */
  hits: number;
  /** Results this build computed. */
  misses: number;
}

export class PersistentCache {
  private readonly used = new Map<string, string>();
  /** Keys computed during this build: not hits, however often they are read. */
  private readonly fresh = new Set<string>();
  readonly stats: CacheStats = { hits: 0, misses: 0 };

  private constructor(
    private readonly file: string,
    private readonly fingerprint: string,
    private readonly previous: Map<string, string>,
  ) {}

  /** Opens `<directory>/<name>.v8`; starts empty when there is none, or it is damaged or stale. */
  static open(directory: string, name: string, fingerprint: string): PersistentCache {
    const file = path.join(directory, `${name}.v8`);
    let entries = new Map<string, string>();
    try {
      const data = deserialize(readFileSync(file)) as Partial<CacheFile>;
      if (data.format === FORMAT && data.fingerprint === fingerprint && data.entries instanceof Map) entries = data.entries;
    } catch {
      // Missing or damaged: work without it, and write a good one at the end.
    }
    return new PersistentCache(file, fingerprint, entries);
  }

  get(key: string): string | undefined {
    const hash = hashKey(key);
    const hit = this.used.get(hash) ?? this.previous.get(hash);
    if (hit !== undefined && !this.fresh.has(hash)) {
      this.stats.hits += 1;
      this.used.set(hash, hit);
    }
    return hit;
  }

  has(key: string): boolean {
    const hash = hashKey(key);
    return this.used.has(hash) || this.previous.has(hash);
  }

  set(key: string, value: string): void {
    const hash = hashKey(key);
    if (!this.fresh.has(hash)) this.stats.misses += 1;
    this.fresh.add(hash);
    this.used.set(hash, value);
  }

  /** Writes the entries this build used, so the cache never grows past one site's worth. */
  save(): void {
    if (this.stats.misses === 0 && this.used.size === this.previous.size) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    const data: CacheFile = { format: FORMAT, fingerprint: this.fingerprint, entries: this.used };
    writeFileSync(temporary, serialize(data));
    renameSync(temporary, this.file);
  }
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}


const fingerprints = new Map<string, string>();

/**
 * A hash of the given source files or folders (relative to src/) and the package manifest: the
 * code that computes a cache's entries. Changing any of it empties that cache.
 */
export function codeFingerprint(...sources: string[]): string {
  const id = sources.join('|');
  let fingerprint = fingerprints.get(id);
  if (!fingerprint) {
    const hash = createHash('sha256');
    for (const source of sources) {
      const full = path.join(packageRoot(), 'src', source);
      const files = source.endsWith('.ts') ? [full] : readdirSync(full).sort().map((name) => path.join(full, name));
      for (const file of files) hash.update(path.basename(file)).update(readFileSync(file));
    }
    hash.update(readFileSync(path.join(packageRoot(), 'package.json')));
    fingerprint = hash.digest('base64url');
    fingerprints.set(id, fingerprint);
  }
  return fingerprint;
}
