/**
 * Kramdown header rules that differ from CommonMark:
 *  - `## Title {#id}` (ATX or setext) sets the id and the `{#id}` is not part of the text
 *    (HEADER_ID in kramdown 2.4.0 parser/kramdown/header.rb);
 *  - an ATX header without text (`##`) is not a header but a paragraph (parse_atx_header_gfm_quirk
 *    returns false on empty text).
 * It also marks every Markdown header, so later stages can tell them from raw HTML headers.
 */
import type { Root, Heading, Paragraph } from 'mdast';
import type { VFile } from 'vfile';
import { visit, SKIP } from 'unist-util-visit';
import { HEADER_MARKER } from './rehype-kramdown-header-ids.ts';

// XML NameStartChar NameChar*, approximated by kramdown through REXML's XMLTokens.
const HEADER_ID = /[\t ]\{#([A-Za-z_:\u00c0-\uffff][\w:.\-\u00b7\u00c0-\uffff]*)\}$/;

export function remarkKramdownHeadings() {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    visit(tree, 'heading', (node: Heading, index, parent) => {
      ((node.data ??= {}).hProperties ??= {})[HEADER_MARKER] = '';
      const last = node.children[node.children.length - 1];
      if (last?.type === 'text') {
        const match = HEADER_ID.exec(last.value);
        if (match) {
          last.value = last.value.slice(0, match.index).replace(/[\t ]+$/, '');
          if (last.value === '') node.children.pop();
          ((node.data ??= {}).hProperties ??= {}).id = match[1];
        }
      }
      if (node.children.length === 0 && parent && index !== undefined && isAtx(node, source)) {
        const start = node.position?.start.offset ?? 0;
        const end = node.position?.end.offset ?? start;
        const paragraph: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: source.slice(start, end).trim() }] };
        parent.children[index] = paragraph;
        return SKIP;
      }
      return undefined;
    });
  };
}

function isAtx(node: Heading, source: string): boolean {
  const start = node.position?.start.offset;
  return start !== undefined && source.slice(start).trimStart().startsWith('#');
}
