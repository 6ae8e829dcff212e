/** Rouge's Diff lexer (lexers/diff.rb). */
import { rule, type LexerDefinition } from '../regex-lexer.ts';

export const diff: LexerDefinition = {
  names: ['diff', 'patch', 'udiff'],
  states: {
    root: [
      rule(/^ .*$\n?/, 'Text'),
      rule(/^---$\n?/, 'Punctuation'),
      rule(/^[+>]+.*$\n?/, 'Generic.Inserted'),
      rule(/^\+.*$\n?/, 'Generic.Inserted'),
      rule(/^[-<]+.*$\n?/, 'Generic.Deleted'),
      rule(/^!.*$\n?/, 'Generic.Strong'),
      rule(/^([Ii]ndex|diff).*$\n?/, 'Generic.Heading'),
      rule(/^(@@[^@]*@@)([^\n]*\n)/, (c) => c.groups('Punctuation', 'Text')),
      rule(/^\w.*$\n?/, 'Punctuation'),
      rule(/^=.*$\n?/, 'Generic.Heading'),
      rule(/\s.*$\n?/, 'Text'),
    ],
  },
};
