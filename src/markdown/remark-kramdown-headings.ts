/**
 * Kramdown header rules that differ from CommonMark:
 *  - `## Title {#id}` (ATX or setext) sets the id and the `{#id}` is not part of the text
 *    (HEADER_ID in kramdown 2.4.0 parser/kramdown/header.rb);
 *  - an ATX header without text (`##`) is not a header but a paragraph (parse_atx_header_gfm_quirk
 *    returns false on empty text).
 * It also marks every Markdown header, so later stages can tell them from raw HTML headers.
 */
import type { Root, Heading, Paragraph, Parents, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { HEADER_MARKER } from './rehype-kramdown-header-ids.ts';

// XML NameStartChar NameChar*, approximated by kramdown through REXML's XMLTokens.
const HEADER_ID = /[\t ]\{#([A-Za-z_:\u00c0-\uffff][\w:.\-\u00b7\u00c0-\uffff]*)\}$/;

export function remarkKramdownHeadings() {
  return (tree: Root, file: VFile): void => {
    walk(tree, String(file.value));
  };
}

function walk(parent: Parents, source: string): void {
  const children = parent.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const node = children[index];
    if (node.type === 'heading') {
      const replacement = convertHeading(node, source);
      if (replacement) children[index] = replacement;
    } else if ('children' in node) {
      walk(node, source);
    }
  }
}

/** Marks the header and takes its `{#id}`; returns the paragraph an empty ATX header becomes. */
function convertHeading(node: Heading, source: string): Paragraph | undefined {
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
  if (node.children.length === 0 && isAtx(node, source)) {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    return { type: 'paragraph', children: [{ type: 'text', value: source.slice(start, end).trim() }], position: node.position };
  }
  return undefined;
}

function isAtx(node: Heading, source: string): boolean {
  const start = node.position?.start.offset;
  return start !== undefined && source.slice(start).trimStart().startsWith('#');
}
