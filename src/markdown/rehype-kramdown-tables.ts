/**
 * Table cells as kramdown writes them (convert_td in kramdown 2.4.0 converter/html.rb): alignment
 * as `style="text-align: left"` rather than `align="left"`, and an empty cell holds a no-break space.
 */
import type { Root, Element } from 'hast';
import { forEachElement } from './for-each-element.ts';

export function rehypeKramdownTables() {
  return (tree: Root): void => {
    forEachElement(tree, (node: Element) => {
      if (node.tagName !== 'td' && node.tagName !== 'th') return;
      const align = node.properties.align;
      if (typeof align === 'string' && align !== '') {
        delete node.properties.align;
        const style = node.properties.style;
        node.properties.style = `${typeof style === 'string' && style ? `${style}; ` : ''}text-align: ${align}`;
      }
      if (node.children.length === 0) node.children.push({ type: 'text', value: '\u00a0' });
    });
  };
}
