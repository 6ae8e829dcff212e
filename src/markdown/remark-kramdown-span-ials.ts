/**
 * Applies kramdown span IALs: `[text](url){:target="_blank"}`, `*em*{:.x}`, `![a](b){: width="50"}`.
 * Kramdown only honours a span IAL right after a span element; after plain text it stays literal
 * ("Found span IAL after text - ignoring it" in parser/kramdown/extensions.rb).
 */
import type { Root, Parents, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { parseAttributeList } from './kramdown-attribute-list.ts';
import { applyKramdownAttributes } from './apply-kramdown-attributes.ts';

const SPAN_IAL = /^\{:(?!:)((?:\\\}|[^}])+)\}/;
const SPAN_ELEMENTS = new Set(['emphasis', 'strong', 'link', 'linkReference', 'image', 'imageReference', 'inlineCode', 'delete']);

export function remarkKramdownSpanIals() {
  return (tree: Root, file: VFile): void => {
    // Text can only start with `{:` when the source holds a `{`, written or as a character reference.
    const source = String(file.value);
    if (!source.includes('{') && !source.includes('&')) return;
    walk(tree);
  };
}

function walk(parent: Parents): void {
  const children = parent.children as RootContent[];
  for (let index = 1; index < children.length; index++) {
    const child = children[index];
    const before = children[index - 1];
    if (child.type !== 'text' || !SPAN_ELEMENTS.has(before.type)) continue;
    const match = SPAN_IAL.exec(child.value);
    if (!match) continue;
    applyKramdownAttributes(before, parseAttributeList(match[1]));
    child.value = child.value.slice(match[0].length);
    if (child.position) child.position.start = { ...child.position.start, offset: (child.position.start.offset ?? 0) + match[0].length, column: child.position.start.column + match[0].length };
    if (child.value === '') {
      children.splice(index, 1);
      index--;
    }
  }
  for (const child of children) {
    if ('children' in child) walk(child);
  }
}
