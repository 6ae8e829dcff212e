/**
 * Jekyll's and Ruby Liquid's string filters where liquidjs differs or has none: `number_of_words`,
 * `xml_escape`, `normalize_whitespace`, `strip_html`, `truncate`, `truncatewords`, `inspect`,
 * `jsonify`, `to_integer`, `markdownify`, `size` and `divided_by`.
 *
 * Ruby counts string length in characters (code points) where JavaScript counts UTF-16 units, and
 * Ruby's `\s` and `split` know only ASCII whitespace; both matter for emoji and for U+00A0/U+3000.
 */
import { timeOfDate, isRubyTimeLike, formatRubyTime } from './ruby-time.ts';
import { isPlainObject, RubyFloat, rubyInspect, rubyToS, unwrap } from './ruby-values.ts';

/** Ruby's ASCII whitespace (`\s`, String#split's awk mode, String#strip). */
const WS = ' \\t\\n\\v\\f\\r';
const WS_RUN = new RegExp(`[${WS}]+`, 'g');

/** Ruby's `str.split` with no pattern: split on whitespace runs, leading whitespace ignored. */
export function rubySplitWords(s: string, limit?: number): string[] {
  const words: string[] = [];
  let rest = s.replace(new RegExp(`^[${WS}]+`), '');
  while (rest !== '') {
    if (limit !== undefined && words.length === limit - 1) {
      words.push(rest);
      break;
    }
    const m = new RegExp(`[${WS}]+`).exec(rest);
    if (!m) {
      words.push(rest);
      break;
    }
    words.push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
  }
  return words;
}

const CJK = '\\p{Script=Han}\\p{Script=Katakana}\\p{Script=Hiragana}\\p{Script=Hangul}';

/**
 * `number_of_words`: whitespace-separated words; with "cjk" every Han/Kana/Hangul character counts
 * as a word too; "auto" does that only when the text has any CJK character.
 */
export function numberOfWords(input: unknown, mode?: unknown): number {
  const s = rubyToS(input);
  const cjkCount = (s.match(new RegExp(`[${CJK}]`, 'gu')) ?? []).length;
  const otherWords = (): number => (s.match(new RegExp(`[^${CJK}${WS}]+`, 'gu')) ?? []).length;
  if (mode === 'cjk') return cjkCount + otherWords();
  if (mode === 'auto') return cjkCount === 0 ? rubySplitWords(s).length : cjkCount + otherWords();
  return rubySplitWords(s).length;
}

