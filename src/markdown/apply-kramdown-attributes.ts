/** Puts kramdown IAL attributes on an mdast node, for mdast-util-to-hast to copy onto its element. */
import type { Nodes } from 'mdast';
import type { KramdownAttributes } from './kramdown-attribute-list.ts';

/** hast property that marks a list carrying the `{:toc}` reference; removed when the TOC is built. */
export const TOC_MARKER = 'dataTryckToc';

export function applyKramdownAttributes(node: Nodes, attributes: KramdownAttributes): void {
  const data = (node.data ??= {});
  const properties = (data.hProperties ??= {});
  for (const [key, value] of attributes.attributes) {
    if (key === 'class') {
      const current = properties.className;
      const existing = Array.isArray(current) ? current.map(String) : typeof current === 'string' ? [current] : [];
      properties.className = [...existing, ...value.split(/\s+/).filter(Boolean)];
    } else {
      properties[key] = value;
    }
  }
  if (attributes.refs.includes('toc') && node.type === 'list') properties[TOC_MARKER] = node.ordered ? 'ol' : 'ul';
}
