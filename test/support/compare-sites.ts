/**
 * Compares two built sites (tryck's output and Jekyll's golden `_site`) file by file.
 *
 * - The file sets must be equal: a file on one side only is a different URL set.
 * - `.html`/`.htm` files are compared as trees with `canonicalHtml`.
 * - `.xml` files (feed, sitemap) are compared as XML trees with `canonicalXml` below; text of
 *   Atom elements with `type="html"` (entry content, summary, titles) is itself compared as HTML.
 * - `.css` files and their `.css.map` source maps are compared as `canonicalCss`/`canonicalSourceMap`
 *   (the oracle's Sass compiler is libsass, tryck's dart-sass).
 * - Everything else must be byte-identical.
 *
 * Values Jekyll takes from the clock cannot match; `DEFAULT_NORMALISERS` lists the only ones
 * the fixtures produce (the feed's top-level `<updated>`, which is `site.time`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, extname } from 'node:path';
import { canonicalHtml } from './html-tree.ts';
import { canonicalCss, canonicalSourceMap } from './canonical-css.ts';

export type FileStatus = 'same' | 'only-in-ours' | 'only-in-jekyll' | 'different';

export interface FileComparison {
  /** Path relative to the site root, with `/` separators (the URL path, unescaped). */
  path: string;
  status: FileStatus;
  /** For `different`: a short diff of the canonical forms (`-` Jekyll, `+` ours). */
  diff?: string;
}

/** Rewrites the canonical form of one file, on both sides, before they are compared. */
export type Normaliser = (path: string, canonical: string) => string;

export interface CompareOptions {
  /** Default: `DEFAULT_NORMALISERS`. Pass `[]` for a strict comparison. */
  normalisers?: Normaliser[];
}

const XML_SCHEMA_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;

/**
 * jekyll-feed writes `<updated>{{ site.time | date_to_xmlschema }}</updated>` as a direct child
 * of `<feed>`: the build time. Entries' `<updated>` come from post dates and stay compared.
 * Only a well-formed timestamp is replaced, so a missing or malformed one still fails.
 */
export const normaliseFeedBuildTime: Normaliser = (path, canonical) => {
  if (!/(^|\/)feed\.xml$/.test(path)) return canonical;
  // In the canonical form, children of the root <feed> are indented two spaces and their text four;
  // entries' <updated> sit deeper, so this matches the feed's own <updated> only.
  return canonical.replace(/^  <updated>\n    "([^"\n]*)"$/m, (whole, time: string) =>
    XML_SCHEMA_TIME.test(time) ? '  <updated>\n    "<build time>"' : whole,
  );
};

export const DEFAULT_NORMALISERS: readonly Normaliser[] = [normaliseFeedBuildTime];

/** Every file of both sites, sorted by path, with its status. */
export function compareSiteFiles(oursDir: string, jekyllDir: string, options: CompareOptions = {}): FileComparison[] {
  const normalisers = options.normalisers ?? DEFAULT_NORMALISERS;
  const ours = new Set(listFiles(oursDir));
  const jekyll = new Set(listFiles(jekyllDir));
  const all = [...new Set([...ours, ...jekyll])].sort();
  return all.map((path): FileComparison => {
    if (!jekyll.has(path)) return { path, status: 'only-in-ours' };
    if (!ours.has(path)) return { path, status: 'only-in-jekyll' };
    const diff = compareFile(path, readFileSync(join(oursDir, path)), readFileSync(join(jekyllDir, path)), normalisers);
    return diff === undefined ? { path, status: 'same' } : { path, status: 'different', diff };
  });
}

/** The differences between two sites as readable strings; empty when they match. */
export function compareSites(oursDir: string, jekyllDir: string, options: CompareOptions = {}): string[] {
  return compareSiteFiles(oursDir, jekyllDir, options)
    .filter((file) => file.status !== 'same')
    .map(describeComparison);
}

export function describeComparison(file: FileComparison): string {
  switch (file.status) {
    case 'same':
      return `${file.path}: same`;
    case 'only-in-ours':
      return `${file.path}: only in tryck's output (Jekyll does not write this file)`;
    case 'only-in-jekyll':
      return `${file.path}: missing from tryck's output (Jekyll writes it)`;
    case 'different':
      return `${file.path}: differs (- Jekyll, + tryck)\n${file.diff ?? ''}`;
  }
}

