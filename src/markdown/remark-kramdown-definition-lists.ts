/**
 * kramdown's definition lists (parse_definition_list in parser/kramdown/list.rb).
 *
 * prepareKramdownSource turned each definition marker `:` into a `+` bullet and noted its line, so
 * here a definition list arrives as a paragraph (the terms, one per line) followed by a list. The
 * paragraph must end directly above the list or one blank line above it; otherwise kramdown never
 * saw a definition list and the lines are paragraphs starting with `: `. A list whose terms follow
 * a definition list (any blank lines between) joins it.
 *
 * The first paragraph of a definition is not wrapped in `<p>` unless a blank line precedes its
 * marker (kramdown's `first_as_para`); its other blocks are.
 */
import type { Root, Parents, RootContent, List, ListItem, Paragraph, PhrasingContent, Html } from 'mdast';
import type { KramdownSourceFacts } from './prepare-kramdown-source.ts';

export interface DefinitionListOptions {
  /** Filled by prepareKramdownSource for the document being parsed. */
  facts: KramdownSourceFacts;
}

const DL = 'kramdownDefinitionList';

export function remarkKramdownDefinitionLists(options: DefinitionListOptions) {
  return (tree: Root): void => {
    const lines = options.facts.definitionLines;
    if (lines.size === 0) return;
    transform(tree, lines);
  };
}

function transform(parent: Parents, lines: Map<number, boolean>): void {
  const children = parent.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const node = children[index];
    if (node.type === 'html') restoreMarkers(node, lines);
    if ('children' in node) transform(node, lines);
    if (node.type !== 'list' || !isDefinitionList(node, lines)) continue;
    const previous = children[index - 1];
    if (previous?.type === 'paragraph' && lineGap(previous, node) <= 1) {
      const entries = [...terms(previous), ...node.children.map((item) => definition(item, lines))];
      const before = children[index - 2] as unknown as { type: string; children: RootContent[] } | undefined;
      if (before?.type === DL) {
        before.children.push(...entries);
        children.splice(index - 1, 2);
        index -= 2;
      } else {
        const list = { type: DL, data: { hName: 'dl' }, children: entries, position: { start: previous.position!.start, end: node.position!.end } };
        children.splice(index - 1, 2, list as unknown as RootContent);
        index -= 1;
      }
    } else {
      // Not a definition list for kramdown: the marker lines are ordinary text.
      const blocks = node.children.flatMap((item) => {
        const [first] = item.children;
        if (first?.type === 'paragraph') first.children.unshift({ type: 'text', value: ': ' });
        return item.children as RootContent[];
      });
      children.splice(index, 1, ...blocks);
      index += blocks.length - 1;
    }
  }
}

function isDefinitionList(list: List, lines: Map<number, boolean>): boolean {
  const line = list.position?.start.line;
  return !list.ordered && line !== undefined && lines.has(line);
}

function lineGap(before: RootContent, after: RootContent): number {
  return (after.position?.start.line ?? 0) - (before.position?.end.line ?? 0) - 1;
}

/** One `<dt>` per line of the paragraph. */
function terms(paragraph: Paragraph): RootContent[] {
  const groups: PhrasingContent[][] = [[]];
  for (const child of paragraph.children) {
    if (child.type === 'break') {
      groups.push([]);
    } else if (child.type === 'text' && child.value.includes('\n')) {
      child.value.split('\n').forEach((part, i) => {
        if (i > 0) groups.push([]);
        if (part) groups[groups.length - 1].push({ type: 'text', value: part });
      });
    } else {
      groups[groups.length - 1].push(child);
    }
  }
  return groups
    .filter((group) => group.length > 0)
    .map((group) => {
      const first = group[0];
      const last = group[group.length - 1];
      if (first.type === 'text') first.value = first.value.replace(/^[ \t]+/, '');
      if (last.type === 'text') last.value = last.value.replace(/[ \t]+$/, '');
      return { type: 'kramdownTerm', data: { hName: 'dt' }, children: group } as unknown as RootContent;
    });
}

function definition(item: ListItem, lines: Map<number, boolean>): RootContent {
  const children = item.children as RootContent[];
  const firstAsParagraph = lines.get(item.position?.start.line ?? 0) ?? false;
  const content = children[0]?.type === 'paragraph' && !firstAsParagraph ? [...children[0].children, ...children.slice(1)] : children;
  return { type: 'kramdownDefinition', data: { hName: 'dd' }, children: content, position: item.position } as unknown as RootContent;
}

/** Raw HTML keeps its text: a marker line inside it goes back to `:`. */
function restoreMarkers(node: Html, lines: Map<number, boolean>): void {
  const start = node.position?.start.line;
  const end = node.position?.end.line;
  if (start === undefined || end === undefined) return;
  let touched = false;
  const valueLines = node.value.split('\n');
  for (let line = start; line <= end; line++) {
    if (!lines.has(line)) continue;
    const i = line - start;
    valueLines[i] = valueLines[i]?.replace(/^( *)\+/, '$1:');
    touched = true;
  }
  if (touched) node.value = valueLines.join('\n');
}
