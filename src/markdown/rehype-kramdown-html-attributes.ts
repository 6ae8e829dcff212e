/**
 * kramdown removes the `markdown` attribute (its switch between raw, span and block parsing) from
 * every HTML element it outputs, raw content included (handle_kramdown_html_tag, parse_span_html).
 */
import type { Root, Element } from 'hast';
import type { VFile } from 'vfile';
import { forEachElement } from './for-each-element.ts';

export function rehypeKramdownHtmlAttributes() {
  return (tree: Root, file: VFile): void => {
    if (!String(file.value).includes('markdown')) return;
    forEachElement(tree, (node: Element) => {
      if ('markdown' in node.properties) delete node.properties.markdown;
    });
  };
}
