/**
 * Jekyll's array filters with its exact semantics: `where`, `find`, `group_by`, `sort` (Jekyll's
 * own, which replaces Liquid's), `array_to_sentence_string`, `push`, `pop`, `shift`, `unshift`,
 * `sample`. The `_exp` variants, which need the template engine, are in expression-filters.ts.
 *
 * Property lookup follows Jekyll's `item_property`:
 * - "a.b.c" walks nested keys; a missing *intermediate* key yields `false`, not nil (Ruby's
 *   `data.respond_to?(:[]) && data[key]` on nil), which matters to `where` ("false" matches it)
 *   and to `sort` (false is not nil, so it is not sorted with the nils).
 * - the value then goes through `parse_sort_input`: strings (and numbers) that look like integers
 *   or floats become numbers, so "10" sorts after "9" and `where: "rank", "2"` finds rank 2.
 */
import {
  compareStrings, isEmptyOrBlankLiteral, isPlainObject, RubyFloat, rubyClassName, rubySpaceship,
  rubyToS, unwrap,
} from './ruby-values.ts';
import { liquidToInteger } from './string-filters.ts';

/** Reads one property of an object as Liquid would (the engine passes liquidjs's readProperty). */
export type PropertyReader = (obj: unknown, key: string) => unknown;

export interface CollectionOptions {
  read?: PropertyReader;
  /** The site's zone, for Times that end up in `to_s` comparisons. */
  timeZone?: string;
}

/** Plain JS lookup: own/inherited property of an object; Ruby's String#[] substring quirk aside. */
export const plainRead: PropertyReader = (obj, key) => {
  const v = unwrap(obj);
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'object') return (v as Record<string, unknown>)[key];
  return undefined;
};

const INTEGER_LIKE = /^[ \t\n\v\f\r]*-?\d+[ \t\n\v\f\r]*$/;
const FLOAT_LIKE = /^[ \t\n\v\f\r]*-?(?:\d+\.?\d*|\.\d+)[ \t\n\v\f\r]*$/;

/** Jekyll's `parse_sort_input`: numeric-looking values become Integers or Floats. */
export function parseSortInput(value: unknown, timeZone = 'UTC'): unknown {
  const v = unwrap(value);
  if (v instanceof RubyFloat) return v;
  const s = rubyToS(v, timeZone);
  if (INTEGER_LIKE.test(s)) return Number.parseInt(s.trim(), 10);
  if (FLOAT_LIKE.test(s)) return new RubyFloat(Number.parseFloat(s.trim()));
  return v;
}

/** Jekyll's `item_property` (without its cache). */
export function itemProperty(item: unknown, property: unknown, options: CollectionOptions = {}): unknown {
  const read = options.read ?? plainRead;
  const prop = rubyToS(property);
  let value: unknown;
  if (!prop.includes('.')) {
    value = read(item, prop);
  } else {
    value = unwrap(item);
    for (const key of prop.split('.')) {
      const data = unwrap(value);
      if (data === null || data === undefined || data === false || data === true || typeof data === 'number') {
        value = false; // `data.respond_to?(:[]) && …` is false for nil, booleans (and we say numbers)
      } else if (typeof data === 'string') {
        value = data.includes(key) ? key : undefined; // Ruby's String#[] returns the substring
      } else {
        value = read(data, key);
      }
    }
  }
  return parseSortInput(value, options.timeZone);
}

/** Ruby's `Array(x)`: nil → [], arrays as they are, hashes → [key, value] pairs, else [x]. */
function rubyArray(value: unknown): unknown[] {
  const v = unwrap(value);
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v;
  if (isPlainObject(v)) return Object.entries(v);
  return [v];
}

/** Ruby's Array#join (nested arrays are flattened). */
function rubyJoin(values: unknown[], timeZone: string): string {
  return values.map((x) => (Array.isArray(x) ? rubyJoin(x, timeZone) : rubyToS(x, timeZone))).join('');
}

