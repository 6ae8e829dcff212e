/**
 * Maps each character of an mdast text value back to the Markdown source it came from. Kramdown
 * decides typography on the source (escaped characters and entities are never smartened, the text
 * after a quote includes markup), while remark hands us decoded text, so we re-align the two.
 */

export interface SourceAlignment {
  /** Source offset of each value character, or -1 where the alignment was lost. */
  offsets: number[];
  /** True where the character is plain source text, false where it came from an escape or entity. */
  plain: boolean[];
}

const ENTITY = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

export function alignTextToSource(value: string, source: string, start: number, end: number): SourceAlignment {
  const offsets: number[] = new Array<number>(value.length).fill(-1);
  const plain: boolean[] = new Array<boolean>(value.length).fill(true);
  let at = start;
  for (let index = 0; index < value.length; index++) {
    const char = value[index];
    if (source[at] === '\\' && source[at + 1] === char && ASCII_PUNCTUATION.test(char)) {
      offsets[index] = at + 1;
      plain[index] = false;
      at += 2;
      continue;
    }
    if (source[at] === '&') {
      const entity = ENTITY.exec(source.slice(at, at + 40));
      if (entity && !(char === '&' && entity[0].length === 1)) {
        offsets[index] = at;
        plain[index] = false;
        // An entity for a character outside the BMP decodes to a surrogate pair.
        if (char.charCodeAt(0) >= 0xd800 && char.charCodeAt(0) < 0xdc00 && index + 1 < value.length) {
          plain[++index] = false;
        }
        at += entity[0].length;
        continue;
      }
    }
    if (source[at] !== char) {
      // Stripped indentation, blockquote markers or similar: skip ahead to the character.
      const found = source.indexOf(char, at);
      if (found === -1 || found >= end) return { offsets, plain };
      at = found;
    }
    offsets[index] = at++;
  }
  return { offsets, plain };
}
