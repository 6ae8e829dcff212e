/** Rouge's Javascript lexer (lexers/javascript.rb), as a factory: its TypeScript lexer extends the word lists and two states. */
import { mixin, rule, type LexerDefinition, type RuleDefinition } from '../regex-lexer.ts';

export interface JavascriptWords {
  keywords: readonly string[];
  declarations: readonly string[];
  reserved: readonly string[];
  constants: readonly string[];
  builtins: readonly string[];
}

export const JAVASCRIPT_WORDS: JavascriptWords = {
  keywords: 'as async await break case catch continue debugger default delete do else export finally from for if import in instanceof new of return super switch this throw try typeof void while yield'.split(' '),
  declarations: 'var let const with function class extends constructor get set static'.split(' '),
  reserved: 'enum implements interface package private protected public'.split(' '),
  constants: 'true false null NaN Infinity undefined'.split(' '),
  builtins: (
    'Array Boolean Date Error Function Math netscape Number Object Packages RegExp String sun decodeURI ' +
    'decodeURIComponent encodeURI encodeURIComponent Error eval isFinite isNaN parseFloat parseInt ' +
    'document window navigator self global Promise Set Map WeakSet WeakMap Symbol Proxy Reflect ' +
    'Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array Uint16ClampedArray ' +
    'Int32Array Uint32Array Uint32ClampedArray Float32Array Float64Array DataView ArrayBuffer'
  ).split(' '),
};

/** Rouge's id_regex, /[\p{L}\p{Nl}$_][\p{Word}]*\/io, with Ruby's \p{Word} spelled out. */
export const JS_ID = String.raw`[\p{L}\p{Nl}$_][\p{L}\p{M}\p{Nd}\p{Pc}]*`;

export interface JavascriptOptions {
  names: readonly string[];
  words: JavascriptWords;
  /** Rules put before the root state's own (Rouge's `prepend :root`). */
  rootFirst?: readonly RuleDefinition[];
  statementFirst?: readonly RuleDefinition[];
}

