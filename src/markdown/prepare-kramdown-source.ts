/**
 * Rewrites kramdown block-level syntax that CommonMark would swallow into a neighbouring block, so
 * remark sees it as a block of its own.
 *
 * A block IAL (`{: .klass}`) or ALD (`{:name: .klass}`) on its own line is, for CommonMark, a lazy
 * continuation of the paragraph, list item or blockquote above it (or a table row). Kramdown instead
 * ends the block there. We replace the line by an HTML comment marker with the same text: an HTML
 * comment may interrupt a paragraph, is never a lazy continuation, and keeps the line count, so
 * "was there a blank line before it" is still answerable from positions.
 */

export const IAL_MARKER = 'tryck-ial ';
export const ALD_MARKER = 'tryck-ald ';

// kramdown's IAL_BLOCK_START / ALD_START (parser/kramdown/extensions.rb), anchored to a whole line.
const ALD_LINE = /^( {0,3})\{:(\w[\w-]*):((?:\\\}|[^}])+)\}[ \t]*$/;
const IAL_LINE = /^([ \t]*)\{:(?!:|\/)((?:\\\}|[^}])+)\}[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

export function prepareKramdownSource(markdown: string): string {
  if (!markdown.includes('{:')) return markdown;
  const lines = markdown.split('\n');
  let fence: string | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    const fenceMatch = FENCE.exec(line);
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length && line.trim() === fenceMatch[1]) fence = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      continue;
    }
    if (!line.includes('{:')) continue;
    const ald = ALD_LINE.exec(line);
    if (ald) {
      lines[index] = `${ald[1]}<!--${ALD_MARKER}${ald[2]}:${escapeComment(ald[3])}-->`;
      continue;
    }
    const ial = IAL_LINE.exec(line);
    // Four or more spaces would be an indented code line outside lists; kramdown allows at most three
    // at the top level, but list item content is indented, so only refuse where it cannot be a list.
    if (ial && (ial[1].length < 4 || precededByListContent(lines, index))) {
      lines[index] = `${ial[1]}<!--${IAL_MARKER}${escapeComment(ial[2])}-->`;
    }
  }
  return lines.join('\n');
}

/** Reverses the escaping of {@link escapeComment}. */
export function unescapeComment(text: string): string {
  return text.replace(/-\u200b-/g, '--');
}

// `--` is legal inside an HTML comment for micromark, but `-->` would end it early.
function escapeComment(text: string): string {
  return text.replace(/--/g, '-\u200b-');
}

function precededByListContent(lines: string[], index: number): boolean {
  for (let previous = index - 1; previous >= 0; previous--) {
    const line = lines[previous];
    if (line.trim() === '') continue;
    if (/^\s*(?:[*+-]|\d+[.)])\s/.test(line)) return true;
    if (!/^\s/.test(line)) return false;
  }
  return false;
}
