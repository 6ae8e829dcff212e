/** Rouge's YAML lexer (lexers/yaml.rb), with its indentation stack. */
import { mixin, rule, type LexContext, type LexerDefinition } from '../regex-lexer.ts';

interface Indentation {
  stack: number[];
  next: number;
  blockScalar: number | undefined;
}

const PLAIN_SCALAR_START = String.raw`[^ \t\n\r\f\v?:,\[\]{}#&*!|>'"%@\`]`;

function indentation(c: Pick<LexContext, 'vars'>): Indentation {
  return c.vars.indentation as Indentation;
}

function resetIndent(c: Pick<LexContext, 'vars'>): void {
  c.vars.indentation = { stack: [0], next: 0, blockScalar: undefined } satisfies Indentation;
}

const current = (state: Indentation): number => state.stack[state.stack.length - 1];

/** Rouge's save_indent: pops the levels deeper than the match, and splits off what is deeper than the level left. */
function saveIndent(c: LexContext, match: string): [string, string] {
  const state = indentation(c);
  state.next = match.length;
  if (state.next < current(state)) {
    while (state.next < current(state)) state.stack.pop();
    return [match.slice(0, current(state)), match.slice(current(state))];
  }
  return [match, ''];
}

function setIndent(c: LexContext, match: string, implicit = false): void {
  const state = indentation(c);
  if (current(state) < state.next) state.stack.push(state.next);
  if (!implicit) state.next += match.length;
}

