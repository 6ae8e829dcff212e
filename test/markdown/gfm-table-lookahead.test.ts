import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTableWithLookahead } from '../../src/markdown/micromark-gfm-table-lookahead.ts';
import type { SourceRef } from '../../src/markdown/micromark-kramdown-html.ts';
import { createMarkdownProcessor } from '../../src/markdown/create-markdown-processor.ts';

const source: SourceRef = { text: '' };
const guarded = unified().use(remarkParse).data({ micromarkExtensions: [gfmTableWithLookahead(source)], fromMarkdownExtensions: [gfmTableFromMarkdown()] });
const plain = unified().use(remarkParse).data({ micromarkExtensions: [gfmTable()], fromMarkdownExtensions: [gfmTableFromMarkdown()] });

function parseGuarded(markdown: string): unknown {
  source.text = markdown;
  return guarded.parse(markdown);
}

describe('gfm tables with lookahead', () => {
  // The lookahead only skips attempts that fail anyway: the tree is micromark-extension-gfm-table's.
  it.each([
    ['pipes and alignment', '| a | b |\n|---|--:|\n| 1 | 2 |\n'],
    ['a delimiter row with a colon and no pipe', 'Head\n:--\nbody\n'],
    ['body rows without pipes', 'a | b\n--|--\nc\nd | e\n'],
    ['a table in a blockquote', '> | a |\n> | - |\n> | b |\n'],
    ['a table in a list item', '- item\n\n  | a |\n  |---|\n  | b |\n'],
    ['a table after paragraph lines', 'Text\nmore | text\n| - | - |\n'],
    ['a setext underline', 'Text\n---\n'],
    ['a lazy delimiter row', '> a | b\n--|--\n'],
    ['pipes without a delimiter row', 'a | b\nc | d\n\n| x |\n'],
    ['a header row at the end', 'a | b'],
    ['tabs and indentation', '\t| a |\n   | - |\n  a\t| b |\n'],
  ])('parses %s as micromark-extension-gfm-table does', (_name, markdown) => {
    expect(parseGuarded(markdown)).toEqual(plain.parse(markdown));
  });

  it('still renders a table through the whole pipeline', () => {
    expect(createMarkdownProcessor().render('| a |\n|:-|\n| b |\n')).toContain('<td style="text-align: left">b</td>');
  });
});
