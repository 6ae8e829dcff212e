/**
 * Splits a file into YAML front matter and body as Jekyll does and reads the YAML as Jekyll's Psych does:
 * YAML 1.1 (yes/no are booleans), a date-only value is a calendar date in the site's zone, and a
 * date-time without an offset is UTC. Errors name the file, line and column and show the line.
 */
import { hash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { parse as parseYaml, parseDocument, YAMLParseError, type DocumentOptions, type ParseOptions, type ScalarTag, type SchemaOptions, type ToJSOptions } from 'yaml';

export type YamlOptions = ParseOptions & DocumentOptions & SchemaOptions & ToJSOptions;
import { BuildError } from '../errors.ts';
import { JekyllDate, JekyllTime } from './jekyll-time.ts';
import { readSimpleYaml } from './simple-yaml.ts';

export interface ParsedFile {
  data: Record<string, unknown>;
  /** The text after the front matter; for a file not read yet (readUnchangedFile), a getter that reads it. */
  body: string;
  /** Lines that precede the body in the file (front matter and its fences), to map body lines back to the file. */
  bodyLineOffset: number;
  /** Where the body starts in the file's text (after a byte-order mark, if any). */
  bodyStart: number;
  hasFrontMatter: boolean;
  /** The file's text hashed (sourceDigest). */
  digest: string;
  /** Read from the front matter cache rather than parsed. */
  fromCache?: boolean;
  /** The front matter as the cache keeps it (JSON, dates tagged): the same text for the same front matter. */
  frontMatterText?: string;
}

/** Jekyll treats a file as a page only when its first line is `---` (Utils.has_yaml_header?). */
export function hasFrontMatter(text: string): boolean {
  return /^(\uFEFF)?---[ \t]*\r?\n/.test(text);
}

const TIMESTAMP =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2}):(\d{2})(\.\d+)?(?:[ \t]*(Z|[-+]\d{1,2}(?::?\d{2})?))?)?$/;

function timestampTag(timeZone: string): ScalarTag {
  return {
    tag: 'tag:yaml.org,2002:timestamp',
    default: true,
    identify: (value) => value instanceof Date,
    test: TIMESTAMP,
    resolve(text: string): Date {
      const m = TIMESTAMP.exec(text);
      if (!m) throw new Error(`not a timestamp: ${text}`);
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (m[4] === undefined) return new JekyllDate(year, month, day, timeZone);
      const millisecond = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
      let instant = Date.UTC(year, month - 1, day, Number(m[4]), Number(m[5]), Number(m[6]), millisecond);
      const zone = m[8];
      if (zone && zone !== 'Z') {
        const zm = /^([-+])(\d{1,2}):?(\d{2})?$/.exec(zone);
        if (zm) {
          const minutes = Number(zm[2]) * 60 + Number(zm[3] ?? 0);
          instant -= (zm[1] === '-' ? -1 : 1) * minutes * 60_000;
        }
      }
      // Psych reads a time without an offset as UTC; Jekyll then shows it in the site's zone.
      return new JekyllTime(instant, timeZone);
    },
  };
}

const yamlOptionsByZone = new Map<string, YamlOptions>();

/** The `yaml` library's options that read YAML as Psych does, with dates in `timeZone`. */
export function jekyllYamlOptions(timeZone: string): YamlOptions {
  let options = yamlOptionsByZone.get(timeZone);
  if (!options) {
    const tag = timestampTag(timeZone);
    options = {
      version: '1.1',
      merge: true,
      uniqueKeys: false,
      customTags: (tags) => [...tags.filter((t) => typeof t === 'string' || t.tag !== tag.tag), tag],
    };
    yamlOptionsByZone.set(timeZone, options);
  }
  return options;
}