export const yaml: LexerDefinition = {
  names: ['yaml', 'yml'],
  start: resetIndent,
  states: {
    basic: [rule(/#.*$/, 'Comment.Single')],
    root: [
      mixin('basic'),
      rule(/\n+/, 'Text'),
      rule(/[ ]+(?=#|$)/, 'Text'),
      rule(/^%YAML\b/, (c) => {
        c.token('Name.Tag');
        resetIndent(c);
        c.push('yaml_directive');
      }),
      rule(/^%TAG\b/, (c) => {
        c.token('Name.Tag');
        resetIndent(c);
        c.push('tag_directive');
      }),
      rule(/^(?:---|\.\.\.)(?= |$)/, (c) => {
        c.token('Name.Namespace');
        resetIndent(c);
        c.push('block_line');
      }),
      rule(/[ ]*(?!\s|$)/, (c) => {
        const [text, error] = saveIndent(c, c.m[0]);
        c.token('Text', text);
        c.token('Error', error);
        c.push('block_line');
        c.push('indentation');
      }),
    ],
    indentation: [
      rule(/\s*?\n/, (c) => {
        c.token('Text');
        c.pop(2);
      }),
      rule(/[ ]+(?=[-:?](?:[ ]|$))/, (c) => {
        c.token('Text');
        indentation(c).next += c.m[0].length;
      }),
      rule(/[?:-](?=[ ]|$)/, (c) => {
        setIndent(c, c.m[0]);
        c.token('Punctuation.Indicator');
      }),
      rule(/[ ]*/, (c) => {
        c.token('Text');
        indentation(c).next += c.m[0].length;
        c.pop();
      }),
    ],
    block_line: [
      rule(/[ ]*(?=#|$)/, 'Text', 'pop!'),
      rule(/[ ]+/, 'Text'),
      mixin('descriptors'),
      mixin('block_nodes'),
      mixin('flow_nodes'),
      rule(new RegExp(String.raw`(?=${PLAIN_SCALAR_START}|[?:-][^ \t\n\r\f\v])`), (c) => {
        c.token('Name.Variable');
        c.push('plain_scalar_in_block_context');
      }),
    ],
    descriptors: [
      rule(/!<[0-9A-Za-z;/?:@&=+$,_.!~*'()[\]%-]+>/, 'Keyword.Type'),
      rule(/(?:![\w-]+)?!(?:[\w;/?:@&=+$,.!~*'()[\]%-]*)/, 'Keyword.Type'),
      rule(/&[\p{L}\p{Nl}\p{Nd}_-]+/u, 'Name.Label'),
      rule(/\*[\p{L}\p{Nl}\p{Nd}_-]+/u, 'Name.Variable'),
    ],
    block_nodes: [
      rule(/([^#,:?[\]{}"'\n]+)(:)(?=\s|$)/, (c) => {
        c.groups('Name.Attribute', 'Punctuation.Indicator');
        setIndent(c, c.m[0], true);
      }),
      rule(/[|>][+-]?/, (c) => {
        c.token('Punctuation.Indicator');
        c.push('block_scalar_content');
        c.push('block_scalar_header');
      }),
    ],
    flow_nodes: [
      rule(/\[/, 'Punctuation.Indicator', 'flow_sequence'),
      rule(/\{/, 'Punctuation.Indicator', 'flow_mapping'),
      rule(/'/, 'Str.Single', 'single_quoted_scalar'),
      rule(/"/, 'Str.Double', 'double_quoted_scalar'),
    ],
    flow_collection: [
      rule(/\s+/, 'Text'),
      mixin('basic'),
      rule(/[?:,]/, 'Punctuation.Indicator'),
      mixin('descriptors'),
      mixin('flow_nodes'),
      rule(new RegExp(`(?=${PLAIN_SCALAR_START})`), (c) => c.push('plain_scalar_in_flow_context')),
    ],
    flow_sequence: [rule(/\]/, 'Punctuation.Indicator', 'pop!'), mixin('flow_collection')],
    flow_mapping: [rule(/\}/, 'Punctuation.Indicator', 'pop!'), mixin('flow_collection')],
    block_scalar_content: [
      rule(/\n+/, 'Text'),
      rule(/^[ ]+$/, (c) => {
        const text = c.m[0];
        const mark = indentation(c).blockScalar ?? text.length;
        c.token('Text', text.slice(0, mark));
        c.token('Name.Constant', text.slice(mark));
      }),
      rule(/^[ ]*/, (c) => {
        c.token('Text');
        const state = indentation(c);
        const size = c.m[0].length;
        const dedentLevel = state.blockScalar ?? current(state);
        state.blockScalar ??= size;
        if (size < dedentLevel) {
          saveIndent(c, c.m[0]);
          c.pop();
          c.push('indentation');
        }
      }),
      rule(/[^\n\r\f\v]+/, 'Str'),
    ],
    block_scalar_header: [
      rule(/(([1-9])[+-]?|[+-]?([1-9])?)(?=[ ]|$)/, (c) => {
        const state = indentation(c);
        state.blockScalar = undefined;
        c.goto('ignored_line');
        if (c.m[0] === '') return;
        const increment = c.m[2] ?? c.m[3];
        if (increment !== undefined) state.blockScalar = current(state) + Number(increment);
        c.token('Punctuation.Indicator');
      }),
    ],
    ignored_line: [mixin('basic'), rule(/[ ]+/, 'Text'), rule(/\n/, 'Text', 'pop!')],
    quoted_scalar_whitespaces: [rule(/^[ ]+/, 'Text'), rule(/[ ]+$/, 'Text'), rule(/\n+/, 'Text'), rule(/[ ]+/, 'Name.Variable')],
    single_quoted_scalar: [mixin('quoted_scalar_whitespaces'), rule(/\\'/, 'Str.Escape'), rule(/'/, 'Str', 'pop!'), rule(/[^\s']+/, 'Str')],
    double_quoted_scalar: [
      rule(/"/, 'Str', 'pop!'),
      mixin('quoted_scalar_whitespaces'),
      rule(/\\[0abt\tn\nvfre "\\N_LP]/, 'Str.Escape'),
      rule(/\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})/, 'Str.Escape'),
      rule(/[^ \t\n\r\f\v"\\]+/, 'Str'),
    ],
    plain_scalar_in_block_context_new_line: [
      rule(/^[ ]+\n/, 'Text'),
      rule(/\n+/, 'Text'),
      rule(/^(?=---|\.\.\.)/, (c) => c.pop(3)),
      rule(/^[ ]*/, (c) => {
        c.token('Text');
        c.pop();
        if (c.m[0].length <= current(indentation(c))) {
          c.pop();
          saveIndent(c, c.m[0]);
          c.push('indentation');
        }
      }),
    ],
    plain_scalar_in_block_context: [
      rule(/[ ]*(?=:[ \n]|:$)/, 'Text', 'pop!'),
      rule(/[ ]*:\S+/, 'Str'),
      rule(/[ ]+(?=#)/, 'Text', 'pop!'),
      rule(/[ ]+$/, 'Text'),
      rule(/\n+/, (c) => {
        c.token('Text');
        c.push('plain_scalar_in_block_context_new_line');
      }),
      rule(/[ ]+/, 'Str'),
      rule(/true|false|null/, 'Name.Constant'),
      rule(/\d+(?:\.\d+)?(?=(\r?\n)| +#)/, 'Literal.Number', 'pop!'),
      rule(/[^\s:]+/, 'Str'),
    ],
    plain_scalar_in_flow_context: [
      rule(/[ ]*(?=[,:?[\]{}])/, 'Text', 'pop!'),
      rule(/[ ]+(?=#)/, 'Text', 'pop!'),
      rule(/^[ ]+/, 'Text'),
      rule(/[ ]+$/, 'Text'),
      rule(/\n+/, 'Text'),
      rule(/[ ]+/, 'Name.Variable'),
      rule(/[^\s,:?[\]{}]+/, 'Name.Variable'),
    ],
    yaml_directive: [
      rule(/([ ]+)(\d+\.\d+)/, (c) => {
        c.groups('Text', 'Num');
        c.goto('ignored_line');
      }),
    ],
    tag_directive: [
      rule(/([ ]+)(!|![\w-]*!)([ ]+)(!|!?[\w;/?:@&=+$,.!~*'()[\]%-]+)/, (c) => {
        c.groups('Text', 'Keyword.Type', 'Text', 'Keyword.Type');
        c.goto('ignored_line');
      }),
    ],
  },
};
