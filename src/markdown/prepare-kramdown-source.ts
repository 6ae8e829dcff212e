/**
 * Rewrites kramdown block-level syntax that CommonMark would swallow into a neighbouring block, so
 * remark sees it as a block of its own.
 *
 * A block IAL (`{: .klass}`) or ALD (`{:name: .klass}`) on its own line is, for CommonMark, a lazy
 * continuation of the paragraph, list item or blockquote above it (or a table row). Kramdown instead
 * ends the block there. We replace the line by an HTML comment marker with the same text: an HTML
 * comment may interrupt a paragraph, is never a lazy continuation, and keeps the line count, so
 * "was there a blank line before it" is still answerable from positions.
 *
 * A definition (`: text` below a term, list.rb DEFINITION_LIST_START) ends a paragraph in kramdown
 * and holds indented block content like a list item. Its `:` becomes `+`, a bullet that may
 * interrupt a paragraph, and the line is noted in `facts`; remarkKramdownDefinitionLists turns
 * those lists into `<dl>`. An abbreviation definition (`*[HTML]: text`, abbreviation.rb) at the
 * start of a block is noted and its line emptied.
 */

/** What prepareKramdownSource found, for the plugins that need it. Cleared by each call. */
export interface KramdownSourceFacts {
  /** 1-based line numbers of definition markers, mapped to whether a blank line precedes them. */
  definitionLines: Map<number, boolean>;
  /** Abbreviation → its title (possibly empty), in definition order; a later definition wins. */
  abbreviations: Map<string, string>;
}

export function emptySourceFacts(): KramdownSourceFacts {
  return { definitionLines: new Map(), abbreviations: new Map() };
}

export const IAL_MARKER = 'tryck-ial ';
export const ALD_MARKER = 'tryck-ald ';

// kramdown's IAL_BLOCK_START / ALD_START (parser/kramdown/extensions.rb), anchored to a whole line.
const ALD_LINE = /^( {0,3})\{:(\w[\w-]*):((?:\\\}|[^}])+)\}[ \t]*$/;
const IAL_LINE = /^([ \t]*)\{:(?!:|\/)((?:\\\}|[^}])+)\}[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const DEFINITION_LINE = /^( {0,3}):(?=[\t ])/;
// ABBREV_DEFINITION_START.
const ABBREVIATION_LINE = /^ {0,3}\*\[(.+?)\]:(.*)$/;
const NEEDS_WORK = /\{:|^ {0,3}(?::[\t ]|\*\[)/m;
// Every line the patterns above match starts with one of these (indentation, a fence, `:`, `*[`, `{:`);
// a line starting with anything else, as text does, needs no closer look.
const SYNTAX_START = new Set([' ', '\t', '`', '~', ':', '*', '{']);

export function prepareKramdownSource(markdown: string, facts: KramdownSourceFacts = emptySourceFacts()): string {
  facts.definitionLines.clear();
  facts.abbreviations.clear();
  if (!NEEDS_WORK.test(markdown)) return markdown;
  const lines = markdown.split('\n');
  let abbreviationBefore = false;
  let fence: string | null = null;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (!SYNTAX_START.has(line[0])) {
      if (fence === null) abbreviationBefore = false;
      continue;
    }
    const fenceMatch = FENCE.exec(line);
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length && line.trim() === fenceMatch[1]) fence = null;
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      continue;
    }
    const previousBlank = index === 0 || lines[index - 1].trim() === '';
    const definition = DEFINITION_LINE.exec(line);
    if (definition) {
      lines[index] = `${definition[1]}+${line.slice(definition[0].length)}`;
      facts.definitionLines.set(index + 1, previousBlank);
      abbreviationBefore = false;
      continue;
    }
    if (line.includes('*[')) {
      const abbreviation = ABBREVIATION_LINE.exec(line);
      if (abbreviation && (previousBlank || abbreviationBefore || /^ {0,3}#/.test(lines[index - 1]))) {
        facts.abbreviations.delete(abbreviation[1]);
        facts.abbreviations.set(abbreviation[1], abbreviation[2].trim());
        lines[index] = '';
        abbreviationBefore = true;
        continue;
      }
    }
    abbreviationBefore = false;
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
