/**
 * Parses the body of a kramdown attribute list (`{: .klass #id key="v" ref}` without the braces
 * and colon), following the ALD_TYPE_* regexps of kramdown 2.4.0 parser/kramdown/extensions.rb.
 */

export interface KramdownAttributes {
  /** Plain attributes, in source order; `class` accumulates every `.klass` and `class="…"`. */
  attributes: Map<string, string>;
  /** References to ALDs (`{:name: …}` definitions) and special refs such as `toc`. */
  refs: string[];
}

const ID_NAME = String.raw`\w[\w-]*`;
// Ruby reads the `\2` inside kramdown's `[^\}\2]` as an octal escape, so the value is simply the
// shortest run of non-`}` characters (or escaped `}`) up to the matching quote.
const KEY_VALUE = String.raw`(${ID_NAME})=("|')((?:\\\}|[^}])*?)\2`;
const CLASS_NAME = String.raw`\.([^\s.#]+)`;
const ID = String.raw`#([A-Za-z][\w:-]*)`;
const ID_OR_CLASS_MULTI = String.raw`((?:${ID}|${CLASS_NAME})+)`;
// kramdown's ALD_TYPE_ANY: every item starts the string or follows whitespace and ends before
// whitespace or the end, so `a.b` or `x=y` (unquoted value) are silently ignored.
const ANY = new RegExp(String.raw`(?:^|\s)(?:${KEY_VALUE}|(${ID_NAME})|${ID_OR_CLASS_MULTI})(?=\s|$)`, 'g');
const ID_OR_CLASS = new RegExp(`${ID}|${CLASS_NAME}`, 'g');

export function emptyAttributes(): KramdownAttributes {
  return { attributes: new Map(), refs: [] };
}

/** Adds the attributes found in `text` to `into` (kramdown merges successive IALs the same way). */
export function parseAttributeList(text: string, into: KramdownAttributes = emptyAttributes()): KramdownAttributes {
  if (text.trim() === '' || text.trim() === ':') return into;
  for (const match of text.matchAll(ANY)) {
    const [, key, , value, ref, idsAndClasses] = match;
    if (ref !== undefined) {
      into.refs.push(ref);
    } else if (idsAndClasses !== undefined) {
      for (const [, id, klass] of idsAndClasses.matchAll(ID_OR_CLASS)) {
        if (klass !== undefined) addClass(into, klass);
        else if (id !== undefined) into.attributes.set('id', id);
      }
    } else if (key !== undefined && value !== undefined) {
      // Escaped closing braces and quotes are unescaped, as kramdown's parse_attribute_list does.
      const unescaped = value.replace(/\\(\}|"|')/g, '$1');
      // `class="…"` replaces the classes collected so far in this list, like kramdown's opts[key] = val.
      into.attributes.set(key, unescaped);
    }
  }
  return into;
}

/** Merges `from` into `into`: classes accumulate, other attributes are overwritten. */
export function mergeAttributes(into: KramdownAttributes, from: KramdownAttributes): KramdownAttributes {
  for (const [key, value] of from.attributes) {
    if (key === 'class') addClass(into, value);
    else into.attributes.set(key, value);
  }
  into.refs.push(...from.refs);
  return into;
}

function addClass(into: KramdownAttributes, klass: string): void {
  const current = into.attributes.get('class');
  into.attributes.set('class', current ? `${current} ${klass}` : klass);
}
