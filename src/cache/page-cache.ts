/**
 * Reuses whole pages between builds. A page's record holds the fingerprint of everything its
 * rendering read (page-inputs.ts: the site's templates and settings, the document, its neighbours,
 * and the corpus if it listed other documents), the values it derived from the build time, and the
 * identity (inode, size, mtime) of the file the build wrote. On the next build, when the
 * fingerprint is the same, the time facts still hold and the file in the destination is still the
 * one written, that file is carried over instead of rendering the page again.
 *
 * The output itself is not stored: the last build's destination is the store, so a hand-edited or
 * deleted output file just means the page is rendered again. A post's content and excerpt, which
 * listing pages and the feed read, are kept as references into the Markdown cache; a page's content
 * that is not converted Markdown (a home page's list of posts), as a reference into a store of its own.
 */
import { lstatSync } from 'node:fs';
import type { TimeFact } from '../liquid/render-recorder.ts';
import { timeFactHolds } from '../liquid/filters/build-time-filters.ts';
import type { SourceDocument, StaticFileSource } from '../sources/site-sources.ts';
import { PersistentCache } from './persistent-cache.ts';
import { joinInside } from '../join-inside.ts';

/**
 * Content: an entry of the Markdown cache, an entry of the content store (by the digest of the
 * HTML: documents that are not Markdown), or the text itself (a watcher's, or an excerpt given in
 * front matter).
 */
export type ContentRef = { markdown: string } | { page: string } | { text: string };

/** Which file a build wrote: the same inode, size and mtime mean nobody has changed it since. */
export interface FileIdentity {
  ino: number;
  size: number;
  mtimeMs: number;
}

export interface PageRecord {
  /** The fingerprint of the inputs, the corpus included when `corpus` is set, and the groups read. */
  key: string;
  corpus: boolean;
  /** Tags and categories read one by one (`tags\u0000<name>`). */
  groups: string[];
  timeFacts: TimeFact[];
  /**
   * The content or excerpt (not only the layout) used the build time: pages that list this one cannot
   * be reused, since what they show of it can change while no source does.
   */
  contentTimeDependent: boolean;
  /**
   * The content or excerpt read other documents: a page that lists one tag's posts cannot be reused
   * when one of them did, since the documents it read are not among that tag's.
   */
  contentReadsOthers: boolean;
  content: ContentRef;
  excerpt?: ContentRef;
  /**
   * For a page that listed posts without reading their content: its key with each post as a listing
   * shows it (page-inputs.ts), which still holds when only a post's body changed.
   */
  listingKey?: string;
  file?: FileIdentity;
}

export interface PageCacheStats {
  reused: number;
  rendered: number;
}

/** How a carried-over page reaches the new site: its text, or the file of the current site to link. */
export interface ReusedOutput {
  output: string;
  reuse?: string;
}

/** The page cache as rendering sees it, whether it keeps its records on disk or in memory. */
export interface PageCache {
  readonly stats: PageCacheStats;
  /** The last build's record of the document, if there is one. */
  previous(document: SourceDocument): PageRecord | undefined;
  /**
   * Whether the record can be reused: `key` (computed by the caller with or without the corpus, as
   * the record says) matches, every time fact still holds and the last output is still there.
   */
  reusable(record: PageRecord | undefined, key: string, document: SourceDocument): record is PageRecord;
  /** Carries a record over to this build; returns the page's output. */
  reuse(document: SourceDocument, record: PageRecord): ReusedOutput;
  /** How to find converted content again: `markdownKey` gives its key in the Markdown cache, `html` is the result. */
  contentRef(document: SourceDocument, markdownKey: () => string, html: string): ContentRef;
  /**
   * A page rendered in this build, with its record unless it may never be reused (it used the build
   * time in raw form, a random number…).
   */
  rendered(document: SourceDocument, record: Omit<PageRecord, 'file'> | undefined, output: string): void;
  /** The converted text a reference points to. */
  read(ref: ContentRef): string | undefined;
}

/**
 * The page cache of one-shot builds: records in `.tryck-cache/pages-<n>.v8`, content in the Markdown
 * cache, outputs in the last build's destination, recognised by their file identity.
 */
export class DiskPageCache implements PageCache {
  readonly stats: PageCacheStats = { reused: 0, rendered: 0 };
  private readonly fresh = new Map<string, PageRecord>();
  /**
   * Records as read from the last build. One that is carried over comes back as the same object
   * (a carried page's file is not written, so nothing changes it) and is not written again.
   */
  private readonly asRead = new WeakSet<PageRecord>();
  private readonly timeFacts: TimeFactCheck;