/** Jekyll's `compare_property_vs_target` (the `where`/`find` equality). */
export function comparePropertyVsTarget(property: unknown, target: unknown, timeZone = 'UTC'): boolean {
  const t = unwrap(target);
  const p = unwrap(property);
  if (t === null || t === undefined) return p === null || p === undefined;
  if (isEmptyOrBlankLiteral(target)) {
    // `empty` / `blank`: their to_s is "", compared with the value or its Array() join.
    return p === '' || rubyJoin(rubyArray(p), timeZone) === '';
  }
  const want = rubyToS(t, timeZone);
  if (typeof p === 'string') return p === want;
  return rubyArray(p).some((x) => rubyToS(x, timeZone) === want);
}

/** Hashes are filtered by their values (Jekyll: `input = input.values if input.is_a?(Hash)`). */
function selectable(input: unknown): unknown[] | undefined {
  const v = unwrap(input);
  if (Array.isArray(v)) return v;
  if (isPlainObject(v)) return Object.values(v);
  return undefined;
}

function isArrayOrHash(value: unknown): boolean {
  const v = unwrap(value);
  return Array.isArray(v) || isPlainObject(v);
}

/**
 * `where`: items whose property equals the value; arrays match when any element's `to_s` does.
 * A missing property name, or an array/hash value, returns the input unchanged (Jekyll quirk).
 */
export function where(input: unknown, property: unknown, value: unknown, options: CollectionOptions = {}): unknown {
  const prop = unwrap(property);
  if (prop === null || prop === undefined || prop === false || isArrayOrHash(value)) return input;
  const items = selectable(input);
  if (!items) return input;
  return items.filter((item) => comparePropertyVsTarget(itemProperty(item, prop, options), value, options.timeZone));
}

/** `find`: the first item `where` would keep, or nil. */
export function find(input: unknown, property: unknown, value: unknown, options: CollectionOptions = {}): unknown {
  const prop = unwrap(property);
  if (prop === null || prop === undefined || prop === false || isArrayOrHash(value)) return input;
  const items = selectable(input);
  if (!items) return input;
  return items.find((item) => comparePropertyVsTarget(itemProperty(item, prop, options), value, options.timeZone)) ?? null;
}

export interface Group {
  name: unknown;
  items: unknown[];
  size: number;
}

/** Ruby's Enumerable#group_by input: arrays, and hashes as [key, value] pairs. */
export function groupableItems(input: unknown): unknown[] | undefined {
  const v = unwrap(input);
  if (Array.isArray(v)) return v;
  if (isPlainObject(v)) return Object.entries(v);
  return undefined;
}

/** Groups in first-seen order, keyed with Ruby's `eql?` (so 1 and "1" are different groups). */
export function groupInOrder(items: unknown[], keyOf: (item: unknown) => unknown, timeZone = 'UTC'): Group[] {
  const groups = new Map<string, Group>();
  for (const item of items) {
    const name = keyOf(item);
    const v = unwrap(name);
    const id = `${rubyClassName(v)}:${typeof v === 'string' ? v : rubyToS(v, timeZone)}`;
    let g = groups.get(id);
    if (!g) {
      g = { name: v ?? null, items: [], size: 0 };
      groups.set(id, g);
    }
    g.items.push(item);
    g.size = g.items.length;
  }
  return [...groups.values()];
}

/** `group_by`: groups named by the property's `to_s` ("" for nil, `["a", "b"]` for arrays). */
export function groupBy(input: unknown, property: unknown, options: CollectionOptions = {}): unknown {
  const items = groupableItems(input);
  if (!items) return input;
  return groupInOrder(items, (item) => rubyToS(itemProperty(item, property, options), options.timeZone), options.timeZone);
}

function incomparable(a: unknown, b: unknown): Error {
  return new Error(`Liquid error: comparison of ${rubyClassName(a)} with ${rubyClassName(b)} failed`);
}

/**
 * Jekyll's `sort` (it replaces Liquid's): without a property, Ruby's `Array#sort` (mixed types
 * raise); with one, nils first (or last with "last"), then `<=>`, falling back to comparing
 * `to_s` when `<=>` has no answer (e.g. a number with a string).
 *
 * Ruby's sort is not stable; this one is, so items with equal keys keep their input order where
 * Ruby's quicksort might swap them.
 */
