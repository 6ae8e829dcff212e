/**
 * The Markdown syntax kramdown's GFM parser has on top of CommonMark that we parse with micromark
 * extensions: tables, `~~strikethrough~~` (double tildes only: STRIKETHROUGH_DELIM in
 * kramdown-parser-gfm) and footnotes (`[^name]`, shaped by remark-kramdown-footnotes.ts).
 * Deliberately not remark-gfm as a whole: kramdown has no autolink literals.
 * Block HTML and backslash escapes follow kramdown's rules instead of CommonMark's
 * (micromark-kramdown-html.ts, micromark-kramdown-escapes.ts);
 * tables are only attempted where a delimiter row may follow (micromark-gfm-table-lookahead.ts).
 */
import type { Processor } from 'unified';
import { gfmTableWithLookahead } from './micromark-gfm-table-lookahead.ts';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { kramdownHtmlFlow, type SourceRef } from './micromark-kramdown-html.ts';
import { kramdownEscapes } from './micromark-kramdown-escapes.ts';
import { kramdownSpanHtmlFlow, kramdownSpanHtmlFromMarkdown } from './micromark-kramdown-span-html.ts';

export interface KramdownSyntaxOptions {
  /** Holds the exact text each parse reads (block HTML and tables look ahead in it). */
  source: SourceRef;
}

export function remarkKramdownSyntax(this: Processor, options: KramdownSyntaxOptions): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTableWithLookahead(options.source), gfmStrikethrough({ singleTilde: false }), gfmFootnote(), kramdownHtmlFlow(options.source), kramdownSpanHtmlFlow(options.source), kramdownEscapes());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmFootnoteFromMarkdown(), kramdownSpanHtmlFromMarkdown());
}
