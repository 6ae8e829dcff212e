/**
 * A quick reading of the YAML most front matter is: `key: value` lines, nested by indentation, with
 * plain or quoted one-line scalars. The `yaml` library takes about 0.2 ms for a post's front matter
 * (0.7-1 s for 4000 posts on one core); this takes 0.02 ms. Anything else (lists, flow
 * collections, comments, anchors, tags, multi-line or escaped scalars, tabs, duplicate keys) gives
 * undefined, and the caller parses the text with the library, which also reports any error.
 *
 * Scalars are resolved by the library's own schema — the first default tag whose test matches, as
 * its composer does — so yes/no, octal, sexagesimal and dates come out exactly as the library reads
 * them. test/sources/simple-yaml.test.ts checks the two against each other on generated front matter.
 */
import { isScalar, parseDocument } from 'yaml';
import type { YamlOptions } from './front-matter.ts';

/** A default scalar tag of the schema, in the schema's order. */
interface ScalarTag {
  /** True for values; 'key' for tags that apply to keys only (the merge key `<<`). */
  default: boolean | 'key';
  test: RegExp;
  resolve(value: string, onError: (message: string) => void, options: object): unknown;
}

const tagLists = new WeakMap<object, ScalarTag[]>();

function scalarTags(options: YamlOptions): ScalarTag[] {
  let tags = tagLists.get(options);
  if (!tags) {
    const all = parseDocument('', options).schema.tags as Array<{ default?: boolean | 'key'; test?: RegExp; collection?: string }>;
    tags = all.filter((tag) => tag.default !== undefined && tag.default !== false && tag.test instanceof RegExp && tag.collection === undefined) as ScalarTag[];
    tagLists.set(options, tags);
  }
  return tags;
}

// `key:` then the end of the line or spaces and a value. A key is a plain word that reads as a string.
const LINE = /^( *)([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;
// Characters that begin something other than a plain scalar, or may (`-`, `?`, `:` before a space).
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
// Line breaks YAML 1.1 knows besides \n, tabs, and characters YAML does not allow unescaped.
const AWKWARD = /[\t\r\x85\u2028\u2029\uFEFF\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;

interface Line {
  indent: number;
  key: string;
  /** The value's text after `key: `, or undefined for `key:` alone. */
  value: string | undefined;
}

/** The front matter read, or undefined when the text is more than this reader handles. */
export function readSimpleYaml(text: string, options: YamlOptions): Record<string, unknown> | undefined {
  if (AWKWARD.test(text)) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    const m = LINE.exec(raw);
    if (!m) return undefined;
    lines.push({ indent: m[1].length, key: m[2], value: m[3] });
  }
  if (lines.length === 0 || lines[0].indent !== 0) return undefined;
  const tags = scalarTags(options);
  const state = { next: 0 };
  const result = readMapping(lines, state, 0, tags, options);
  return result !== undefined && state.next === lines.length ? result : undefined;
}

function readMapping(lines: Line[], state: { next: number }, indent: number, tags: ScalarTag[], options: object): Record<string, unknown> | undefined {
  const mapping: Record<string, unknown> = {};
  while (state.next < lines.length && lines[state.next].indent === indent) {
    const { key, value } = lines[state.next++];
    if (key === '__proto__' || Object.hasOwn(mapping, key) || !readsAsString(key, tags)) return undefined;
    const following = lines[state.next];
    if (value === undefined && following !== undefined && following.indent > indent) {
      const nested = readMapping(lines, state, following.indent, tags, options);
      if (nested === undefined) return undefined;
      mapping[key] = nested;
      continue;
    }
    const scalar = readScalar(value ?? '', tags, options);
    if (scalar === undefined) return undefined;
    mapping[key] = scalar.value;
  }
  // A line indented more than its mapping's keys, or less than them but more than the parent's.
  if (state.next < lines.length && lines[state.next].indent > indent) return undefined;
  return mapping;
}

function readsAsString(key: string, tags: ScalarTag[]): boolean {
  return !tags.some((tag) => tag.test.test(key));
}

function readScalar(text: string, tags: ScalarTag[], options: object): { value: unknown } | undefined {
  const value = text.trimEnd();
  if (value.startsWith('"')) {
    const m = /^"([^"\\]*)"$/.exec(value);
    return m ? { value: m[1] } : undefined;
  }
  if (value.startsWith("'")) {
    const m = /^'([^']*)'$/.exec(value);
    return m ? { value: m[1] } : undefined;
  }
  // A plain scalar: one that could end early (` #`), nest (`: `), or start anything else is not read here.
  if (INDICATOR.test(value) || value.includes(': ') || value.includes(' #') || value.endsWith(':')) return undefined;
  const tag = tags.find((t) => t.default === true && t.test.test(value));
  if (!tag) return { value };
  let failed = false;
  try {
    const resolved = tag.resolve(value, () => (failed = true), options);
    if (failed) return undefined;
    return { value: isScalar(resolved) ? resolved.value : resolved };
  } catch {
    return undefined;
  }
}