const XML_ATTR_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `escape`: Ruby's CGI.escapeHTML, which writes `&quot;` (liquidjs's own writes `&#34;`). nil stays nil. */
export function escapeHtml(input: unknown): string | null {
  const value = unwrap(input);
  if (value === null || value === undefined) return null;
  return rubyToS(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** `escape_once`: as escape, but entities already there stay: named and decimal ones, not hex (Liquid's HTML_ESCAPE_ONCE_REGEXP). */
export function escapeOnce(input: unknown): string {
  return rubyToS(input).replace(/["><']|&(?!(?:[a-zA-Z]+|#\d+);)/g, (c) => HTML_ESCAPES[c]);
}

/** `xml_escape`: Ruby's `encode(xml: :attr)` (& < > " ') without the quotes it wraps around. */
export function xmlEscape(input: unknown): string {
  return rubyToS(input).replace(/[&<>"']/g, (c) => XML_ATTR_ESCAPES[c] ?? c);
}

/** `normalize_whitespace`: whitespace runs → one space, then strip. */
export function normalizeWhitespace(input: unknown): string {
  return rubyToS(input).replace(WS_RUN, ' ').replace(new RegExp(`^[${WS}\\0]+|[${WS}\\0]+$`, 'g'), '');
}

/** `strip_html`: script/style blocks and comments go with their content, then every tag. */
export function stripHtml(input: unknown): string {
  return rubyToS(input)
    .replace(/<script.*?<\/script>|<!--.*?-->|<style.*?<\/style>/gs, '')
    .replace(/<.*?>/gs, '');
}

/** Liquid's `Utils.to_integer` for filter arguments: integers pass, strings must be integers. */
export function liquidToInteger(value: unknown): number {
  const v = unwrap(value);
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  const s = rubyToS(v);
  // Ruby's Integer("…") accepts surrounding whitespace, a sign and underscores between digits.
  if (/^[ \t\n\v\f\r]*[+-]?\d+(?:_\d+)*[ \t\n\v\f\r]*$/.test(s)) return Number(s.trim().replace(/_/g, ''));
  throw new Error('Liquid error: invalid integer');
}

/**
 * `truncate`: counts characters (code points) and includes the ellipsis in the length; liquidjs
 * counts UTF-16 units. A length shorter than the ellipsis gives the ellipsis alone.
 */
export function truncate(input: unknown, length: unknown = 50, ellipsis: unknown = '...'): string | undefined {
  const v = unwrap(input);
  if (v === null || v === undefined) return undefined;
  const chars = Array.from(rubyToS(v));
  const max = liquidToInteger(length);
  const tail = rubyToS(ellipsis);
  const keep = Math.max(max - Array.from(tail).length, 0);
  return chars.length > max ? chars.slice(0, keep).join('') + tail : chars.join('');
}

/**
 * `truncatewords`: Ruby's `split(" ", n + 1)` then joins the first n with single spaces; a count of
 * 0 or less means 1 (liquidjs differs), and text with n words or fewer comes back untouched,
 * original whitespace included.
 */
export function truncatewords(input: unknown, words: unknown = 15, ellipsis: unknown = '...'): string | undefined {
  const v = unwrap(input);
  if (v === null || v === undefined) return undefined;
  const s = rubyToS(v);
  let n = liquidToInteger(words);
  if (n <= 0) n = 1;
  const list = rubySplitWords(s, n + 1);
  if (list.length <= n) return s;
  list.pop();
  return list.join(' ') + rubyToS(ellipsis);
}

/** `inspect`: Ruby's `inspect`, XML-escaped. */
export function inspectFilter(input: unknown, timeZone = 'UTC'): string {
  return xmlEscape(rubyInspect(input, timeZone));
}

/** Jekyll's `as_liquid` then `to_json`; Times become their `to_s` text, in the site's zone. */
function asJsonValue(value: unknown, timeZone: string, seen: Set<unknown>): unknown {
  const v = unwrap(value);
  if (v === undefined || v === null) return null;
  if (v instanceof Date) return formatRubyTime(timeOfDate(v, timeZone));
  if (isRubyTimeLike(v)) return formatRubyTime(v);
  if (v instanceof RubyFloat) return v.value;
  if (typeof v !== 'object') return typeof v === 'number' && !Number.isFinite(v) ? null : v;
  if (seen.has(v)) throw new Error('Liquid error: jsonify: circular structure');
  seen.add(v);
  try {
    if (Array.isArray(v)) return v.map((x) => asJsonValue(x, timeZone, seen));
    const out: Record<string, unknown> = {};
    const entries = isPlainObject(v) ? Object.entries(v) : [];
    for (const [k, x] of entries) {
      if (typeof x === 'function') continue;
      out[k] = asJsonValue(x, timeZone, seen);
    }
    return out;
  } finally {
    seen.delete(v);
  }
}

/** `jsonify`: compact JSON, non-ASCII as is, "/" and "<" not escaped (Ruby's JSON defaults). */
export function jsonify(input: unknown, timeZone = 'UTC'): string {
  return JSON.stringify(asJsonValue(input, timeZone, new Set()));
}

/**
 * Jekyll's `to_integer`: true → 1, false → 0, else Ruby's `to_i` (strings: leading integer or 0,
 * floats truncated, nil → 0, Times → epoch seconds).
 */
export function toInteger(input: unknown, timeZone = 'UTC'): number {
  const v = unwrap(input);
  if (v === true) return 1;
  if (v === false) return 0;
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number' || v instanceof RubyFloat) return Math.trunc(Number(v));
  if (v instanceof Date) return Math.floor(v.getTime() / 1000);
  if (isRubyTimeLike(v)) return Math.floor(v.epochMs / 1000);
  if (typeof v === 'string') {
    const m = /^[ \t\n\v\f\r]*([+-]?\d+(?:_\d+)*)/.exec(v);
    return m ? Number(m[1].replace(/_/g, '')) : 0;
  }
  throw new Error(`Liquid error: undefined method \`to_i' for ${rubyInspect(v, timeZone)}`);
}

/**
 * Ruby Liquid's `size`: a string's length in characters, an array's or hash's count, and
 * `Integer#size` (8, its width in bytes — a Ruby quirk); 0 for everything else.
 */
export function size(input: unknown): number {
  const v = unwrap(input);
  if (typeof v === 'string') return Array.from(v).length;
  if (Array.isArray(v)) return v.length;
  if (typeof v === 'number') return Number.isInteger(v) ? 8 : 0;
  if (v !== null && typeof v === 'object' && !(v instanceof Date) && !(v instanceof RubyFloat)) {
    const own = (v as { size?: unknown }).size;
    if (typeof own === 'number') return own;
    return Object.keys(v).length;
  }
  return 0;
}

/** Liquid's `Utils.to_number`, remembering whether Ruby would have a Float. */
function toRubyNumber(value: unknown, literalIsFloat = false): { n: number; float: boolean } {
  const v = unwrap(value);
  if (v instanceof RubyFloat) return { n: v.value, float: true };
  if (typeof v === 'number') return { n: v, float: literalIsFloat || !Number.isInteger(v) };
  if (typeof v === 'string') {
    const s = v.trim();
    if (/^-?\d+\.\d+$/.test(s)) return { n: Number(s), float: true };
    const m = /^[+-]?\d+(?:_\d+)*/.exec(s); // String#to_i
    return { n: m ? Number(m[0].replace(/_/g, '')) : 0, float: false };
  }
  return { n: 0, float: false };
}

/**
 * `divided_by`: Ruby's Integer division when both sides are Integers (rounding toward negative
 * infinity: -7 / 2 = -4), a Float otherwise; liquidjs always divides as floats.
 * `operandIsFloatLiteral` says the argument was written as a float literal (`10.0`), which
 * liquidjs has already turned into the integral number 10.
 */
export function dividedBy(input: unknown, operand: unknown, operandIsFloatLiteral = false): number | RubyFloat {
  const a = toRubyNumber(input);
  const b = toRubyNumber(operand, operandIsFloatLiteral);
  if (!a.float && !b.float) {
    if (b.n === 0) throw new Error('Liquid error: divided by 0');
    return Math.floor(a.n / b.n);
  }
  // Liquid 5 computes Floats as BigDecimal, so float division by zero raises as well.
  if (b.n === 0) throw new Error('Liquid error: divided by 0');
  return new RubyFloat(a.n / b.n);
}

/** `markdownify`: hands `input.to_s` to the site's Markdown converter. */
export function markdownify(input: unknown, convert: ((markdown: string) => string) | undefined): string {
  if (!convert) throw new Error('markdownify: no Markdown converter was given to registerJekyllFilters');
  return convert(rubyToS(input));
}