/** Relative paths of all files under `dir`, `/`-separated, sorted. Symlinks count as files. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk('');
  return out.sort();
}

/** `undefined` when equal, else a short diff. */
function compareFile(path: string, ours: Buffer, jekyll: Buffer, normalisers: readonly Normaliser[]): string | undefined {
  const kind = fileKind(path);
  if (kind === 'bytes') {
    if (ours.equals(jekyll)) return undefined;
    if (isText(ours) && isText(jekyll)) return lineDiff(jekyll.toString('utf8'), ours.toString('utf8'));
    return `  binary files differ: Jekyll ${jekyll.length} bytes, tryck ${ours.length} bytes${firstDifferentByte(jekyll, ours)}`;
  }
  if (ours.equals(jekyll)) return undefined;
  const canonical = (buffer: Buffer): string => {
    const text = buffer.toString('utf8');
    let form: string;
    try {
      form = kind === 'html' ? canonicalHtml(text) : kind === 'css' ? canonicalCss(text) : kind === 'map' ? canonicalSourceMap(text) : canonicalXml(text);
    } catch (error) {
      form = `(could not parse: ${(error as Error).message})\n${text}`;
    }
    return normalisers.reduce((acc, normalise) => normalise(path, acc), form);
  };
  const a = canonical(jekyll);
  const b = canonical(ours);
  return a === b ? undefined : lineDiff(a, b);
}

function fileKind(path: string): 'html' | 'xml' | 'css' | 'map' | 'bytes' {
  const ext = extname(path).toLowerCase();
  if (ext === '.css') return 'css';
  if (path.endsWith('.css.map')) return 'map';
  if (ext === '.html' || ext === '.htm') return 'html';
  if (ext === '.xml') return 'xml';
  return 'bytes';
}

function isText(buffer: Buffer): boolean {
  if (buffer.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return true;
  } catch {
    return false;
  }
}

function firstDifferentByte(a: Buffer, b: Buffer): string {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return `, first difference at byte ${i}`;
  return '';
}

// ---------------------------------------------------------------------------------------------
// XML

/**
 * A canonical form of an XML document, one node per line like `canonicalHtml`: attributes sorted
 * and entity-decoded, CDATA merged into text, whitespace runs in text collapsed, whitespace-only
 * text dropped. The text of an element with `type="html"` (Atom) is canonicalised as HTML.
 * Deliberately small: no DTDs, no namespaces resolution (prefixes are compared as written).
 */
