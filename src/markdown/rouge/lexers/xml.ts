/** Rouge's XML lexer (lexers/xml.rb). */
import { rule, type LexerDefinition } from '../regex-lexer.ts';

const NAME = String.raw`[\p{L}:_][\p{L}\p{M}\p{Nd}\p{Pc}\p{Cf}:.·-]*`;

export const xml: LexerDefinition = {
  names: ['xml'],
  states: {
    root: [
      rule(/[^<&]+/, 'Text'),
      rule(/&\S*?;/, 'Name.Entity'),
      rule(/<!\[CDATA\[.*?\]\]>/, 'Comment.Preproc'),
      rule(/<!--/, 'Comment', 'comment'),
      rule(/<\?.*?\?>/, 'Comment.Preproc'),
      rule(/<![^>]*>/, 'Comment.Preproc'),
      rule(new RegExp(String.raw`<\s*${NAME}`, 'u'), 'Name.Tag', 'tag'),
      rule(new RegExp(String.raw`<\s*\/\s*${NAME}\s*>`, 'u'), 'Name.Tag'),
    ],
    comment: [rule(/[^-]+/, 'Comment'), rule(/-->/, 'Comment', 'pop!'), rule(/-/, 'Comment')],
    tag: [rule(/\s+/, 'Text'), rule(new RegExp(String.raw`${NAME}\s*=`, 'u'), 'Name.Attribute', 'attr'), rule(/\/?\s*>/, 'Name.Tag', 'pop!')],
    attr: [rule(/\s+/, 'Text'), rule(/".*?"|'.*?'|[^\s>]+/s, 'Str', 'pop!')],
  },
};
