/**
 * Calls `visitor` on every element of a hast tree in document order, parent before children, the
 * children read after the visitor returns (so it may change them) — what `visit(tree, 'element', …)`
 * does, at a fraction of the cost: unist-util-visit creates a closure and defines a function name for
 * every node, and the kramdown plugins walk every converted document several times.
 */
import type { Element, Root, RootContent } from 'hast';

export function forEachElement(parent: Root | Element, visitor: (node: Element) => void): void {
  const children: RootContent[] = parent.children;
  for (let index = 0; index < children.length; index++) {
    const child = children[index];
    if (child.type === 'element') {
      visitor(child);
      forEachElement(child, visitor);
    } else if ('children' in child) {
      forEachElement(child as unknown as Root, visitor);
    }
  }
}
