/** Rouge's Sass lexer (lexers/sass.rb on sass/common.rb), with its Indentation mixin (util.rb). */
import { mixin, rule, type LexContext, type LexerDefinition } from '../regex-lexer.ts';
import { SASS_COMMON } from './scss.ts';

const ID = String.raw`[\w-]+`;

interface Block {
  state?: string;
  indentation?: string;
  last?: string;
}

const block = (c: LexContext): Block => (c.vars.block ??= {}) as Block;

function startsBlock(c: LexContext, state: string): void {
  const b = block(c);
  b.state = state;
  b.indentation = b.last ?? '';
}

/** A line's indentation: deeper than the line that started a block continues that block, else content. */
function indentation(c: LexContext, indent: string): void {
  const b = block(c);
  b.last = indent;
  if (b.state !== undefined && b.indentation !== undefined && indent.startsWith(b.indentation) && indent !== b.indentation) {
    c.push(b.state);
  } else {
    b.state = undefined;
    b.indentation = undefined;
    c.push('content');
  }
}

export const sass: LexerDefinition = {
  names: ['sass'],
  states: {
    ...SASS_COMMON,
    root: [
      rule(/[ \t]*\n/, 'Text'),
      rule(/[ \t]*/, (c) => {
        c.token('Text');
        indentation(c, c.m[0]);
      }),
    ],
    content: [
      rule(/\/\/.*?$/, (c) => {
        c.token('Comment.Single');
        c.pop();
        startsBlock(c, 'single_comment');
      }),
      rule(/\/[*].*?\n/, (c) => {
        c.token('Comment.Multiline');
        c.pop();
        startsBlock(c, 'multi_comment');
      }),
      rule(/@import\b/, 'Keyword', 'import'),
      mixin('content_common'),
      rule(new RegExp(`=${ID}`), 'Name.Function', 'value'),
      rule(new RegExp(`[+]${ID}`), 'Name.Decorator', 'value'),
      rule(/:/, 'Name.Attribute', 'old_style_attr'),
      rule(/(?=[^[\n]+?:([^a-z]|$))/, (c) => c.push('attribute')),
      rule(/(?:)/, (c) => c.push('selector')),
    ],
    single_comment: [rule(/.*?$/, 'Comment.Single', 'pop!')],
    multi_comment: [rule(/.*?\n/, 'Comment.Multiline', 'pop!')],
    import: [rule(/[ \t]+/, 'Text'), rule(/\S+/, 'Str'), rule(/\n/, 'Text', 'pop!')],
    old_style_attr: [
      mixin('attr_common'),
      rule(/(?:)/, (c) => {
        c.pop();
        c.push('value');
      }),
    ],
    end_section: [
      rule(/\n/, (c) => {
        c.token('Text');
        c.resetStack();
      }),
    ],
  },
};