export function canonicalXml(xml: string): string {
  const root: XmlElement = { name: '#root', attributes: [], children: [] };
  const stack: XmlElement[] = [root];
  const top = (): XmlElement => stack[stack.length - 1];
  const token = /<\?([\s\S]*?)\?>|<!--([\s\S]*?)-->|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<\/\s*([^\s>]+)\s*>|<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  let last = 0;
  const addText = (value: string, cdata: boolean): void => {
    if (value) top().children.push({ text: cdata ? value : decodeEntities(value) });
  };
  for (let match = token.exec(xml); match; match = token.exec(xml)) {
    addText(xml.slice(last, match.index), false);
    last = token.lastIndex;
    const [, pi, comment, cdata, close, open, attributes, selfClosing] = match;
    if (pi !== undefined) top().children.push({ pi: pi.replace(/\s+/g, ' ').trim() });
    else if (comment !== undefined) top().children.push({ comment: comment.trim() });
    else if (cdata !== undefined) addText(cdata, true);
    else if (close !== undefined) {
      if (top().name !== close) throw new Error(`</${close}> closes <${top().name}> at offset ${match.index}`);
      stack.pop();
    } else if (open !== undefined) {
      const element: XmlElement = { name: open, attributes: parseAttributes(attributes ?? ''), children: [] };
      top().children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  addText(xml.slice(last), false);
  if (stack.length > 1) throw new Error(`<${top().name}> is not closed`);
  const lines: string[] = [];
  for (const child of root.children) writeXml(child, 0, lines);
  return lines.join('\n');
}

interface XmlElement {
  name: string;
  attributes: [string, string][];
  children: XmlNode[];
}
type XmlNode = XmlElement | { text: string } | { comment: string } | { pi: string };

function parseAttributes(source: string): [string, string][] {
  const out: [string, string][] = [];
  for (const m of source.matchAll(/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out.push([m[1], decodeEntities(m[2] ?? m[3] ?? '')]);
  }
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[lower] ?? whole;
  });
}

function writeXml(node: XmlNode, depth: number, lines: string[]): void {
  const pad = '  '.repeat(depth);
  if ('pi' in node) {
    lines.push(`${pad}<?${node.pi}?>`);
  } else if ('comment' in node) {
    lines.push(`${pad}<!--${node.comment}-->`);
  } else if ('text' in node) {
    const text = node.text.replace(/\s+/g, ' ').trim();
    if (text) lines.push(`${pad}${JSON.stringify(text)}`);
  } else {
    const attributes = node.attributes.map(([key, value]) => ` ${key}=${JSON.stringify(value)}`).join('');
    lines.push(`${pad}<${node.name}${attributes}>`);
    const isHtml = node.attributes.some(([key, value]) => key === 'type' && value === 'html');
    if (isHtml && node.children.every((child) => 'text' in child)) {
      const html = node.children.map((child) => ('text' in child ? child.text : '')).join('');
      const canonical = canonicalHtml(html, { document: false });
      if (canonical) lines.push(...canonical.split('\n').map((line) => `${pad}  ${line}`));
      return;
    }
    // Merge adjacent text/CDATA so `a<![CDATA[b]]>` equals `ab`.
    const merged: XmlNode[] = [];
    for (const child of node.children) {
      const previous = merged[merged.length - 1];
      if ('text' in child && previous && 'text' in previous) merged[merged.length - 1] = { text: previous.text + child.text };
      else merged.push(child);
    }
    for (const child of merged) writeXml(child, depth + 1, lines);
  }
}

// ---------------------------------------------------------------------------------------------
// Diff

const CONTEXT = 2;
const MAX_DIFF_LINES = 60;

/** A unified-style line diff of `a` (Jekyll, `-`) and `b` (ours, `+`), shortened to the hunks. */
export function lineDiff(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  // Trim the common head and tail so the LCS table stays small.
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  const xs = x.slice(head, x.length - tail);
  const ys = y.slice(head, y.length - tail);
  let ops: { op: ' ' | '-' | '+'; line: string }[];
  if (xs.length * ys.length > 4_000_000) {
    ops = [...xs.map((line) => ({ op: '-' as const, line })), ...ys.map((line) => ({ op: '+' as const, line }))];
  } else {
    const lcs: Uint32Array[] = Array.from({ length: xs.length + 1 }, () => new Uint32Array(ys.length + 1));
    for (let i = xs.length - 1; i >= 0; i--) {
      for (let j = ys.length - 1; j >= 0; j--) {
        lcs[i][j] = xs[i] === ys[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    ops = [];
    let i = 0;
    let j = 0;
    while (i < xs.length || j < ys.length) {
      if (i < xs.length && j < ys.length && xs[i] === ys[j]) {
        ops.push({ op: ' ', line: xs[i] });
        i++;
        j++;
      } else if (i < xs.length && (j >= ys.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.push({ op: '-', line: xs[i] });
        i++;
      } else {
        ops.push({ op: '+', line: ys[j] });
        j++;
      }
    }
  }
  const before = x.slice(Math.max(0, head - CONTEXT), head).map((line) => `   ${line}`);
  const after = x.slice(x.length - tail, x.length - tail + CONTEXT).map((line) => `   ${line}`);
  // Keep changed lines and CONTEXT lines around them.
  const keep = ops.map((_entry, index) =>
    ops.slice(Math.max(0, index - CONTEXT), index + CONTEXT + 1).some((near) => near.op !== ' '),
  );
  const body: string[] = [];
  ops.forEach((entry, index) => {
    if (keep[index]) body.push(` ${entry.op} ${entry.line}`);
    else if (keep[index - 1]) body.push('   …');
  });
  const lines = [`  @@ line ${head + 1} of Jekyll's canonical form @@`, ...before, ...body, ...after];
  if (lines.length > MAX_DIFF_LINES) {
    return [...lines.slice(0, MAX_DIFF_LINES), `  … ${lines.length - MAX_DIFF_LINES} more lines`].join('\n');
  }
  return lines.join('\n');
}
