/**
 * Markdown conversions kept on disk between builds, in `.tryck-cache/`. Conversion is a pure function
 * of its input text and options, so an entry keyed by a hash of both — and of the converter's own code —
 * can never give a stale page; everything else (Liquid, layouts) is rendered anew on every build.
 * One file holds the entries the last build used; a damaged or foreign file is ignored and rebuilt.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { fileURLToPath } from 'node:url';
import type { MarkdownCache } from '../markdown/cached-markdown-processor.ts';

const FORMAT = 'tryck-markdown-cache/1';
const FILE = 'markdown.v8';

interface CacheFile {
  format: string;
  fingerprint: string;
  entries: Map<string, string>;
}

export interface CacheStats {
  hits: number;
  misses: number;
}

export class PersistentMarkdownCache implements MarkdownCache {
  private readonly previous: Map<string, string>;
  private readonly used = new Map<string, string>();
  /** Keys converted during this build: not hits, however often they are read. */
  private readonly fresh = new Set<string>();
  /** hits: conversions served from the cache on disk; misses: texts converted by this build. */
  readonly stats: CacheStats = { hits: 0, misses: 0 };

  private constructor(
    private readonly directory: string,
    private readonly fingerprint: string,
    previous: Map<string, string>,
  ) {
    this.previous = previous;
  }

  /** Opens the cache in `directory`; starts empty when there is none, or it is damaged or stale. */
  static open(directory: string): PersistentMarkdownCache {
    const fingerprint = converterFingerprint();
    let entries = new Map<string, string>();
    try {
      const data = deserialize(readFileSync(path.join(directory, FILE))) as Partial<CacheFile>;
      if (data.format === FORMAT && data.fingerprint === fingerprint && data.entries instanceof Map) entries = data.entries;
    } catch {
      // Missing or damaged: build without it, and write a good one at the end.
    }
    return new PersistentMarkdownCache(directory, fingerprint, entries);
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

  set(key: string, html: string): void {
    const hash = hashKey(key);
    if (!this.fresh.has(hash)) this.stats.misses += 1;
    this.fresh.add(hash);
    this.used.set(hash, html);
  }

  /** Writes the entries this build used (atomically), so the cache never grows past one site. */
  save(): void {
    if (this.stats.misses === 0 && this.used.size === this.previous.size) return;
    mkdirSync(this.directory, { recursive: true });
    const file = path.join(this.directory, FILE);
    const temporary = `${file}.${process.pid}.tmp`;
    const data: CacheFile = { format: FORMAT, fingerprint: this.fingerprint, entries: this.used };
    writeFileSync(temporary, serialize(data));
    renameSync(temporary, file);
  }
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

let cachedFingerprint: string | undefined;

/** A hash of the converter's source and the package version: changing either empties the cache. */
export function converterFingerprint(): string {
  if (cachedFingerprint) return cachedFingerprint;
  const hash = createHash('sha256');
  const here = path.dirname(fileURLToPath(import.meta.url));
  const markdownDir = path.join(here, '..', 'markdown');
  for (const name of readdirSync(markdownDir).sort()) {
    hash.update(name).update(readFileSync(path.join(markdownDir, name)));
  }
  hash.update(readFileSync(path.join(here, '..', '..', 'package.json')));
  cachedFingerprint = hash.digest('base64url');
  return cachedFingerprint;
}
