/**
 * Gives Markdown headers (not headers written as raw HTML: kramdown leaves those alone) their
 * kramdown-parser-gfm auto id, in document order, unless an explicit `{#id}` or IAL id is set.
 * Runs after rehype-raw so inline HTML inside a header (`<span>x</span>`) contributes its text,
 * as it does in kramdown's update_raw_text.
 */
import type { Root, Element, ElementContent } from 'hast';
import { forEachElement } from './for-each-element.ts';
import { createGfmHeaderIdGenerator } from './gfm-header-id.ts';

/** hast property remarkKramdownHeadings puts on Markdown headers, removed by rehypeKramdownToc. */
export const HEADER_MARKER = 'dataTryckHeader';

export interface HeaderIdOptions {
  autoIds: boolean;
  prefix: string;
}

export function rehypeKramdownHeaderIds(options: HeaderIdOptions) {
  return (tree: Root): void => {
    if (!options.autoIds) return;
    const generate = createGfmHeaderIdGenerator(options.prefix);
    forEachElement(tree, (node: Element) => {
      if (!(HEADER_MARKER in node.properties) || node.properties.id !== undefined) return;
      node.properties.id = generate(rawText(node.children));
    });
  };
}

/** The header's text as kramdown-parser-gfm's update_raw_text collects it. */
function rawText(children: ElementContent[]): string {
  let text = '';
  for (const child of children) {
    if (child.type === 'text') text += child.value;
    // A footnote marker adds no text (kramdown's :footnote element has no children).
    else if (child.type === 'element' && child.properties.role !== 'doc-noteref') text += rawText(child.children);
  }
  return text;
}
