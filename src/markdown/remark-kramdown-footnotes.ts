/**
 * kramdown's footnotes (parser/kramdown/footnote.rb, converter/html.rb convert_footnote and
 * footnote_content), on the footnoteReference / footnoteDefinition nodes of mdast-util-gfm-footnote.
 *
 * References are numbered in document order of their first use; a repeated reference gets the id
 * `fnref:<name>:<n>`. Definitions vanish from where they stand; the referenced ones are listed, in
 * number order, in `<div class="footnotes" role="doc-endnotes"><ol>` at the end of the document,
 * each `<li id="fn:<name>" role="doc-endnote">` ending with one backlink per reference (appended to
 * its last paragraph after a no-break space, or in a paragraph of its own when it does not end with
 * one). Unreferenced definitions are dropped, as kramdown does.
 */
import type { Root, Parent, RootContent, FootnoteDefinition, FootnoteReference, PhrasingContent, Paragraph } from 'mdast';
import type { ElementContent } from 'hast';
import { visit, SKIP } from 'unist-util-visit';

/** kramdown's default footnote_backlink, `&#8617;`. */
const BACKLINK = '\u21a9';

interface Note {
  name: string;
  definition: FootnoteDefinition;
  number: number;
  repeats: number;
}

export function remarkKramdownFootnotes() {
  return (tree: Root): void => {
    const definitions = new Map<string, FootnoteDefinition>();
    visit(tree, 'footnoteDefinition', (node: FootnoteDefinition, index, parent: Parent | undefined) => {
      definitions.set(node.identifier, node);
      if (parent && index !== undefined) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      return undefined;
    });
    if (definitions.size === 0) return;

    const notes = new Map<string, Note>();
    visit(tree, 'footnoteReference', (node: FootnoteReference, index, parent: Parent | undefined) => {
      if (!parent || index === undefined) return;
      const definition = definitions.get(node.identifier);
      const name = node.label ?? node.identifier;
      if (!definition) {
        parent.children.splice(index, 1, { type: 'text', value: `[^${name}]` } as PhrasingContent);
        return;
      }
      let note = notes.get(node.identifier);
      let id = `fnref:${name}`;
      if (note) id += `:${++note.repeats}`;
      else notes.set(node.identifier, (note = { name, definition, number: notes.size + 1, repeats: 0 }));
      node.data = {
        hName: 'sup',
        hProperties: { id, role: 'doc-noteref' },
        hChildren: [element('a', { href: `#fn:${name}`, className: ['footnote'], rel: ['footnote'] }, [{ type: 'text', value: String(note.number) }])],
      };
    });
    if (notes.size === 0) return;

    const items = [...notes.values()].map((note) => footnoteItem(note));
    tree.children.push({
      type: 'kramdownFootnotes',
      data: { hName: 'div', hProperties: { className: ['footnotes'], role: 'doc-endnotes' } },
      children: [{ type: 'kramdownFootnoteList', data: { hName: 'ol' }, children: items }],
    } as unknown as RootContent);
  };
}

function footnoteItem(note: Note): unknown {
  const children = structuredClone(note.definition.children);
  const last = children[children.length - 1];
  let paragraph: Paragraph;
  let space = '\u00a0';
  if (last?.type === 'paragraph') paragraph = last;
  else {
    paragraph = { type: 'paragraph', children: [] };
    children.push(paragraph);
    space = '';
  }
  for (let repeat = 0; repeat <= note.repeats; repeat++) {
    const id = repeat === 0 ? `fnref:${note.name}` : `fnref:${note.name}:${repeat}`;
    const label: ElementContent[] = [{ type: 'text', value: BACKLINK }];
    if (repeat > 0) label.push(element('sup', {}, [{ type: 'text', value: String(repeat + 1) }]));
    paragraph.children.push({ type: 'text', value: repeat === 0 ? space : '\u00a0' });
    paragraph.children.push({
      type: 'kramdownBacklink',
      data: { hName: 'a', hProperties: { href: `#${id}`, className: ['reversefootnote'], role: 'doc-backlink' }, hChildren: label },
    } as unknown as PhrasingContent);
  }
  return { type: 'kramdownFootnote', data: { hName: 'li', hProperties: { id: `fn:${note.name}`, role: 'doc-endnote' } }, children };
}

function element(tagName: string, properties: Record<string, string | string[]>, children: ElementContent[]): ElementContent {
  return { type: 'element', tagName, properties, children };
}
