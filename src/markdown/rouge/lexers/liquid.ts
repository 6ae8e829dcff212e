/** Rouge's Liquid lexer (lexers/liquid.rb). */
import { mixin, rule, type LexerDefinition } from '../regex-lexer.ts';

const quotedClass = (text: string | undefined): string => (text !== undefined && /'[^']*'/.test(text) ? 'Str.Single' : text !== undefined && /"[^"]*"/.test(text) ? 'Str.Double' : '');

export const liquid: LexerDefinition = {
  names: ['liquid'],
  states: {
    root: [
      rule(/[^{]+/, 'Text'),
      rule(/(\{%-?)(\s*)/, (c) => {
        c.groups('Punctuation', 'Text.Whitespace');
        c.push('tag_or_block');
      }),
      rule(/(\{\{-?)(\s*)/, (c) => {
        c.groups('Punctuation', 'Text.Whitespace');
        c.push('output');
      }),
      rule(/\{/, 'Text'),
    ],
    tag_or_block: [
      rule(/(if|elsif|unless|case)\b/, 'Keyword.Reserved', 'condition'),
      rule(/(when)\b/, 'Keyword.Reserved', 'when'),
      rule(/(else)(\s*)(-?%\})/, (c) => {
        c.groups('Keyword.Reserved', 'Text.Whitespace', 'Punctuation');
        c.pop();
      }),
      rule(/(capture|(?:in|de)crement)(\s+)([^\s%]+)(\s*)(-?%\})/, (c) => {
        c.groups('Name.Tag', 'Text.Whitespace', 'Name.Variable', 'Text.Whitespace', 'Punctuation');
        c.pop();
      }),
      rule(/(comment)(\s*)(-?%\})/, (c) => {
        c.groups('Name.Tag', 'Text.Whitespace', 'Punctuation');
        c.push('comment');
      }),
      rule(/(raw)(\s*)(-?%\})/, (c) => {
        c.groups('Name.Tag', 'Text.Whitespace', 'Punctuation');
        c.push('raw');
      }),
      rule(/(end(?:if|unless|case))(\s*)(-?%\})/, (c) => {
        c.groups('Keyword.Reserved', 'Text.Whitespace', 'Punctuation');
        c.pop();
      }),
      rule(/(end(?:[^\s%]+))(\s*)(-?%\})/, (c) => {
        c.groups('Name.Tag', 'Text.Whitespace', 'Punctuation');
        c.pop();
      }),
      rule(/(assign|echo)\b/, 'Name.Tag', 'assign'),
      rule(/(include|render)\b/, 'Name.Tag', 'include'),
      rule(/(cycle)(\s+)(?:([^\s:]*)(\s*)(:))?(\s*)/, (c) => {
        c.groups('Name.Tag', 'Text.Whitespace', quotedClass(c.m[3]) || 'Name.Attribute', 'Text.Whitespace', 'Punctuation', 'Text.Whitespace');
        c.push('variable_tag_markup');
      }),
      rule(/(for|tablerow)(\s+)([\w-]+)(\s+)(in)(\s+)((?:[^\s%,|'"]|(?:"[^"]*"|'[^']*'))+)(\s*)/, (c) => {
        c.groups('Name.Tag', 'Text.Whitespace', 'Name.Variable', 'Text.Whitespace', 'Name.Tag', 'Text.Whitespace');
        c.token(quotedClass(c.m[7]) || 'Name.Variable', c.m[7]);
        c.token('Text.Whitespace', c.m[8]);
        c.push('tag_markup');
      }),
      rule(/([^\s%]+)(\s*)/, (c) => {
        c.groups('Name.Tag', 'Text.Whitespace');
        c.push('tag_markup');
      }),
    ],
    output: [
      rule(/(\|)(\s*)([a-zA-Z_][^\s}|:]*)/, (c) => {
        c.groups('Punctuation', 'Text.Whitespace', 'Name.Function');
        c.push('filters');
      }),
      mixin('end_of_tag'),
      mixin('generic'),
    ],
    filters: [
      rule(/(\|)(\s*)([a-zA-Z_][^\s%}|:]*)/, (c) => c.groups('Punctuation', 'Text.Whitespace', 'Name.Function')),
      mixin('end_of_tag'),
      mixin('end_of_block'),
      mixin('variable_param_markup'),
    ],
    condition: [rule(/([=!]=|[<>]=?)/, 'Operator'), rule(/(and|or|contains)\b/, 'Operator.Word'), mixin('end_of_block'), mixin('generic')],
    when: [mixin('end_of_block'), mixin('generic')],
    end_of_tag: [
      rule(/-?\}\}/, (c) => {
        c.token('Punctuation');
        c.resetStack();
      }),
    ],
    end_of_block: [
      rule(/-?%\}/, (c) => {
        c.token('Punctuation');
        c.resetStack();
      }),
    ],
    param_markup: [
      mixin('whitespace'),
      mixin('keyword'),
      mixin('string'),
      mixin('number'),
      rule(/([^\s=:]+)(\s*)(=|:)/, (c) => c.groups('Name.Attribute', 'Text.Whitespace', 'Operator')),
      rule(/[,:]/, 'Punctuation'),
    ],
    default_param_markup: [mixin('param_markup'), rule(/\S+/, 'Text')],
    variable_param_markup: [mixin('param_markup'), mixin('variable'), rule(/\S+/, 'Text')],
    tag_markup: [rule(/(reversed)\b/, 'Name.Attribute'), mixin('end_of_block'), mixin('default_param_markup')],
    variable_tag_markup: [mixin('end_of_block'), mixin('variable_param_markup')],
    keyword: [rule(/(false|true|nil)\b/, 'Keyword.Constant')],
    variable: [
      rule(/(empty|blank|forloop\.[^\s%}|:]+)\b/, 'Name.Builtin'),
      rule(/\.(?=\w)|\[|\]/, 'Punctuation'),
      rule(/(first|last|size)\b/, 'Name.Function'),
      rule(/[a-zA-Z_][\w-]*\??/, 'Name.Variable'),
    ],
    string: [rule(/'[^']*'/, 'Str.Single'), rule(/"[^"]*"/, 'Str.Double')],
    number: [rule(/-/, 'Operator'), rule(/\d+\.\d+/, 'Num.Float'), rule(/\d+/, 'Num.Integer')],
    generic: [mixin('whitespace'), mixin('keyword'), mixin('string'), mixin('number'), mixin('variable')],
    whitespace: [rule(/[ \t]+/, 'Text.Whitespace')],
    comment: [
      rule(/[^{]+/, 'Comment'),
      rule(/(\{%-?)(\s*)(endcomment)(\s*)(-?%\})/, (c) => {
        c.groups('Punctuation', 'Text.Whitespace', 'Name.Tag', 'Text.Whitespace', 'Punctuation');
        c.resetStack();
      }),
      rule(/\{/, 'Comment'),
    ],
    raw: [
      rule(/[^{]+/, 'Text'),
      rule(/(\{%-?)(\s*)(endraw)(\s*)(-?%\})/, (c) => {
        c.groups('Punctuation', 'Text.Whitespace', 'Name.Tag', 'Text.Whitespace', 'Punctuation');
        c.resetStack();
      }),
      rule(/\{/, 'Text'),
    ],
    assign: [
      rule(/=/, 'Operator'),
      rule(/(\|)(\s*)([a-zA-Z_][^\s%|:]*)/, (c) => {
        c.groups('Punctuation', 'Text.Whitespace', 'Name.Function');
        c.push('filters');
      }),
      mixin('end_of_block'),
      mixin('generic'),
    ],
    include: [
      rule(/(\{\{-?)(\s*)/, (c) => {
        c.groups('Punctuation', 'Text.Whitespace');
        c.push('output_embed');
      }),
      rule(/(with|for)\b/, 'Name.Tag'),
      rule(/[/\w-]+(\.[\w-]+)+\b/, 'Text'),
      mixin('variable_tag_markup'),
    ],
    output_embed: [
      rule(/(\|)(\s*)([a-zA-Z_][^\s}|:]*)/, (c) => c.groups('Punctuation', 'Text.Whitespace', 'Name.Function')),
      rule(/-?\}\}/, 'Punctuation', 'pop!'),
      mixin('variable_param_markup'),
    ],
  },
};
