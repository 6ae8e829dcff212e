/**
 * How Ruby (and Ruby Liquid) turns values into text, compares them and decides truth.
 *
 * Jekyll's filters lean on Ruby's `to_s`, `inspect` and `<=>` all the time (`group_by` names are
 * `to_s` of the property, `inspect` prints `{"a"=>1}`, `where` compares `to_s` forms), so the
 * filters here need the same conversions on the JavaScript values liquidjs hands them.
 *
 * Numbers: JavaScript has one number type, Ruby has Integer and Float. An integral JS number is
 * treated as an Integer (so YAML `4.0` prints as `4`, not Ruby's `4.0` — a known difference);
 * a non-integral one as a Float. {@link RubyFloat} marks values we *know* are Floats (e.g. Jekyll's
 * `parse_sort_input` turning the string "2.50" into 2.5, whose `to_s` is "2.5").
 */
import { Drop } from 'liquidjs';
import { formatRubyTime, isRubyTimeLike, timeOfDate } from './ruby-time.ts';

/**
 * A number that Ruby holds as a Float even when integral (`5.0.to_s` is "5.0").
 *
 * Filters may return it to liquidjs: output uses `toString` ("3.0"), arithmetic filters use
 * `valueOf` (liquidjs's toNumber is `+value`), JSON uses `toJSON`, and the comparison methods
 * make liquidjs's `==`, `<`, … treat it as its number (liquidjs duck-types "Comparable").
 */
export class RubyFloat {
  constructor(readonly value: number) {}
  toString(): string {
    return rubyFloatToS(this.value);
  }
  valueOf(): number {
    return this.value;
  }
  toJSON(): number {
    return this.value;
  }
  equals(other: unknown): boolean {
    const o = unwrap(other);
    return (typeof o === 'number' || o instanceof RubyFloat) && Number(o) === this.value;
  }
  gt(other: unknown): boolean {
    return this.value > Number(unwrap(other));
  }
  geq(other: unknown): boolean {
    return this.value >= Number(unwrap(other));
  }
  lt(other: unknown): boolean {
    return this.value < Number(unwrap(other));
  }
  leq(other: unknown): boolean {
    return this.value <= Number(unwrap(other));
  }
}

/** Ruby's Float#to_s: shortest round-trip digits, always with a fraction, exponent past 1e16. */
export function rubyFloatToS(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(x);
  if (abs >= 1e16 || abs < 1e-4) {
    // Ruby: 1.0e+20, 1.5e-05 (mantissa always has a fraction, exponent at least two digits).
    const [mantissa, exponent] = x.toExponential().split('e');
    const m = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
    const sign = exponent.startsWith('-') ? '-' : '+';
    const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
    return `${m}e${sign}${digits}`;
  }
  const s = String(x);
  return Number.isInteger(x) ? `${s}.0` : s;
}

/** Unwraps liquidjs Drops that stand for a primitive (their valueOf) and `toLiquid` objects. */
export function unwrap(value: unknown): unknown {
  let v = value;
  for (let i = 0; i < 8; i++) {
    if (v !== null && typeof v === 'object' && typeof (v as { toLiquid?: unknown }).toLiquid === 'function') {
      const next = (v as { toLiquid: () => unknown }).toLiquid();
      if (next === v) break;
      v = next;
      continue;
    }
    if (v instanceof Drop && typeof (v as { valueOf?: unknown }).valueOf === 'function') {
      const next: unknown = (v as { valueOf: () => unknown }).valueOf();
      if (next === v) break;
      v = next;
      continue;
    }
    break;
  }
  return v;
}

/**
 * liquidjs evaluates the literals `empty` and `blank` to EmptyDrop/BlankDrop instances (not
 * exported by liquidjs). Ruby Liquid passes them to filters as MethodLiterals whose `to_s` is "".
 */
export function isEmptyOrBlankLiteral(value: unknown): boolean {
  if (!(value instanceof Drop)) return false;
  const name = value.constructor.name;
  return name === 'EmptyDrop' || name === 'BlankDrop';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
    && !(value instanceof RubyFloat);
}