export function javascriptLexer({ names, words, rootFirst = [], statementFirst = [] }: JavascriptOptions): LexerDefinition {
  const keywords = new Set(words.keywords);
  const declarations = new Set(words.declarations);
  const reserved = new Set(words.reserved);
  const constants = new Set(words.constants);
  const builtins = new Set(words.builtins);
  return {
    names,
    states: {
      multiline_comment: [rule(/[*]\//, 'Comment.Multiline', 'pop!'), rule(/[^*/]+/, 'Comment.Multiline'), rule(/[*/]/, 'Comment.Multiline')],
      comments_and_whitespace: [rule(/\s+/, 'Text'), rule(/<!--/, 'Comment'), rule(/\/\/.*?$/, 'Comment.Single'), rule(/\/[*]/, 'Comment.Multiline', 'multiline_comment')],
      expr_start: [
        mixin('comments_and_whitespace'),
        rule(/\//, (c) => {
          c.token('Str.Regex');
          c.goto('regex');
        }),
        rule(/[{]/, (c) => {
          c.token('Punctuation');
          c.goto('object');
        }),
        rule(/(?:)/, 'Text', 'pop!'),
      ],
      regex: [
        rule(/\//, (c) => {
          c.token('Str.Regex');
          c.goto('regex_end');
        }),
        rule(/[^/]\n/, 'Error', 'pop!'),
        rule(/\n/, 'Error', 'pop!'),
        rule(/\[\^/, 'Str.Escape', 'regex_group'),
        rule(/\[/, 'Str.Escape', 'regex_group'),
        rule(/\\./, 'Str.Escape'),
        rule(/[(][?][:=<!]/, 'Str.Escape'),
        rule(/[{][\d,]+[}]/, 'Str.Escape'),
        rule(/[()?]/, 'Str.Escape'),
        rule(/./, 'Str.Regex'),
      ],
      regex_end: [rule(/[gimuy]+/, 'Str.Regex', 'pop!'), rule(/(?:)/, (c) => c.pop())],
      regex_group: [
        rule(/\//, 'Str.Escape'),
        rule(/[^/]\n/, (c) => {
          c.token('Error');
          c.pop(2);
        }),
        rule(/\]/, 'Str.Escape', 'pop!'),
        rule(/\\./, 'Str.Escape'),
        rule(/./, 'Str.Regex'),
      ],
      bad_regex: [rule(/[^\n]+/, 'Error', 'pop!')],
      root: [
        ...rootFirst,
        rule(/(?<![\s\S])\s*#!.*?\n/s, 'Comment.Preproc', 'statement'),
        rule(/(?<=\n)(?=\s|\/|<!--)/, 'Text', 'expr_start'),
        mixin('comments_and_whitespace'),
        rule(/\+\+|--|~|\?\?=?|&&|\|\||\\(?=\n)|<<|>>>?|===|!==/, 'Operator', 'expr_start'),
        rule(/[-<>+*%&|^/!=]=?/, 'Operator', 'expr_start'),
        rule(/[(\[,]/, 'Punctuation', 'expr_start'),
        rule(/;/, 'Punctuation', 'statement'),
        rule(/[)\].]/, 'Punctuation'),
        rule(/`/, (c) => {
          c.token('Str.Double');
          c.push('template_string');
        }),
        rule(/[?][.]/, 'Punctuation'),
        rule(/[?]/, (c) => {
          c.token('Punctuation');
          c.push('ternary');
          c.push('expr_start');
        }),
        rule(/(@)(\w+)?/, (c) => {
          c.groups('Punctuation', 'Name.Decorator');
          c.push('expr_start');
        }),
        rule(/[{}]/, 'Punctuation', 'statement'),
        rule(new RegExp(JS_ID, 'iu'), (c) => {
          const word = c.m[0];
          if (keywords.has(word)) {
            c.token('Keyword');
            c.push('expr_start');
          } else if (declarations.has(word)) {
            c.token('Keyword.Declaration');
            c.push('expr_start');
          } else if (reserved.has(word)) c.token('Keyword.Reserved');
          else if (constants.has(word)) c.token('Keyword.Constant');
          else if (builtins.has(word)) c.token('Name.Builtin');
          else c.token('Name.Other');
        }),
        rule(/[0-9][0-9]*\.[0-9]+([eE][0-9]+)?[fd]?/, 'Num.Float'),
        rule(/0x[0-9a-fA-F]+/i, 'Num.Hex'),
        rule(/0o[0-7][0-7_]*/i, 'Num.Oct'),
        rule(/0b[01][01_]*/i, 'Num.Bin'),
        rule(/[0-9]+/, 'Num.Integer'),
        rule(/"/, 'Str.Delimiter', 'dq'),
        rule(/'/, 'Str.Delimiter', 'sq'),
        rule(/:/, 'Punctuation'),
      ],
      dq: [rule(/\\[\\nrt"]?/, 'Str.Escape'), rule(/[^\\"]+/, 'Str.Double'), rule(/"/, 'Str.Delimiter', 'pop!')],
      sq: [rule(/\\[\\nrt']?/, 'Str.Escape'), rule(/[^\\']+/, 'Str.Single'), rule(/'/, 'Str.Delimiter', 'pop!')],
      statement: [
        ...statementFirst,
        rule(/case\b/, (c) => {
          c.token('Keyword');
          c.goto('expr_start');
        }),
        rule(new RegExp(String.raw`(${JS_ID})(\s*)(:)`, 'u'), (c) => c.groups('Name.Label', 'Text', 'Punctuation')),
        mixin('expr_start'),
      ],
      object: [
        mixin('comments_and_whitespace'),
        rule(/[{]/, (c) => {
          c.token('Punctuation');
          c.push();
        }),
        rule(/[}]/, (c) => {
          c.token('Punctuation');
          c.goto('statement');
        }),
        rule(new RegExp(String.raw`(${JS_ID})(\s*)(:)`, 'u'), (c) => {
          c.groups('Name.Attribute', 'Text', 'Punctuation');
          c.push('expr_start');
        }),
        rule(/:/, 'Punctuation'),
        mixin('root'),
      ],
      ternary: [
        rule(/:/, (c) => {
          c.token('Punctuation');
          c.goto('expr_start');
        }),
        mixin('root'),
      ],
      template_string: [rule(/[$]\{/, 'Punctuation', 'template_string_expr'), rule(/`/, 'Str.Double', 'pop!'), rule(/\\[$`]/, 'Str.Escape'), rule(/[^$`\\]+/, 'Str.Double'), rule(/[\\$]/, 'Str.Double')],
      template_string_expr: [rule(/}/, 'Punctuation', 'pop!'), mixin('root')],
    },
  };
}

export const javascript = javascriptLexer({ names: ['javascript', 'js'], words: JAVASCRIPT_WORDS });
