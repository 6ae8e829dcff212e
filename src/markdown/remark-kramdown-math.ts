/**
 * kramdown's math with its default MathJax engine: `$$…$$` in text is `\(…\)`, and a paragraph that
 * holds nothing but one `$$…$$` (over one line or several) is block math, `\[…\]`, not wrapped in a
 * paragraph. The TeX is taken as written (no Markdown inside it) and trimmed, as kramdown's
 * math.rb does. A single `$` is plain text. micromark-extension-math reads `$$` runs like code spans.
 */
import type { Processor } from 'unified';
import type { Literal, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { Text } from 'hast';
import type { State } from 'mdast-util-to-hast';
import { math } from 'micromark-extension-math';
import { mathFromMarkdown } from 'mdast-util-math';
import type { InlineMath } from 'mdast-util-math';

export interface KramdownBlockMath extends Literal {
  type: 'kramdownBlockMath';
}

declare module 'mdast' {
  interface RootContentMap {
    kramdownBlockMath: KramdownBlockMath;
  }
}

export function remarkKramdownMath(this: Processor): (tree: Root) => void {
  const data = this.data();
  // Only the text construct: kramdown has no fenced math; its block math is a paragraph of one $$…$$.
  (data.micromarkExtensions ??= []).push({ text: math({ singleDollarTextMath: false }).text });
  (data.fromMarkdownExtensions ??= []).push(mathFromMarkdown());
  return (tree) => replaceBlockMath(tree);
}

function replaceBlockMath(parent: { children: RootContent[] }): void {
  parent.children.forEach((child, i) => {
    if (child.type === 'paragraph') {
      const only = soleMath(child);
      if (only) parent.children[i] = { type: 'kramdownBlockMath', value: only.value, position: child.position } satisfies KramdownBlockMath;
    } else if ('children' in child && Array.isArray(child.children)) {
      replaceBlockMath(child as { children: RootContent[] });
    }
  });
}

function soleMath(paragraph: Paragraph): InlineMath | undefined {
  const meaningful = paragraph.children.filter((node: PhrasingContent) => !(node.type === 'text' && node.value.trim() === ''));
  return meaningful.length === 1 && meaningful[0].type === 'inlineMath' ? meaningful[0] : undefined;
}

export function inlineMathHandler(_state: State, node: InlineMath): Text {
  return { type: 'text', value: `\\(${node.value.trim()}\\)` };
}

export function blockMathHandler(_state: State, node: KramdownBlockMath): Text {
  return { type: 'text', value: `\\[${node.value.trim()}\\]` };
}
