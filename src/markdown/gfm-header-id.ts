/**
 * Header ids as kramdown-parser-gfm 1.1.0 generates them (generate_gfm_header_id in
 * lib/kramdown/parser/gfm.rb): downcase the header's text, drop every character that is not a
 * Unicode word character, `-`, space or tab, turn spaces and tabs into `-`, and number repeats
 * `-1`, `-2`… per document. The prefix is not part of the duplicate count. Unlike GitHub, the
 * text is the header's converted text: smart quotes and typographic symbols are already the
 * characters “ – … (and so disappear), code spans keep their content, images contribute nothing.
 */

// Ruby's \p{Word}: letters, marks, decimal numbers and connector punctuation.
const NON_WORD = /[^\p{L}\p{M}\p{Nd}\p{Pc}\- \t]/gu;

export interface HeaderIdGenerator {
  (text: string): string;
}

/** A fresh generator with its own duplicate counter; create one per document. */
export function createGfmHeaderIdGenerator(prefix = ''): HeaderIdGenerator {
  const counts = new Map<string, number>();
  return (text) => {
    let result = text.toLowerCase().replace(NON_WORD, '').replace(/[ \t]/g, '-');
    const count = (counts.get(result) ?? -1) + 1;
    counts.set(result, count);
    if (count > 0) result += `-${count}`;
    return prefix + result;
  };
}
