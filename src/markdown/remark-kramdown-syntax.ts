/**
 * The Markdown syntax kramdown's GFM parser has on top of CommonMark that we parse with micromark
 * extensions: tables and `~~strikethrough~~` (double tildes only: STRIKETHROUGH_DELIM in
 * kramdown-parser-gfm). Deliberately not remark-gfm as a whole: kramdown has no autolink literals.
 */
import type { Processor } from 'unified';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';

export function remarkKramdownSyntax(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmStrikethrough({ singleTilde: false }));
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown());
}