  constructor(
    private readonly store: PersistentCache,
    /** The Markdown cache that `{ markdown }` references point into. */
    private readonly markdown: PersistentCache,
    /** The store that `{ page }` references point into. */
    private readonly contents: PersistentCache,
    private readonly destination: string,
    time: Date,
    timeZone: string,
  ) {
    this.timeFacts = new TimeFactCheck(time, timeZone);
  }

  previous(document: SourceDocument): PageRecord | undefined {
    const text = this.store.get(recordKey(document));
    if (text === undefined) return undefined;
    try {
      const record = JSON.parse(text) as PageRecord;
      this.asRead.add(record);
      return record;
    } catch {
      return undefined;
    }
  }

  reusable(record: PageRecord | undefined, key: string, document: SourceDocument): record is PageRecord {
    if (!record?.file || !factsHold(record, key, this.timeFacts)) return false;
    // Listing pages may ask for the content: it must still be in its store.
    if (!this.stored(record.content) || !this.stored(record.excerpt)) return false;
    return sameFile(this.outputFile(document), record.file);
  }

  reuse(document: SourceDocument, record: PageRecord): ReusedOutput {
    this.stats.reused += 1;
    this.fresh.set(recordKey(document), record);
    this.retain(record.content);
    this.retain(record.excerpt);
    return { output: '', reuse: this.outputFile(document) };
  }

  /** Whether content a record refers to is still in its store (text given in full always is). */
  private stored(ref: ContentRef | undefined): boolean {
    if (ref === undefined) return true;
    if ('markdown' in ref) return this.markdown.hasHash(ref.markdown);
    return 'page' in ref ? this.contents.hasHash(ref.page) : true;
  }

  /** Keeps the content a record carried over refers to for the next build. */
  private retain(ref: ContentRef | undefined): void {
    if (ref === undefined) return;
    if ('markdown' in ref) this.markdown.retain(ref.markdown);
    else if ('page' in ref) this.contents.retain(ref.page);
  }

  contentRef(document: SourceDocument, markdownKey: () => string, html: string): ContentRef {
    if (document.isMarkdown) return { markdown: markdownKey() };
    // Not in the record itself: a home page that lists 4000 posts has 4.4 MB of content, which every
    // build parsed with the record and every edit rewrote (35 ms of an edited build).
    const page = PersistentCache.hash(html);
    if (this.contents.hasHash(page)) this.contents.retain(page);
    else this.contents.setByHash(page, html);
    return { page };
  }

  rendered(document: SourceDocument, record: Omit<PageRecord, 'file'> | undefined): void {
    this.stats.rendered += 1;
    if (record) this.fresh.set(recordKey(document), record);
  }

  /** The file the build wrote for a page; a page without one is not reused next time. */
  wrote(document: SourceDocument, file: FileIdentity): void {
    const record = this.fresh.get(recordKey(document));
    if (record) record.file = file;
  }

  read(ref: ContentRef): string | undefined {
    if ('text' in ref) return ref.text;
    return 'page' in ref ? this.contents.getByHash(ref.page) : this.markdown.getByHash(ref.markdown);
  }

  /**
   * Where the current site's copy of a static file is, if it can be kept: the file is the one the
   * last build copied (same inode, size and times) and its copy is untouched. A site's images are
   * then not copied again on every build.
   */
  keptStaticFile(file: StaticFileSource): string | undefined {
    if (!file.identity) return undefined;
    const text = this.store.get(staticKey(file));
    if (text === undefined) return undefined;
    let record: StaticRecord;
    try {
      record = JSON.parse(text) as StaticRecord;
    } catch {
      return undefined;
    }
    const copy = joinInside(this.destination, file.outputPath);
    if (record.source !== sourceKey(file.identity) || !sameFile(copy, record.file)) return undefined;
    return copy;
  }

  /** The copy this build made of a static file, to keep it next time. */
  copiedStaticFile(file: StaticFileSource, copy: FileIdentity): void {
    if (file.identity) this.store.set(staticKey(file), JSON.stringify({ source: sourceKey(file.identity), file: copy } satisfies StaticRecord));
  }

  /**
   * A generated file (the sitemap, a feed) with the same contents as the current site's copy, which
   * is untouched since the last build wrote it, is carried over (`current`): a build that changed
   * nothing then writes nothing into the site. Otherwise `wrote` notes the file once it is written.
   */
  generatedFile(outputPath: string, contents: string): { current?: string; wrote(file: FileIdentity): void } {
    const key = `generated\u0000${outputPath}`;
    const digest = PersistentCache.hash(contents);
    const wrote = (file: FileIdentity): void => this.store.set(key, JSON.stringify({ digest, file } satisfies GeneratedRecord));
    const text = this.store.get(key);
    if (text === undefined) return { wrote };
    let record: GeneratedRecord;
    try {
      record = JSON.parse(text) as GeneratedRecord;
    } catch {
      return { wrote };
    }
    const copy = joinInside(this.destination, outputPath);
    return record.digest === digest && sameFile(copy, record.file) ? { current: copy, wrote } : { wrote };
  }

