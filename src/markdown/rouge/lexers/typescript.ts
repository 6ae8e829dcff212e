/** Rouge's Typescript lexer (lexers/typescript.rb, typescript/common.rb): JavaScript's, with more words and two rules first. */
import { rule } from '../regex-lexer.ts';
import { JAVASCRIPT_WORDS, JS_ID, javascriptLexer } from './javascript.ts';

export const typescript = javascriptLexer({
  names: ['typescript', 'ts'],
  words: {
    keywords: [...JAVASCRIPT_WORDS.keywords, ...'is namespace static private protected public implements readonly'.split(' ')],
    declarations: [...JAVASCRIPT_WORDS.declarations, 'type', 'abstract'],
    reserved: [...JAVASCRIPT_WORDS.reserved, ...'string any void number namespace module declare default interface keyof'.split(' ')],
    constants: JAVASCRIPT_WORDS.constants,
    builtins: [...JAVASCRIPT_WORDS.builtins, 'Pick', 'Partial', 'Readonly', 'Record'],
  },
  rootFirst: [rule(/[?][.]/, 'Punctuation'), rule(/[?]{2}/, 'Operator')],
  statementFirst: [
    rule(new RegExp(String.raw`(${JS_ID})(\??)(\s*)(:)`, 'u'), (c) => {
      c.groups('Name.Label', 'Punctuation', 'Text', 'Punctuation');
      c.push('expr_start');
    }),
  ],
});
