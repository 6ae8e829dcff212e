/**
 * Puts back the whitespace around line breaks inside a paragraph that CommonMark drops and kramdown
 * keeps (parser/kramdown/paragraph.rb joins the lines as they are): spaces before a newline, and the
 * indentation of a continuation line beyond what its container (list item, definition, blockquote
 * marker) takes. A browser does not see it; `strip_html | jsonify` and `truncate` do.
 */
import type { Break, Parents, Root, RootContent, Text } from 'mdast';
import type { Text as HastText, Element } from 'hast';
import type { State } from 'mdast-util-to-hast';
import type { VFile } from 'vfile';

/** mdast-util-to-hast's text handler, without its trimLines: the whitespace put back here stays. */
export function untrimmedTextHandler(state: State, node: Text): HastText | Element {
  const result: HastText = { type: 'text', value: node.value };
  state.patch(node, result);
  return state.applyData(node, result);
}

/** mdast-util-to-hast's break handler, with the next line's indentation after the newline. */
export function indentedBreakHandler(state: State, node: Break): Array<Element | HastText> {
  const result: Element = { type: 'element', tagName: 'br', properties: {}, children: [] };
  state.patch(node, result);
  return [state.applyData(node, result), { type: 'text', value: `\n${node.data?.kramdownIndent ?? ''}` }];
}

declare module 'mdast' {
  interface BreakData {
    /** The indentation kramdown keeps at the start of the line after the break. */
    kramdownIndent?: string;
  }
}

/** What the containers of a text take off the start of each of its lines. */
interface LinePrefix {
  /** Blockquote levels: each takes `/^ {0,3}> ?/`. */
  quotes: number;
  /** The column (0-based) where list item or definition content starts; that many spaces are taken. */
  indent: number;
}

export function remarkKramdownLineWhitespace() {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    if (!/[ \t]\n|\n[ \t>]/.test(source)) return;
    walk(tree, source, { quotes: 0, indent: 0 });
  };
}

function walk(parent: Parents, source: string, prefix: LinePrefix): void {
  const children = parent.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const node = children[index];
    if (node.type === 'text') {
      if (node.value.includes('\n')) restoreLineWhitespace(node, source, prefix);
    } else if (node.type === 'break') {
      restoreBreakWhitespace(children[index - 1], node, children[index + 1], source, prefix);
    } else if ('children' in node) {
      walk(node, source, containerPrefix(node, prefix));
    }
  }
}

function containerPrefix(node: RootContent, prefix: LinePrefix): LinePrefix {
  if (node.type === 'blockquote') return { ...prefix, quotes: prefix.quotes + 1 };
  const type = node.type as string;
  // parser/kramdown/footnote.rb takes INDENT, four spaces, off each line of a definition.
  if (type === 'footnoteDefinition') return { ...prefix, indent: prefix.indent + 4 };
  if (type === 'listItem' || type === 'kramdownDefinition') {
    const first = (node as Parents).children[0];
    const column = first?.position?.start.column;
    if (column !== undefined) return { ...prefix, indent: column - 1 };
  }
  return prefix;
}

function restoreLineWhitespace(node: Text, source: string, prefix: LinePrefix): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return;
  const lines = node.value.split('\n');
  const sourceLines = source.slice(start, end).split('\n');
  // Only where each line break of the text is a line break of the source.
  if (lines.length !== sourceLines.length) return;
  let value = lines[0];
  let lineEnd = start + sourceLines[0].length;
  for (let index = 1; index < lines.length; index++) {
    // Spaces before the first line break may lie before the text node (after `*a*`, for one).
    let from = lineEnd;
    while (from > 0 && (source[from - 1] === ' ' || source[from - 1] === '\t')) from--;
    const trailing = source.slice(from, lineEnd);
    if (!lines[index - 1].endsWith(trailing)) value += trailing;
    lineEnd += 1 + sourceLines[index].length;
    value += `\n${leadingWhitespace(sourceLines[index], prefix)}${lines[index]}`;
  }
  node.value = value;
}

/**
 * Around a hard line break: kramdown's LINE_BREAK takes only the last two of the spaces before the
 * newline, and the next line keeps its indentation.
 */
function restoreBreakWhitespace(before: RootContent | undefined, lineBreak: Break, after: RootContent | undefined, source: string, prefix: LinePrefix): void {
  const start = lineBreak.position?.start.offset;
  const end = lineBreak.position?.end.offset;
  if (start === undefined || end === undefined) return;
  const spaces = /^ +(?=\n$)/.exec(source.slice(start, end))?.[0] ?? '';
  if (before?.type === 'text' && before.position?.end.offset === start && spaces.length > 2) before.value += spaces.slice(2);
  const next = after?.type === 'text' ? after.position?.start.offset : undefined;
  if (next !== undefined && next > end && !source.slice(end, next).includes('\n')) {
    // On the break, not the next text: mdast-util-to-hast trims the start of a text after a break.
    (lineBreak.data ??= {}).kramdownIndent = leadingWhitespace(source.slice(end, next), prefix);
  }
}

/** The indentation kramdown keeps on a continuation line once the containers took their prefixes. */
function leadingWhitespace(line: string, prefix: LinePrefix): string {
  let rest = line;
  let column = 0;
  for (let level = 0; level < prefix.quotes; level++) {
    const marker = /^ {0,3}> ?/.exec(rest);
    if (!marker) break;
    rest = rest.slice(marker[0].length);
    column += marker[0].length;
  }
  const indentation = /^[ \t]*/.exec(rest)?.[0] ?? '';
  // A list item's content column counts from the line start, quote markers included.
  const take = Math.max(0, prefix.indent - column);
  return /^ *$/.test(indentation.slice(0, take)) && indentation.length >= take ? indentation.slice(take) : indentation;
}
