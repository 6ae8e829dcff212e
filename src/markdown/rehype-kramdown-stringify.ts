/**
 * The compiler of the Markdown pipeline, in place of rehype-stringify: writes the tree with
 * serializeKramdownHtml, looking up blank lines in the file's Markdown and the raw HTML ranges that
 * rehypeRawWhenNeeded recorded before it parsed them.
 */
import type { Root } from 'hast';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { serializeKramdownHtml, type RawHtmlRanges } from './serialize-kramdown-html.ts';

declare module 'vfile' {
  interface DataMap {
    /** Source offsets [start, end) of the raw HTML nodes an HTML parser turned into elements. */
    rawHtmlRanges: RawHtmlRanges;
  }
}

export function rehypeKramdownStringify(this: Processor): void {
  this.compiler = (tree, file: VFile) => serializeKramdownHtml(tree as Root, String(file.value ?? ''), file.data.rawHtmlRanges);
}
