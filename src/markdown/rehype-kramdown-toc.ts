/**
 * Replaces the first list marked `{:toc}` with kramdown's table of contents (generate_toc_tree in
 * kramdown 2.4.0 converter/html.rb):
 *
 *   <ul id="markdown-toc"><li><a href="#id" id="markdown-toc-id">Header</a><ul>…</ul></li></ul>
 *
 * Entries are every Markdown header with an id, whose level is in toc_levels and that has no
 * `no_toc` class. A deeper header nests inside the nearest shallower one before it, however many
 * levels it skips; the entry's content is the header's content with links unwrapped. Later `{:toc}`
 * lists stay ordinary lists, as in kramdown. Also drops empty header ids: html_attributes omits
 * them, though the TOC still links to `#`.
 */
import type { Root, Element, ElementContent, Properties } from 'hast';
import { forEachElement } from './for-each-element.ts';
import { TOC_MARKER } from './apply-kramdown-attributes.ts';
import { HEADER_MARKER } from './rehype-kramdown-header-ids.ts';

interface Entry {
  level: number;
  id: string;
  /** The header; its content is copied only when there is a TOC to put it in. */
  header: Element;
}

interface Section {
  level: number;
  item: Element;
  sublist: Element;
}

export function rehypeKramdownToc(options: { levels: readonly number[] }) {
  return (tree: Root): void => {
    const entries: Entry[] = [];
    let tocList: Element | null = null;
    forEachElement(tree, (node: Element) => {
      if (HEADER_MARKER in node.properties) {
        delete node.properties[HEADER_MARKER];
        const id = node.properties.id;
        const level = Number(node.tagName.slice(1));
        const classes = Array.isArray(node.properties.className) ? node.properties.className.map(String) : [];
        if (typeof id === 'string' && options.levels.includes(level) && !classes.includes('no_toc')) {
          entries.push({ level, id, header: node });
        }
        if (id === '') delete node.properties.id;
      } else if (TOC_MARKER in node.properties) {
        if (tocList === null) tocList = node;
        else delete node.properties[TOC_MARKER];
      }
    });
    // convert_root: a table of contents without entries is replaced by nothing at all.
    if (tocList && entries.length === 0) removeElement(tree, tocList);
    else if (tocList) buildToc(tocList, entries);
  };
}

function removeElement(parent: Root | Element, target: Element): boolean {
  const index = parent.children.indexOf(target);
  if (index !== -1) {
    parent.children.splice(index, 1);
    return true;
  }
  return parent.children.some((child) => child.type === 'element' && removeElement(child, target));
}

function buildToc(list: Element, entries: Entry[]): void {
  const type = list.properties[TOC_MARKER] === 'ol' ? 'ol' : 'ul';
  const properties: Properties = { ...list.properties };
  delete properties[TOC_MARKER];
  properties.id ??= 'markdown-toc';
  const tocId = String(properties.id);
  list.tagName = type;
  list.properties = properties;
  list.children = [];
  const stack: Section[] = [];
  for (const entry of entries) {
    const link: Element = {
      type: 'element',
      tagName: 'a',
      properties: { href: `#${entry.id}`, id: `${tocId}-${entry.id}` },
      children: entryContent(entry.header.children),
    };
    const sublist: Element = { type: 'element', tagName: type, properties: {}, children: [] };
    const item: Element = { type: 'element', tagName: 'li', properties: {}, children: [link, sublist] };
    while (stack.length > 0 && stack[stack.length - 1].level >= entry.level) closeSection(stack.pop());
    (stack.length === 0 ? list : stack[stack.length - 1].sublist).children.push(item);
    stack.push({ level: entry.level, item, sublist });
  }
  while (stack.length > 0) closeSection(stack.pop());
}

function closeSection(section: Section | undefined): void {
  if (section && section.sublist.children.length === 0) section.item.children.pop();
}

/**
 * A copy of a header's content (the TOC shares no node with the header), links unwrapped. The copy
 * has no source position: it does not stand where the header does.
 */
function entryContent(children: ElementContent[]): ElementContent[] {
  return children.flatMap((child): ElementContent[] => {
    if (child.type !== 'element') return [{ ...child, position: undefined }];
    if (child.tagName === 'a') return entryContent(child.children);
    if (child.tagName === 'sup' && Array.isArray(child.properties.className) && child.properties.className.includes('footnote-ref')) return [];
    return [{ ...child, position: undefined, properties: copyProperties(child.properties), children: entryContent(child.children) }];
  });
}

function copyProperties(properties: Properties): Properties {
  const copy: Properties = {};
  for (const [key, value] of Object.entries(properties)) copy[key] = Array.isArray(value) ? [...value] : value;
  return copy;
}
