/**
 * GFM tables (micromark-extension-gfm-table), tried only where the next line could be a delimiter
 * row. The table construct is attempted at the start of every flow line, paragraph lines included,
 * and reads the whole line as a header row before it looks at the next line: for prose that is a
 * second scan of every paragraph, with a token per word. A delimiter row holds at least one `-` and
 * a `|` or `:` (without them it is a thematic break or setext underline), so when the next line of
 * the source has neither the attempt fails anyway and we fail it at once. Body rows, which need no
 * delimiter, go straight to the table construct.
 *
 * Like micromark-kramdown-html.ts this looks ahead in the document itself: `source.text` must be
 * exactly the string given to the parser.
 */
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { SourceRef } from './micromark-kramdown-html.ts';

export function gfmTableWithLookahead(source: SourceRef): Extension {
  const table = gfmTable().flow?.null;
  if (table === undefined || Array.isArray(table)) throw new Error('micromark-extension-gfm-table: expected one flow construct');
  const construct: Construct = table as Construct;
  const guarded: Construct = {
    ...construct,
    tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
      const self = this;
      return (code: Code) =>
        continuesTable(self) || delimiterRowMayFollow(source.text, self.now().offset)
          ? construct.tokenize.call(self, effects, ok, nok)(code)
          : nok(code);
    },
  };
  return { flow: { null: guarded } };
}

/** The construct's own test for a body row: the last token before line endings and prefixes is a table head or row. */
function continuesTable(self: TokenizeContext): boolean {
  for (let index = self.events.length - 1; index > -1; index--) {
    const type = self.events[index][1].type;
    if (type !== 'lineEnding' && type !== 'linePrefix') return type === 'tableHead' || type === 'tableRow';
  }
  return false;
}

/** Whether the line after the one at `offset` holds a `-` and a `|` or `:`. */
function delimiterRowMayFollow(text: string, offset: number): boolean {
  const lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) return false;
  const nextEnd = text.indexOf('\n', lineEnd + 1);
  let dash = false;
  let divider = false;
  for (let index = lineEnd + 1, end = nextEnd < 0 ? text.length : nextEnd; index < end; index++) {
    const char = text.charCodeAt(index);
    if (char === 45) dash = true;
    else if (char === 124 || char === 58) divider = true;
  }
  return dash && divider;
}
