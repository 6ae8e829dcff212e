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
import type { Root, Parents, RootContent, FootnoteDefinition, FootnoteReference, PhrasingContent, Paragraph } from 'mdast';
import type { ElementContent } from 'hast';
import type { VFile } from 'vfile';

/** kramdown's default footnote_backlink, `&#8617;`. */
const BACKLINK = '\u21a9';

interface Note {
  name: string;
  definition: FootnoteDefinition;
  number: number;
  repeats: number;
}

export function remarkKramdownFootnotes() {
  return (tree: Root, file: VFile): void => {
    // Footnote references and definitions both start with `[^`.
    if (!String(file.value).includes('[^')) return;
    const definitions = new Map<string, FootnoteDefinition>();
    takeDefinitions(tree, definitions);
    if (definitions.size === 0) return;

    const notes = new Map<string, Note>();
    numberReferences(tree, definitions, notes);
    if (notes.size === 0) return;

    const items = [...notes.values()].map((note) => footnoteItem(note));
    tree.children.push({
      type: 'kramdownFootnotes',
      data: { hName: 'div', hProperties: { className: ['footnotes'], role: 'doc-endnotes' } },
      children: [{ type: 'kramdownFootnoteList', data: { hName: 'ol' }, children: items }],
    } as unknown as RootContent);
  };
}

/** Removes every definition from the tree (those inside a definition go with it), keeping the last of each name. */
function takeDefinitions(parent: Parents, definitions: Map<string, FootnoteDefinition>): void {
  const children = parent.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const node = children[index];
    if (node.type === 'footnoteDefinition') {
      definitions.set(node.identifier, node);
      children.splice(index--, 1);
    } else if ('children' in node) {
      takeDefinitions(node, definitions);
    }
  }
}

/** Numbers references in document order; a reference to an undefined note becomes its text. */
function numberReferences(parent: Parents, definitions: Map<string, FootnoteDefinition>, notes: Map<string, Note>): void {
  const children = parent.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const node = children[index];
    if (node.type === 'footnoteReference') {
      const replacement = numberReference(node, definitions, notes);
      if (replacement) children[index] = replacement;
    } else if ('children' in node) {
      numberReferences(node, definitions, notes);
    }
  }
}

function numberReference(node: FootnoteReference, definitions: Map<string, FootnoteDefinition>, notes: Map<string, Note>): PhrasingContent | undefined {
  const definition = definitions.get(node.identifier);
  const name = node.label ?? node.identifier;
  if (!definition) return { type: 'text', value: `[^${name}]` };
  let note = notes.get(node.identifier);
  let id = `fnref:${name}`;
  if (note) id += `:${++note.repeats}`;
  else notes.set(node.identifier, (note = { name, definition, number: notes.size + 1, repeats: 0 }));
  node.data = {
    hName: 'sup',
    hProperties: { id, role: 'doc-noteref' },
    hChildren: [element('a', { href: `#fn:${name}`, className: ['footnote'], rel: ['footnote'] }, [{ type: 'text', value: String(note.number) }])],
  };
  return undefined;
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
  // The definition's position: where its text starts decides a leading blank line in the serialiser.
  return { type: 'kramdownFootnote', data: { hName: 'li', hProperties: { id: `fn:${note.name}`, role: 'doc-endnote' } }, children, position: note.definition.position };
}

function element(tagName: string, properties: Record<string, string | string[]>, children: ElementContent[]): ElementContent {
  return { type: 'element', tagName, properties, children };
}