export function sort(input: unknown, property?: unknown, nils: unknown = 'first', options: CollectionOptions = {}): unknown[] {
  const v = unwrap(input);
  if (v === null || v === undefined) throw new Error('Liquid error: Cannot sort a null object.');
  const items = Array.isArray(v) ? v : isPlainObject(v) ? Object.entries(v) : undefined;
  if (!items) throw new Error(`Liquid error: undefined method \`sort' for ${rubyToS(v)}`);
  const timeZone = options.timeZone ?? 'UTC';
  const prop = unwrap(property);
  if (prop === null || prop === undefined) {
    return [...items].sort((a, b) => {
      const c = rubySpaceship(a, b);
      if (c === null) throw incomparable(a, b);
      return c;
    });
  }
  let order: number;
  if (nils === 'first') order = -1;
  else if (nils === 'last') order = 1;
  else {
    throw new Error(`Liquid error: Invalid nils order: '${rubyToS(nils)}' is not a valid nils order. It must be 'first' or 'last'.`);
  }
  const keyed = items.map((item) => ({ key: itemProperty(item, prop, options), item }));
  keyed.sort((a, b) => {
    const aNil = a.key === null || a.key === undefined;
    const bNil = b.key === null || b.key === undefined;
    if (!aNil && bNil) return -order;
    if (aNil && !bNil) return order;
    const c = rubySpaceship(a.key, b.key);
    return c ?? compareStrings(rubyToS(a.key, timeZone), rubyToS(b.key, timeZone));
  });
  return keyed.map((k) => k.item);
}

/** `array_to_sentence_string`: "a, b, and c" (Oxford comma), "a and b", with a custom connector. */
export function arrayToSentenceString(input: unknown, connector: unknown = 'and', timeZone = 'UTC'): string {
  const v = unwrap(input);
  const items = Array.isArray(v) ? v : v === null || v === undefined ? [] : [v];
  const conn = rubyToS(connector, timeZone);
  const s = (x: unknown): string => rubyToS(x, timeZone);
  switch (items.length) {
    case 0: return '';
    case 1: return s(items[0]);
    case 2: return `${s(items[0])} ${conn} ${s(items[1])}`;
    default: return `${items.slice(0, -1).map(s).join(', ')}, ${conn} ${s(items[items.length - 1])}`;
  }
}

/** `push`: a copy with the value appended; non-arrays come back unchanged. */
export function push(input: unknown, value: unknown): unknown {
  const v = unwrap(input);
  return Array.isArray(v) ? [...v, value] : input;
}

/** `unshift`: a copy with the value prepended. */
export function unshift(input: unknown, value: unknown): unknown {
  const v = unwrap(input);
  return Array.isArray(v) ? [value, ...v] : input;
}

function count(num: unknown): number {
  const n = liquidToInteger(num);
  if (n < 0) throw new Error('Liquid error: negative array size');
  return n;
}

/** `pop`: a copy without the last `num` (default 1) items. */
export function pop(input: unknown, num: unknown = 1): unknown {
  const v = unwrap(input);
  if (!Array.isArray(v)) return input;
  const n = count(num);
  return v.slice(0, Math.max(v.length - n, 0));
}

/** `shift`: a copy without the first `num` (default 1) items. */
export function shift(input: unknown, num: unknown = 1): unknown {
  const v = unwrap(input);
  if (!Array.isArray(v)) return input;
  return v.slice(count(num));
}

/**
 * `sample`: one random item (nil for []), or an array of `num` distinct random items. A `num`
 * that is not an integer means 1 (Jekyll rescues the error).
 */
export function sample(input: unknown, num: unknown = 1, random: () => number = Math.random): unknown {
  const v = unwrap(input);
  if (!Array.isArray(v)) return input;
  let n: number;
  try {
    n = liquidToInteger(num);
  } catch {
    n = 1;
  }
  if (n === 1) return v.length === 0 ? null : v[Math.floor(random() * v.length)];
  if (n < 0) throw new Error('Liquid error: negative sample number');
  const pool = [...v];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}
