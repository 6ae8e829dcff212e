/**
 * kramdown-parser-gfm's backslash escapes (ESCAPED_CHARS_GFM) in place of CommonMark's, which escape
 * every ASCII punctuation character: kramdown removes the backslash only before one of
 * `\ . * _ + ` < > ( ) [ ] { } # ! : | " ' $ = - ~`, so `\&`, `\%` or `\@` keep it.
 *
 * Link destinations, titles and reference definitions are read verbatim by kramdown (link.rb takes
 * the URL as written), so CommonMark's escapes there, in micromark's string content, are dropped too:
 * `[x](C:\a\_b)` links to `C:\a\_b`.
 */
import type { Code, Construct, Effects, Extension, State } from 'micromark-util-types';

const ESCAPED = new Set([...'\\.*_+`<>()[]{}#!:|"\'$=-~'].map((character) => character.charCodeAt(0)));

const kramdownCharacterEscape: Construct = { name: 'kramdownCharacterEscape', tokenize };

export function kramdownEscapes(): Extension {
  return { text: { 92: kramdownCharacterEscape }, disable: { null: ['characterEscape'] } };
}

// Emits the same tokens as CommonMark's characterEscape, so mdast-util-from-markdown reads it unchanged.
function tokenize(effects: Effects, ok: State, nok: State): State {
  return start;

  function start(code: Code): State | undefined {
    effects.enter('characterEscape');
    effects.enter('escapeMarker');
    effects.consume(code);
    effects.exit('escapeMarker');
    return inside;
  }

  function inside(code: Code): State | undefined {
    if (code === null || !ESCAPED.has(code)) return nok(code);
    effects.enter('characterEscapeValue');
    effects.consume(code);
    effects.exit('characterEscapeValue');
    effects.exit('characterEscape');
    return ok;
  }
}
