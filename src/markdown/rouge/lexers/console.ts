/**
 * Rouge's ConsoleLexer (lexers/console.rb) with its default options: a line whose start runs up to a
 * `$`, `#`, `>` or `;` is a prompt followed by shell code (even "Svar > 3" is, in Rouge); `...` alone
 * is a snip; any other line is output.
 */
import type { LexerDefinition } from '../regex-lexer.ts';

const LINE = /([^\n]*?)(\n|$)/y;
const SNIP = /^\s*(?:<[.]+>|[.]+)\s*$(?![\s\S])/;
const PROMPT = /^[\s\S]*?(?:\$|#|>|;)/;

export const consoleLexer: LexerDefinition = {
  names: ['console', 'terminal', 'shell_session', 'shell-session'],
  states: {},
  stream(code, api) {
    api.reset('shell');
    let position = 0;
    while (position < code.length) {
      LINE.lastIndex = position;
      const line = LINE.exec(code)![0];
      position += line.length;
      if (line === '') break;
      const prompt = PROMPT.exec(line);
      if (SNIP.test(line)) {
        api.reset('shell');
        api.emit('Comment', line);
      } else if (prompt) {
        api.emit('Generic.Prompt', prompt[0]);
        const rest = line.slice(prompt.index + prompt[0].length);
        const space = /^\s*/.exec(rest)![0];
        if (space !== '') api.emit('Text.Whitespace', space);
        api.continueWith('shell', rest.slice(space.length));
      } else {
        api.reset('shell');
        api.emit('Generic.Output', line);
      }
    }
  },
};
