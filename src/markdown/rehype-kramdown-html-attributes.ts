/**
 * kramdown removes the `markdown` attribute (its switch between raw, span and block parsing) from
 * every HTML element it outputs, raw content included (handle_kramdown_html_tag, parse_span_html).
 */
import type { Root, Element } from 'hast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';

export function rehypeKramdownHtmlAttributes() {
  return (tree: Root, file: VFile): void => {
    if (!String(file.value).includes('markdown')) return;
    visit(tree, 'element', (node: Element) => {
      if ('markdown' in node.properties) delete node.properties.markdown;
    });
  };
}
