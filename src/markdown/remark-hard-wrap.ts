/**
 * kramdown-parser-gfm's `hard_wrap` option: every line break inside a paragraph becomes `<br />`.
 * Jekyll turns it off by default; the GFM parser's own default is on.
 */
import type { Root, Parents, PhrasingContent, RootContent } from 'mdast';

export function remarkHardWrap(options: { enabled: boolean }) {
  if (!options.enabled) return undefined;
  return (tree: Root): void => {
    walk(tree);
  };
}

function walk(parent: Parents): void {
  const children = parent.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const node = children[index];
    if (node.type === 'text') {
      if (!node.value.includes('\n')) continue;
      const parts: PhrasingContent[] = [];
      node.value.split('\n').forEach((line, i) => {
        if (i > 0) parts.push({ type: 'break' });
        // remark-rehype already writes a newline after each <br>, as kramdown does.
        parts.push({ type: 'text', value: line });
      });
      children.splice(index, 1, ...parts);
      index += parts.length - 1;
    } else if ('children' in node) {
      walk(node);
    }
  }
}
