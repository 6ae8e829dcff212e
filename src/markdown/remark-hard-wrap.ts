/**
 * kramdown-parser-gfm's `hard_wrap` option: every line break inside a paragraph becomes `<br />`.
 * Jekyll turns it off by default; the GFM parser's own default is on.
 */
import type { Root, PhrasingContent } from 'mdast';
import { visit } from 'unist-util-visit';

export function remarkHardWrap(options: { enabled: boolean }) {
  if (!options.enabled) return undefined;
  return (tree: Root): void => {
    visit(tree, 'text', (node, index, parent) => {
      if (!parent || index === undefined || !node.value.includes('\n')) return;
      const parts: PhrasingContent[] = [];
      node.value.split('\n').forEach((line, i) => {
        if (i > 0) parts.push({ type: 'break' });
        // remark-rehype already writes a newline after each <br>, as kramdown does.
        parts.push({ type: 'text', value: line });
      });
      (parent.children as PhrasingContent[]).splice(index, 1, ...parts);
      return index + parts.length;
    });
  };
}
