/**
 * kramdown's abbreviations (parser/kramdown/abbreviation.rb, replace_abbreviations; converter
 * convert_abbreviation). prepareKramdownSource collected the `*[ABBR]: title` lines; here every
 * occurrence of an abbreviation in text (longest first, preceded by a non-word character or the
 * start of a line, not followed by a word character — ASCII word characters, as Ruby's \w) becomes
 * `<abbr title="title">ABBR</abbr>`, or `<abbr>` when the title is empty. Code and raw HTML are
 * left alone.
 */
import type { Root, Parents, RootContent, Text } from 'mdast';
import type { KramdownSourceFacts } from './prepare-kramdown-source.ts';

export interface AbbreviationOptions {
  /** Filled by prepareKramdownSource for the document being parsed. */
  facts: KramdownSourceFacts;
}

export function remarkKramdownAbbreviations(options: AbbreviationOptions) {
  return (tree: Root): void => {
    const definitions = options.facts.abbreviations;
    if (definitions.size === 0) return;
    const names = [...definitions.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    const pattern = new RegExp(`(?<=^|[^A-Za-z0-9_])(?:${names.join('|')})(?![A-Za-z0-9_])`, 'gm');
    replace(tree, pattern, definitions);
  };
}

function replace(parent: Parents, pattern: RegExp, definitions: Map<string, string>): void {
  const children = parent.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const node = children[index];
    if (node.type === 'text') {
      const parts = split(node, pattern, definitions);
      if (parts) {
        children.splice(index, 1, ...parts);
        index += parts.length - 1;
      }
    } else if ('children' in node) {
      replace(node, pattern, definitions);
    }
  }
}

function split(node: Text, pattern: RegExp, definitions: Map<string, string>): RootContent[] | null {
  const value = node.value;
  pattern.lastIndex = 0;
  let match = pattern.exec(value);
  if (!match) return null;
  const parts: RootContent[] = [];
  let last = 0;
  while (match) {
    if (match.index > last) parts.push({ type: 'text', value: value.slice(last, match.index) });
    const name = match[0];
    const title = definitions.get(name) ?? '';
    parts.push({
      type: 'kramdownAbbreviation',
      data: { hName: 'abbr', hProperties: title ? { title } : {}, hChildren: [{ type: 'text', value: name }] },
    } as unknown as RootContent);
    last = match.index + name.length;
    match = pattern.exec(value);
  }
  if (last < value.length) parts.push({ type: 'text', value: value.slice(last) });
  return parts;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
