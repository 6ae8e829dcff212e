/**
 * Re-indents list lines so that CommonMark's list rules give the lists kramdown's parse_list
 * (parser/kramdown/list.rb) finds. Kramdown gathers an item's lines first and parses them later:
 *
 * - a line that is not blank, follows a non-blank line and is neither indented to the item's content
 *   column nor a new item of the same list is a lazy line of the innermost item, even when it starts
 *   a block (`# h`, `> q`, a fence, or a list marker of the other type: `- x` under `5. item`), and
 *   only IAL and HTML tag lines (lazy_re) end the list. It keeps its own indentation inside the item.
 *   Here such a line is indented by the item's content column, so that CommonMark sees the same.
 * - any bullet continues a bullet list (LIST_START_UL), where CommonMark starts a new list when the
 *   bullet changes: the bullet is rewritten to the list's first one.
 * - kramdown ignores an ordered list's start number and any number may end a paragraph
 *   (PARAGRAPH_END_GFM), where CommonMark lets only `1.` interrupt one: a list's first number becomes
 *   a 1 of the same width (`05.`), so no `start` attribute and no column moves.
 * - `1)` is no list marker for kramdown: its `)` is escaped.
 *
 * The line count never changes, so line positions stay those of the input.
 */
import { elementEnd } from './micromark-kramdown-html.ts';

interface Level {
  ordered: boolean;
  bullet: string;
  /** Content column of the current item, relative to the enclosing content. */
  content: number;
}

/** A fence, raw HTML element or comment whose lines are never list lines, opened at a nesting depth. */
interface Verbatim {
  depth: number;
  /** The closing fence's characters, or the input offset where the HTML ends. */
  until: string | number;
}

// LIST_START_UL / LIST_START_OL, on a line's text after its indentation.
const MARKER = /^(?:([+*-])|(\d+)([.)]))(?=[\t ])/;
const HR = /^ {0,3}([*_-])[ \t]*\1[ \t]*\1(?:\1|[ \t])*$/;
const FENCE = /^(`{3,}|~{3,})/;
// lazy_re's exceptions: IAL_BLOCK and LAZY_END_HTML_START/STOP (a tag of a non-span element).
const IAL_LINE = /^\{:(?!:|\/)(?:\\\}|[^}])+\}\s*$/;
const SPAN_NAMES = 'a|abbr|acronym|b|big|bdo|br|button|cite|code|del|dfn|em|i|img|input|ins|kbd|label|mark|option|q|rb|rbc|rp|rt|rtc|ruby|samp|select|small|span|strong|sub|sup|tt|u|var';
const HTML_START = new RegExp(`^<(?!(?:${SPAN_NAMES}|script)\\b)[A-Za-z_]|^</(?!(?:${SPAN_NAMES})\\b)[A-Za-z_][\\w.:-]*\\s*>`);
// Whether any line could start a list.
const ANY_MARKER = /^[ \t]*(?:[+*-]|\d+[.)])[\t ]/m;

export function prepareKramdownLists(markdown: string): string {
  if (!ANY_MARKER.test(markdown)) return markdown;
  const lines = markdown.split('\n');
  const stack: Level[] = [];
  let verbatim: Verbatim | null = null;
  let lastBlank = true;
  let next = 0;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const offset = next;
    next += line.length + 1;
    if (line.trim() === '') {
      lastBlank = true;
      continue;
    }
    const indent = indentationOf(line);
    const text = line.slice(line.length - line.trimStart().length);
    let rel = indent;
    let shift = 0;
    let depth = 0;
    let newItem: Level | null = null;
    for (; depth < stack.length; depth++) {
      const level = stack[depth];
      if (lastBlank && rel <= 3 && HR.test(text)) break;
      const marker = rel <= 3 ? MARKER.exec(text) : null;
      if (marker && marker[3] !== ')' && Boolean(marker[2]) === level.ordered && rel <= maxMarkerIndent(level.content)) {
        newItem = level;
        break;
      }
      if (rel >= level.content) {
        rel -= level.content;
        continue;
      }
      if (!lastBlank && !(rel <= Math.min(level.content, 3) && (IAL_LINE.test(text) || HTML_START.test(text)))) {
        shift += level.content;
        continue;
      }
      break;
    }
    stack.length = newItem ? depth + 1 : depth;
    if (verbatim && verbatim.depth > stack.length) verbatim = null;
    lastBlank = false;
    let rest = text;
    if (verbatim) {
      if (typeof verbatim.until === 'string' ? closesFence(text, rel, verbatim.until) : offset + line.length >= verbatim.until) verbatim = null;
    } else if (newItem) {
      const marker = MARKER.exec(text)!;
      newItem.content = rel + itemIndentation(marker[0], text.slice(marker[0].length));
      if (!newItem.ordered) rest = newItem.bullet + text.slice(1);
    } else if (rel <= 3) {
      const marker = MARKER.exec(text);
      const fence = FENCE.exec(text);
      if (marker?.[3] === ')') {
        rest = `${marker[2]}\\${text.slice(marker[2].length)}`;
      } else if (marker && !HR.test(text)) {
        const ordered = Boolean(marker[2]);
        stack.push({ ordered, bullet: marker[1] ?? '', content: rel + itemIndentation(marker[0], text.slice(marker[0].length)) });
        if (ordered) rest = `${'1'.padStart(marker[2].length, '0')}${text.slice(marker[2].length)}`;
      } else if (fence) {
        verbatim = { depth: stack.length, until: fence[1] };
      } else if (text.startsWith('<!--')) {
        const end = markdown.indexOf('-->', offset + line.length - text.length + 4);
        if (end > offset + line.length) verbatim = { depth: stack.length, until: end };
      } else if (text.startsWith('<')) {
        const end = elementEnd(markdown, offset + line.length - text.length);
        if (end > offset + line.length) verbatim = { depth: stack.length, until: end };
      }
    }
    if (shift > 0 || rest !== text) lines[index] = ' '.repeat(indent + shift) + rest;
  }
  return lines.join('\n');
}

/** Columns of a line's indentation, a tab counting to the next multiple of four. */
function indentationOf(line: string): number {
  let columns = 0;
  for (const character of line) {
    if (character === ' ') columns += 1;
    else if (character === '\t') columns += 4 - (columns % 4);
    else break;
  }
  return columns;
}

/** parse_first_list_line: the marker's width plus the spaces after it; 4 for an item with no text. */
function itemIndentation(marker: string, content: string): number {
  if (content.trim() === '' || /^\s*\{:[^}]*\}\s*$/.test(content)) return 4;
  return marker.length + indentationOf(content);
}

/** fetch_pattern: how far a later item's marker may be indented (at most three spaces). */
function maxMarkerIndent(content: number): number {
  return Math.min(content - 1, 3);
}

function closesFence(text: string, rel: number, fence: string): boolean {
  const close = FENCE.exec(text);
  return rel <= 3 && close !== null && close[1][0] === fence[0] && close[1].length >= fence.length && text.trim() === close[1];
}