/** Ruby's `to_s` of a Liquid value: nil → "", arrays and hashes → their `inspect`. */
export function rubyToS(value: unknown, timeZone = 'UTC'): string {
  const v = unwrap(value);
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : rubyFloatToS(v);
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof RubyFloat) return v.toString();
  if (v instanceof Date) return formatRubyTime(timeOfDate(v, timeZone));
  if (isRubyTimeLike(v)) return formatRubyTime(v);
  if (Array.isArray(v) || typeof v === 'object') return rubyInspect(v, timeZone);
  return String(v);
}

/** Ruby's String#inspect: double quotes, backslash escapes, printable Unicode kept as is. */
export function rubyInspectString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '\n': out += '\\n'; break;
      case '\t': out += '\\t'; break;
      case '\r': out += '\\r'; break;
      case '\f': out += '\\f'; break;
      case '\v': out += '\\v'; break;
      case '\b': out += '\\b'; break;
      case '\x07': out += '\\a'; break;
      case '\x1b': out += '\\e'; break;
      case '#': {
        // Ruby escapes "#" only where it would start an interpolation: #{ #$ #@.
        out += '#';
        break;
      }
      default:
        if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`;
        else out += ch;
    }
  }
  out = out.replace(/#(?=[{$@])/g, '\\#');
  return `${out}"`;
}

/** Ruby's `inspect` (Ruby 3.1 syntax: `{"a"=>1, "b"=>nil}`, `["x", 2]`). */
export function rubyInspect(value: unknown, timeZone = 'UTC'): string {
  const v = unwrap(value);
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return rubyInspectString(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : rubyFloatToS(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof RubyFloat) return v.toString();
  if (v instanceof Date) return formatRubyTime(timeOfDate(v, timeZone));
  if (isRubyTimeLike(v)) return formatRubyTime(v);
  if (Array.isArray(v)) return `[${v.map((x) => rubyInspect(x, timeZone)).join(', ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    return `{${entries.map(([k, x]) => `${rubyInspectString(k)}=>${rubyInspect(x, timeZone)}`).join(', ')}}`;
  }
  return String(v);
}

/** Ruby Liquid truthiness: only nil and false are false ("" and 0 are true). */
export function isRubyTruthy(value: unknown): boolean {
  const v = unwrap(value);
  return v !== null && v !== undefined && v !== false;
}

/** Compares strings the way Ruby does: by bytes of UTF-8, i.e. by code point, not UTF-16 unit. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

function numeric(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (v instanceof RubyFloat) return v.value;
  return undefined;
}

/**
 * Ruby's `<=>`: a number for comparable pairs, `null` where Ruby returns nil (incomparable,
 * e.g. a String with an Integer, or anything with nil except nil itself).
 */
export function rubySpaceship(a: unknown, b: unknown): number | null {
  const x = unwrap(a);
  const y = unwrap(b);
  const nx = numeric(x);
  const ny = numeric(y);
  if (nx !== undefined && ny !== undefined) return nx < ny ? -1 : nx > ny ? 1 : nx === ny ? 0 : null;
  if (typeof x === 'string' && typeof y === 'string') return compareStrings(x, y);
  if ((x === null || x === undefined) && (y === null || y === undefined)) return 0;
  if (typeof x === 'boolean' && typeof y === 'boolean') return x === y ? 0 : null;
  const tx = x instanceof Date ? x.getTime() : isRubyTimeLike(x) ? x.epochMs : undefined;
  const ty = y instanceof Date ? y.getTime() : isRubyTimeLike(y) ? y.epochMs : undefined;
  if (tx !== undefined && ty !== undefined) return tx < ty ? -1 : tx > ty ? 1 : 0;
  if (Array.isArray(x) && Array.isArray(y)) {
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const c = rubySpaceship(x[i], y[i]);
      if (c !== 0) return c;
    }
    return x.length - y.length === 0 ? 0 : x.length < y.length ? -1 : 1;
  }
  if (x === y) return 0;
  return null;
}

/** Ruby's class name for error messages ("comparison of String with Integer failed"). */
export function rubyClassName(value: unknown): string {
  const v = unwrap(value);
  if (v === null || v === undefined) return 'NilClass';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Float';
  if (v instanceof RubyFloat) return 'Float';
  if (v === true) return 'TrueClass';
  if (v === false) return 'FalseClass';
  if (v instanceof Date || isRubyTimeLike(v)) return 'Time';
  if (Array.isArray(v)) return 'Array';
  return 'Hash';
}
