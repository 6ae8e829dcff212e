/** Unwraps the first `<p>` of list items remarkKramdownListItems marked as transparent. */
import type { Root, Element } from 'hast';
import { forEachElement } from './for-each-element.ts';
import { TRANSPARENT_MARKER } from './remark-kramdown-list-items.ts';

export function rehypeKramdownListItems() {
  return (tree: Root): void => {
    forEachElement(tree, (node: Element) => {
      if (node.tagName !== 'li' || !(TRANSPARENT_MARKER in node.properties)) return;
      delete node.properties[TRANSPARENT_MARKER];
      const index = node.children.findIndex((child) => child.type === 'element');
      const first = node.children[index];
      if (first?.type === 'element' && first.tagName === 'p') node.children.splice(index, 1, ...first.children);
    });
  };
}