  /** Writes this build's records; call after the site was written. */
  save(): void {
    // Reading a record kept it for this build already: only new and changed ones are set, so a build
    // that carried every page over rewrites no shard of the records.
    for (const [key, record] of this.fresh) if (!this.asRead.has(record)) this.store.set(key, JSON.stringify(record));
    this.store.save();
  }

  private outputFile(document: SourceDocument): string {
    return joinInside(this.destination, document.outputPath);
  }
}

/**
 * The page cache of the watcher, which keeps every output in memory anyway: records, content and
 * outputs stay in memory from one rebuild to the next. Content is held as the same strings the last
 * build's pages hold, so it costs nothing extra.
 */
export class MemoryPageCache implements PageCache {
  stats: PageCacheStats = { reused: 0, rendered: 0 };
  private records = new Map<string, { record: PageRecord; output: string }>();
  private fresh = new Map<string, { record: PageRecord; output: string }>();
  private timeFacts = new TimeFactCheck(new Date(0), 'UTC');

  /** Starts a build at `time`; call `finish` when it succeeded. */
  begin(time: Date, timeZone: string): this {
    this.stats = { reused: 0, rendered: 0 };
    this.fresh = new Map();
    this.timeFacts = new TimeFactCheck(time, timeZone);
    return this;
  }

  /** Makes this build's pages the ones the next build may reuse. */
  finish(): void {
    this.records = this.fresh;
    this.fresh = new Map();
  }

  previous(document: SourceDocument): PageRecord | undefined {
    return this.records.get(recordKey(document))?.record;
  }

  reusable(record: PageRecord | undefined, key: string): record is PageRecord {
    return record !== undefined && factsHold(record, key, this.timeFacts);
  }

  reuse(document: SourceDocument, record: PageRecord): ReusedOutput {
    const kept = this.records.get(recordKey(document))!;
    this.stats.reused += 1;
    // The record given: a listing carried over has this build's keys in it.
    this.fresh.set(recordKey(document), { record, output: kept.output });
    return { output: kept.output };
  }

  contentRef(_document: SourceDocument, _markdownKey: () => string, html: string): ContentRef {
    return { text: html };
  }

  rendered(document: SourceDocument, record: Omit<PageRecord, 'file'> | undefined, output: string): void {
    this.stats.rendered += 1;
    if (record) this.fresh.set(recordKey(document), { record, output });
  }

  read(ref: ContentRef): string | undefined {
    return 'text' in ref ? ref.text : undefined;
  }
}

function factsHold(record: PageRecord, key: string, timeFacts: TimeFactCheck): boolean {
  return record.key === key && record.timeFacts.every((fact) => timeFacts.holds(fact));
}

/**
 * Whether time facts hold at one build time. Most pages record the same few (the footer's year), and
 * formatting the time in the site's zone for each of 4000 pages took 25 ms of an edited build.
 */
class TimeFactCheck {
  private readonly known = new Map<string, boolean>();

  constructor(
    private readonly time: Date,
    private readonly timeZone: string,
  ) {}

  holds(fact: TimeFact): boolean {
    const key = JSON.stringify(fact);
    let holds = this.known.get(key);
    if (holds === undefined) this.known.set(key, (holds = timeFactHolds(fact, this.time, this.timeZone)));
    return holds;
  }
}

/** The record of a generated file: the digest of its contents, and which file it is. */
interface GeneratedRecord {
  digest: string;
  file: FileIdentity;
}

/** The record of a static file's copy: which file it was made from, and which file it is. */
interface StaticRecord {
  source: string;
  file: FileIdentity;
}

function staticKey(file: StaticFileSource): string {
  return `static\u0000${file.outputPath}\u0000${file.relativePath}`;
}

function sourceKey({ ino, size, mtimeMs, ctimeMs }: NonNullable<StaticFileSource['identity']>): string {
  return `${ino}\u0000${size}\u0000${mtimeMs}\u0000${ctimeMs}`;
}

function recordKey(document: SourceDocument): string {
  return `${document.outputPath}\u0000${document.relativePath}`;
}

function sameFile(file: string, identity: FileIdentity): boolean {
  try {
    const stat = lstatSync(file);
    return stat.isFile() && stat.ino === identity.ino && stat.size === identity.size && stat.mtimeMs === identity.mtimeMs;
  } catch {
    return false;
  }
}
