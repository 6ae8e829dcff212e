/**
 * Lists and block quotes nested hundreds deep take micromark quadratic time (10,000 deep: 37 s) or
 * overflow the stack. A real text nests a handful of levels, so a text nested deeper than the limit
 * is refused before conversion, with the line where it goes too deep. The depth is estimated in one
 * pass over the lines' prefixes: block quote markers, plus the list items open at that indentation.
 */
import { BuildError } from '../errors.ts';
import type { MarkdownProcessor } from './create-markdown-processor.ts';

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;

/** The first line (1-based) nested deeper than `limit`, or undefined. */
export function findTooDeepLine(markdown: string, limit: number): { line: number; depth: number } | undefined {
  // Content columns of the list items open, innermost last.
  const open: number[] = [];
  let line = 0;
  let start = 0;
  while (start <= markdown.length) {
    let end = markdown.indexOf('\n', start);
    if (end === -1) end = markdown.length;
    line += 1;
    let column = 0;
    let quotes = 0;
    let i = start;
    let first = true;
    for (;;) {
      while (i < end && (markdown[i] === ' ' || markdown[i] === '\t')) {
        column += markdown[i] === '\t' ? 4 - (column % 4) : 1;
        i += 1;
      }
      if (i < end && markdown[i] === '>') {
        quotes += 1;
        column += 1;
        i += 1;
        continue;
      }
      const marker = LIST_MARKER.exec(markdown.slice(i, Math.min(end, i + 11)));
      if (!marker) break;
      // A new item closes the items open at or beyond its column.
      if (first) while (open.length > 0 && open.at(-1)! > column) open.pop();
      first = false;
      column += marker[0].length + 1;
      i += marker[0].length;
      open.push(column);
      if (open.length + quotes > limit) return { line, depth: open.length + quotes };
    }
    if (quotes > limit) return { line, depth: quotes };
    start = end + 1;
  }
  return undefined;
}

/** A processor that refuses text nested deeper than `limit` before converting it. */
export function withNestingLimit(processor: MarkdownProcessor, limit: number): MarkdownProcessor {
  return {
    ...processor,
    render(markdown) {
      const tooDeep = findTooDeepLine(markdown, limit);
      if (tooDeep) {
        throw new BuildError(`Lists or block quotes are nested more than ${limit} deep here.`, {
          line: tooDeep.line,
          hint: 'Nest fewer levels; if the nesting is meant, raise tryck_limits: markdown_nesting in _config.yml.',
        });
      }
      return processor.render(markdown);
    },
  };
}
