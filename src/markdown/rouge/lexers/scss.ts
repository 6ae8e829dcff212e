/** Rouge's SCSS lexer (lexers/scss.rb on sass/common.rb), with CSS's word lists. */
import { mixin, rule, type LexerDefinition, type RuleDefinition } from '../regex-lexer.ts';
import { ATTRIBUTES, BUILTINS, CONSTANTS } from './css.ts';

const ID = String.raw`[\w-]+`;

/** Rouge's SassCommon states, shared by its Sass and SCSS lexers. */
export const SASS_COMMON: Readonly<Record<string, readonly RuleDefinition[]>> = {
  content_common: [
    rule(/@for\b/, 'Keyword', 'for'),
    rule(/@(debug|warn|if|each|while|else|return|media)/, 'Keyword', 'value'),
    rule(new RegExp(String.raw`(@mixin)(\s+)(${ID})`), (c) => {
      c.groups('Keyword', 'Text', 'Name.Function');
      c.push('value');
    }),
    rule(new RegExp(String.raw`(@function)(\s+)(${ID})`), (c) => {
      c.groups('Keyword', 'Text', 'Name.Function');
      c.push('value');
    }),
    rule(/@extend\b/, 'Keyword', 'selector'),
    rule(new RegExp(String.raw`(@include)(\s+)(${ID})`), (c) => {
      c.groups('Keyword', 'Text', 'Name.Decorator');
      c.push('value');
    }),
    rule(new RegExp(`@${ID}`), 'Keyword', 'selector'),
    rule(/&/, 'Keyword', 'selector'),
    rule(new RegExp(String.raw`([$]${ID})([ \t]*)(:)`), (c) => {
      c.groups('Name.Variable', 'Text', 'Punctuation');
      c.push('value');
    }),
  ],
  value: [
    mixin('end_section'),
    rule(/[ \t]+/, 'Text'),
    rule(new RegExp(`[$]${ID}`), 'Name.Variable'),
    rule(/url[(]/, 'Str.Other', 'string_url'),
    rule(new RegExp(String.raw`${ID}(?=\s*[(])`), 'Name.Function'),
    rule(new RegExp(`%${ID}`), 'Name.Decorator'),
    rule(/(true|false)\b/, 'Name.Builtin.Pseudo'),
    rule(/(and|or|not)\b/, 'Operator.Word'),
    rule(/#[a-z0-9]{1,6}/i, 'Num.Hex'),
    rule(/-?\d+(%|[a-z]+)?/, 'Num'),
    rule(/-?\d*\.\d+(%|[a-z]+)?/, 'Num.Integer'),
    mixin('has_strings'),
    mixin('has_interp'),
    rule(/[~^*!&%<>|+=@:,./?-]+/, 'Operator'),
    rule(/[[\]()]+/, 'Punctuation'),
    rule(/\/[*]/, 'Comment.Multiline', 'inline_comment'),
    rule(/\/\/[^\n]*/, 'Comment.Single'),
    rule(new RegExp(ID), (c) => c.token(BUILTINS.has(c.m[0]) ? 'Name.Builtin' : CONSTANTS.has(c.m[0]) ? 'Name.Constant' : 'Name')),
  ],
  has_interp: [rule(/[#][{]/, 'Str.Interpol', 'interpolation')],
  has_strings: [rule(/"/, 'Str.Double', 'dq'), rule(/'/, 'Str.Single', 'sq')],
  interpolation: [rule(/}/, 'Str.Interpol', 'pop!'), mixin('value')],
  selector: [
    mixin('end_section'),
    mixin('has_strings'),
    mixin('has_interp'),
    rule(/[ \t]+/, 'Text'),
    rule(/:/, 'Name.Decorator', 'pseudo_class'),
    rule(/[.]/, 'Name.Class', 'class'),
    rule(/#/, 'Name.Namespace', 'id'),
    rule(/%/, 'Name.Variable', 'placeholder'),
    rule(new RegExp(ID), 'Name.Tag'),
    rule(/&/, 'Keyword'),
    rule(/[~^*!&[\]()<>|+=@:;,./?-]/, 'Operator'),
  ],
  dq: [rule(/"/, 'Str.Double', 'pop!'), mixin('has_interp'), rule(/(\\.|#(?![{])|[^\n"#])+/, 'Str.Double')],
  sq: [rule(/'/, 'Str.Single', 'pop!'), mixin('has_interp'), rule(/(\\.|#(?![{])|[^\n'#])+/, 'Str.Single')],
  string_url: [rule(/[)]/, 'Str.Other', 'pop!'), rule(/(\\.|#(?![{])|[^\n)#])+/, 'Str.Other'), mixin('has_interp')],
  selector_piece: [mixin('has_interp'), rule(/(?:)/, (c) => c.pop())],
  pseudo_class: [rule(new RegExp(ID), 'Name.Decorator'), mixin('selector_piece')],
  class: [rule(new RegExp(ID), 'Name.Class'), mixin('selector_piece')],
  id: [rule(new RegExp(ID), 'Name.Namespace'), mixin('selector_piece')],
  placeholder: [rule(new RegExp(ID), 'Name.Variable'), mixin('selector_piece')],
  for: [rule(/(from|to|through)/, 'Operator.Word'), mixin('value')],
  attr_common: [mixin('has_interp'), rule(new RegExp(ID), (c) => c.token(ATTRIBUTES.has(c.m[0]) ? 'Name.Label' : 'Name.Attribute'))],
  attribute: [
    mixin('attr_common'),
    rule(/([ \t]*)(:)/, (c) => {
      c.groups('Text', 'Punctuation');
      c.push('value');
    }),
  ],
  inline_comment: [rule(/(\\#|#(?=[^\n{])|\*(?=[^\n/])|[^\n#*])+/, 'Comment.Multiline'), mixin('has_interp'), rule(/[*]\//, 'Comment.Multiline', 'pop!')],
};

export const scss: LexerDefinition = {
  names: ['scss'],
  states: {
    ...SASS_COMMON,
    root: [
      rule(/\s+/, 'Text'),
      rule(/\/\/.*?$/, 'Comment.Single'),
      rule(/\/[*].*?[*]\//s, 'Comment.Multiline'),
      rule(/@import\b/, 'Keyword', 'value'),
      mixin('content_common'),
      rule(/(?=[^;{}][;}])/, (c) => c.push('attribute')),
      rule(/(?=[^;{}:[]+:[^a-z])/, (c) => c.push('attribute')),
      rule(/(?:)/, (c) => c.push('selector')),
    ],
    end_section: [
      rule(/\n/, 'Text'),
      rule(/[;{}]/, (c) => {
        c.token('Punctuation');
        c.resetStack();
      }),
    ],
  },
};