/** Parses YAML text the way Jekyll does; `lineOffset` is added to error line numbers. */
export function parseJekyllYaml(text: string, file: string, timeZone: string, lineOffset = 0, onWarning?: (message: string) => void): unknown {
  const options = jekyllYamlOptions(timeZone);
  try {
    return readSimpleYaml(text, options) ?? parseWithDuplicateKeys(text, file, options, lineOffset, onWarning) ?? parseYaml(text, options);
  } catch (error) {
    if (error instanceof Error && error.message.includes('Excessive alias count')) {
      throw new BuildError('This YAML repeats aliases (*name) so often that reading it would take all memory; it is refused.', {
        file,
        hint: 'Write the values out, or use far fewer aliases of aliases.',
        cause: error,
      });
    }
    const alias = error instanceof ReferenceError ? /Unresolved alias[^:]*: (.+)$/.exec(error.message) : null;
    if (alias) {
      const at = text.split('\n').findIndex((line) => line.includes(`*${alias[1]}`));
      throw new BuildError(`Invalid YAML: the alias *${alias[1]} names no anchor (&${alias[1]}) set before it.`, {
        file,
        ...(at >= 0 ? { line: at + 1 + lineOffset, column: text.split('\n')[at].indexOf(`*${alias[1]}`) + 1 } : {}),
        hint: 'Set the anchor first (key: &name value), or quote the value if the * is meant as text: "*viktigt*".',
        cause: error,
      });
    }
    if (error instanceof YAMLParseError) {
      const pos = error.linePos?.[0];
      const line = pos ? pos.line + lineOffset : undefined;
      const offending = pos ? text.split('\n')[pos.line - 1] : undefined;
      const excerpt =
        offending !== undefined && pos ? `${line} | ${offending}\n${' '.repeat(String(line).length)} | ${' '.repeat(Math.max(0, pos.col - 1))}^` : undefined;
      const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      throw new BuildError(`Invalid YAML: ${message}`, {
        file,
        line,
        column: pos?.col,
        excerpt,
        hint: yamlHint(offending),
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * Psych lets the last of two equal keys win, silently; so does the yaml library with uniqueKeys off.
 * The same reading, with a warning naming the line of each repeated key. Undefined when the text has
 * errors of another kind (parseYaml then reports them).
 */
function parseWithDuplicateKeys(text: string, file: string, options: YamlOptions, lineOffset: number, onWarning?: (message: string) => void): unknown {
  if (!onWarning) return undefined;
  const document = parseDocument(text, { ...options, uniqueKeys: true, prettyErrors: true });
  if (document.errors.length === 0 || document.errors.some((error) => error.code !== 'DUPLICATE_KEY')) return undefined;
  for (const error of document.errors) {
    const pos = error.linePos?.[0];
    const where = pos ? `${file}:${pos.line + lineOffset}:${pos.col}` : file;
    const key = pos ? (text.split('\n')[pos.line - 1] ?? '').trim().split(':')[0] : '';
    onWarning(`${where}: the key '${key}' appears twice in this YAML; the last one is used, as in Jekyll.`);
  }
  return parseYaml(text, options);
}

function yamlHint(line: string | undefined): string | undefined {
  if (line === undefined) return undefined;
  if (/^\s*[\w-]+:\s*[^"'\s].*:\s/.test(line)) return 'A value that contains ": " must be quoted, e.g. title: "Del 1: Inledning".';
  if (/\t/.test(line)) return 'YAML does not allow tabs for indentation; use spaces.';
  if (/^\s*[\w-]+:\s*["'][^"']*$/.test(line)) return 'A quoted value is missing its closing quote.';
  return undefined;
}

/**
 * Where parsed front matter can be kept between builds, by the digest of the whole file: reading a
 * site is mostly splitting files and parsing their YAML, and a file read before need not be either.
 */
export interface FrontMatterCache {
  get(key: string): string | undefined;
  /** Whether `get` would hit. */
  has(key: string): boolean;
  set(key: string, value: string): void;
}

/** A file's text, hashed: the front matter cache's key, and what the page cache knows a document's source by. */
export function sourceDigest(text: string): string {
  return hash('sha256', text, 'base64url');
}

/** What the cache knows a file's content by without reading it: `fileIdentityKey`. */
export interface FileIdentity {
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

/**
 * The key under which the cache keeps the digest of a file as it was when last read. Any write to a
 * file changes its ctime, which no tool can set back (a copy that keeps the mtime still gets a new
 * one), so a file with the same identity has the same content.
 */
export function fileIdentityKey(relativePath: string, identity: FileIdentity): string {
  return `file\u0000${relativePath}\u0000${identity.ino}\u0000${identity.size}\u0000${identity.mtimeMs}\u0000${identity.ctimeMs}`;
}

/**
 * The front matter of a file unchanged since a build parsed it, from the cache alone; undefined if
 * the cache does not know it. The body is read from the file only if something asks for it: a page
 * the page cache carries over never does. A file saved between the two reads fails the build rather
 * than be rendered from two versions of itself.
 */
export function readUnchangedFile(absolutePath: string, file: string, identity: FileIdentity, timeZone: string, cache: FrontMatterCache): ParsedFile | undefined {
  const digest = cache.get(fileIdentityKey(file, identity));
  if (digest === undefined) return undefined;
  const cached = cache.get(frontMatterCacheKey(timeZone, digest));
  if (cached === undefined) return undefined;
  const { data, bodyStart, bodyLineOffset, frontMatterText } = decodeCachedFrontMatter(cached, timeZone);
  const readBody = bodyReader(absolutePath, file, digest, bodyStart);
  return {
    data,
    get body(): string {
      return readBody();
    },
    bodyLineOffset,
    bodyStart,
    hasFrontMatter: true,
    digest,
    fromCache: true,
    frontMatterText,
  };
}

/**
 * Reads the body of a file known by its digest, once, when first called. A file saved since it was
 * known fails the build rather than be rendered from two versions of itself.
 */
export function bodyReader(absolutePath: string, file: string, digest: string, bodyStart: number): () => string {
  let body: string | undefined;
  return () => {
    if (body === undefined) {
      let text: string;
      try {
        text = readFileSync(absolutePath, 'utf8');
      } catch (error) {
        throw new BuildError(`The file could not be read: ${(error as Error).message}`, { file, cause: error });
      }
      if (sourceDigest(text) !== digest) {
        throw new BuildError('The file changed while the site was being built.', { file, hint: 'Build again (tryck watch does so by itself).' });
      }
      body = withoutBom(text).slice(bodyStart);
    }
    return body;
  };
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** `<body start>,<body line offset>,<front matter as JSON>` */
function decodeCachedFrontMatter(cached: string, timeZone: string): { data: Record<string, unknown>; bodyStart: number; bodyLineOffset: number; frontMatterText: string } {
  const first = cached.indexOf(',');
  const second = cached.indexOf(',', first + 1);
  const frontMatterText = cached.slice(second + 1);
  return {
    data: reviveFrontMatter(frontMatterText, timeZone),
    frontMatterText,
    bodyStart: Number(cached.slice(0, first)),
    bodyLineOffset: Number(cached.slice(first + 1, second)),
  };
}

/** The key a file's parsed front matter is kept under: its digest, read in the site's zone. */
export function frontMatterCacheKey(timeZone: string, digest: string): string {
  return `${timeZone}\u0000${digest}`;
}

/**
 * Splits a file into front matter and body and reads the YAML. With a cache, a file read before is
 * neither split nor parsed again: its body is cut where it was cut last time. Given the file's
 * `identity` on disk, the cache also learns the file's digest, for readUnchangedFile next time.
 */
export function parseFrontMatter(text: string, file: string, timeZone: string, cache?: FrontMatterCache, identity?: FileIdentity, onWarning?: (message: string) => void): ParsedFile {
  const digest = sourceDigest(text);
  const source = withoutBom(text);
  if (!hasFrontMatter(source)) {
    return { data: {}, body: source, bodyLineOffset: 0, bodyStart: 0, hasFrontMatter: false, digest };
  }
  if (cache && identity) {
    const identityKey = fileIdentityKey(file, identity);
    if (cache.get(identityKey) !== digest) cache.set(identityKey, digest);
  }
  const key = cache ? frontMatterCacheKey(timeZone, digest) : '';
  const cached = cache?.get(key);
  if (cached !== undefined) {
    const { data, bodyStart, bodyLineOffset, frontMatterText } = decodeCachedFrontMatter(cached, timeZone);
    return { data, body: source.slice(bodyStart), bodyLineOffset, bodyStart, hasFrontMatter: true, digest, fromCache: true, frontMatterText };
  }
  // Jekyll: an opening `---` without a closing fence leaves the whole file as content, and no front matter.
  const split = splitFrontMatter(source);
  if (!split) {
    onWarning?.(`${file}:1:1: The front matter that starts on line 1 is never closed, so Jekyll reads the whole file as text; end it with a line of three dashes, '---'.`);
  }
  // The YAML after the opening `---`, so that YAML line 1 is file line 1.
  const value = split ? parseJekyllYaml(detached(split.yaml), file, timeZone, 0, onWarning) : undefined;
  if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
    throw new BuildError('Front matter must be a set of "key: value" lines.', { file, line: 2 });
  }
  const data = (value ?? {}) as Record<string, unknown>;
  const bodyStart = split?.bodyStart ?? 0;
  const body = source.slice(bodyStart);
  const bodyLineOffset = countLines(source, bodyStart);
  const encoded = cache ? encodeFrontMatter(data) : undefined;
  if (encoded !== undefined) cache!.set(key, `${bodyStart},${bodyLineOffset},${encoded}`);
  return { data, body, bodyLineOffset, bodyStart, hasFrontMatter: true, digest, ...(encoded !== undefined ? { frontMatterText: encoded } : {}) };
}

/**
 * Jekyll's Document::YAML_FRONT_MATTER_REGEXP, `\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)` in Ruby's
 * multiline mode: the closing fence is `---` or `...`, and Ruby's `\s*$\n?` after it also takes every
 * blank line that follows (a feed's `<?xml` stays the first thing in the file). Ruby's `^`, `$` and
 * `\s` are spelled out, as JavaScript's differ (Unicode spaces, `\r` as a line end).
 */
const FRONT_MATTER = /^(---[ \t\n\v\f\r]*\n[\s\S]*?\n?)(?<=\n)(?:---|\.\.\.)[ \t\n\v\f\r]*(?=\n|$)\n?/;

/** The YAML text after the opening `---` and where the body starts, or undefined when no closing fence matches. */
export function splitFrontMatter(source: string): { yaml: string; bodyStart: number } | undefined {
  const match = FRONT_MATTER.exec(source);
  if (!match) return undefined;
  return { yaml: match[1].slice(3), bodyStart: match[0].length };
}

/** How many line feeds `text` has before `end`. */
function countLines(text: string, end: number): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < end; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

/**
 * A copy of `text` that shares no memory with the file it was cut from. V8 makes a substring a view
 * of its parent, so a title read from the front matter would hold its whole file (most of 12 KB, as
 * one typographic dash makes the file's string two bytes a character) for the rest of the build.
 */
function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

const TIME = '\u0000t';
const DATE = '\u0000d';

/** JSON for parsed front matter, with its dates tagged; undefined when it holds something else JSON cannot keep. */
export function encodeFrontMatter(data: Record<string, unknown>): string | undefined {
  const tagged = tagDates(data);
  return tagged === undefined ? undefined : JSON.stringify(tagged);
}

/**
 * A copy of `value` that JSON keeps exactly, its dates tagged (reviveDates turns them back); undefined
 * when it holds something JSON would lose or change: a class instance, a function, NaN, -0, undefined.
 */
export function tagDates(value: unknown): unknown {
  let representable = true;
  const encode = (value: unknown): unknown => {
    if (value instanceof JekyllDate) return { [DATE]: [value.year, value.month, value.day] };
    if (value instanceof Date) return { [TIME]: value.getTime() };
    if (Array.isArray(value)) return value.map(encode);
    if (value !== null && typeof value === 'object') {
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
        representable = false;
        return null;
      }
      const copy: Record<string, unknown> = Object.create(null);
      for (const key of Object.keys(value)) copy[key] = encode((value as Record<string, unknown>)[key]);
      return copy;
    }
    if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))) representable = false;
    if (value === undefined || typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') representable = false;
    return value;
  };
  const tagged = encode(value);
  return representable ? tagged : undefined;
}

/** Where tagDates tagged a date in `tagged`: paths of keys and indexes, for reviveDatesAt. */
export function taggedDatePaths(tagged: unknown, at: Array<string | number> = [], paths: Array<Array<string | number>> = []): Array<Array<string | number>> {
  if (tagged === null || typeof tagged !== 'object') return paths;
  if (Array.isArray(tagged)) {
    tagged.forEach((item, i) => taggedDatePaths(item, [...at, i], paths));
    return paths;
  }
  if (TIME in tagged || DATE in tagged) paths.push(at);
  else for (const key of Object.keys(tagged)) taggedDatePaths((tagged as Record<string, unknown>)[key], [...at, key], paths);
  return paths;
}

/**
 * As reviveDates, but only at the paths taggedDatePaths gave: a document's data has a date or two
 * among some 30 values, and walking all of them for 4000 posts took 9 ms of an edited build.
 */
export function reviveDatesAt(value: Record<string, unknown>, paths: ReadonlyArray<ReadonlyArray<string | number>>, timeZone: string): Record<string, unknown> {
  for (const at of paths) {
    if (at.length === 0) continue;
    let parent: unknown = value;
    for (let i = 0; i < at.length - 1 && parent !== null && typeof parent === 'object'; i++) parent = (parent as Record<string | number, unknown>)[at[i]];
    if (parent === null || typeof parent !== 'object') continue;
    const key = at[at.length - 1];
    const revived = reviveDates((parent as Record<string | number, unknown>)[key], timeZone);
    Object.defineProperty(parent, key, { value: revived, writable: true, enumerable: true, configurable: true });
  }
  return value;
}

export function reviveFrontMatter(json: string, timeZone: string): Record<string, unknown> {
  // A walk after a plain parse: JSON.parse with a reviver calls it for every value, and took most
  // of reading a 4000-post site from the cache.
  return reviveDates(JSON.parse(json), timeZone) as Record<string, unknown>;
}

/** Turns the dates tagDates tagged back into JekyllDate and JekyllTime values, in place. */
export function reviveDates(value: unknown, timeZone: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = reviveDates(value[i], timeZone);
    return value;
  }
  const tagged = value as Record<string, unknown>;
  if (TIME in tagged) return new JekyllTime(tagged[TIME] as number, timeZone);
  if (DATE in tagged) {
    const [year, month, day] = tagged[DATE] as number[];
    return new JekyllDate(year, month, day, timeZone);
  }
  for (const key of Object.keys(tagged)) {
    const revived = reviveDates(tagged[key], timeZone);
    // Defined, not assigned: a key named __proto__ stays a key, as JSON.parse made it.
    if (revived !== tagged[key]) Object.defineProperty(tagged, key, { value: revived, writable: true, enumerable: true, configurable: true });
  }
  return tagged;
}

/** Whether a file starts with a front matter fence, from its first bytes only. */
export function startsWithFrontMatter(file: string): boolean {
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    return hasFrontMatter(head.subarray(0, readSync(fd, head, 0, head.length, 0)).toString('latin1'));
  } finally {
    closeSync(fd);
  }
}
