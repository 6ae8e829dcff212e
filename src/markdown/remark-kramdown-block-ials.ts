/**
 * Applies kramdown block IALs and ALDs, which prepareKramdownSource turned into marker comments.
 *
 * Kramdown (parser/kramdown/extensions.rb, parse_block_extensions): an IAL directly below a block
 * (no blank line between) belongs to that block; otherwise it is kept for the next block. Several
 * IAL lines in a row all apply to the same block. References (`{: myref}`) pull in the attributes of
 * the ALD `{:myref: …}` of that name wherever it is defined; the `toc` reference marks the list that
 * becomes the table of contents.
 */
import type { Root, Nodes, Parents, RootContent } from 'mdast';
import { ALD_MARKER, IAL_MARKER, unescapeComment } from './prepare-kramdown-source.ts';
import { emptyAttributes, mergeAttributes, parseAttributeList, type KramdownAttributes } from './kramdown-attribute-list.ts';
import { applyKramdownAttributes } from './apply-kramdown-attributes.ts';

const COMMENT = /^<!--(tryck-i|tryck-a)[a-z]+ ([\s\S]*)-->$/;

export function remarkKramdownBlockIals() {
  return (tree: Root, file: { value: unknown }): void => {
    if (!String(file.value).includes('<!--tryck-')) return;
    const definitions = new Map<string, KramdownAttributes>();
    collectDefinitions(tree, definitions);
    applyIals(tree, definitions);
  };
}

function markerText(node: Nodes, marker: string): string | null {
  if (node.type !== 'html') return null;
  const match = COMMENT.exec(node.value.trim());
  return match && node.value.trim().startsWith(`<!--${marker}`) ? unescapeComment(match[2]) : null;
}

function collectDefinitions(parent: Parents, definitions: Map<string, KramdownAttributes>): void {
  const children = parent.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const child = children[index];
    const text = markerText(child, ALD_MARKER);
    if (text === null) {
      if ('children' in child) collectDefinitions(child, definitions);
      continue;
    }
    children.splice(index--, 1);
    const colon = text.indexOf(':');
    const name = text.slice(0, colon);
    parseAttributeList(text.slice(colon + 1), definitions.get(name) ?? definitions.set(name, emptyAttributes()).get(name));
  }
}

function resolve(text: string, definitions: Map<string, KramdownAttributes>): KramdownAttributes {
  const own = parseAttributeList(text);
  const resolved = emptyAttributes();
  // Referenced ALDs come first, so the IAL's own attributes win (kramdown's update_ial_with_ial).
  for (const ref of own.refs) {
    const definition = definitions.get(ref);
    if (definition) mergeAttributes(resolved, { attributes: definition.attributes, refs: [] });
  }
  return mergeAttributes(resolved, own);
}

function applyIals(parent: Parents, definitions: Map<string, KramdownAttributes>): void {
  const children = parent.children as RootContent[];
  let pending: KramdownAttributes | null = null;
  // The block the previous IAL line was attached to, and the line that IAL ended on.
  let attachedTo: { node: RootContent; line: number } | null = null;
  let previous: RootContent | null = null;
  for (let index = 0; index < children.length; index++) {
    const child = children[index];
    const text = markerText(child, IAL_MARKER);
    if (text === null) {
      if (pending) {
        applyKramdownAttributes(child, pending);
        pending = null;
      }
      if ('children' in child) applyIals(child, definitions);
      previous = child;
      attachedTo = null;
      continue;
    }
    children.splice(index--, 1);
    const attributes = resolve(text, definitions);
    const line = child.position?.start.line ?? 0;
    const endLine = child.position?.end.line ?? line;
    if (attachedTo && attachedTo.line + 1 === line) {
      applyKramdownAttributes(attachedTo.node, attributes);
      attachedTo.line = endLine;
    } else if (previous && previous.position && previous.position.end.line + 1 === line && !pending) {
      applyKramdownAttributes(previous, attributes);
      attachedTo = { node: previous, line: endLine };
    } else {
      pending = pending ? mergeAttributes(pending, attributes) : attributes;
    }
  }
}
