/** Rouge's HTML lexer (lexers/html.rb): script and style content go to the JavaScript and CSS lexers. */
import { rule, mixin, type LexerDefinition } from '../regex-lexer.ts';

const NAME = String.raw`[\p{L}:_-][\p{L}\p{M}\p{Nd}\p{Pc}\p{Cf}:.·-]*`;
const u = (source: string, flags = ''): RegExp => new RegExp(source, `u${flags}`);

export const html: LexerDefinition = {
  names: ['html'],
  states: {
    root: [
      rule(/[^<&]+/, 'Text'),
      rule(/&\S*?;/, 'Name.Entity'),
      rule(/<!DOCTYPE .*?>/is, 'Comment.Preproc'),
      rule(/<!\[CDATA\[.*?\]\]>/s, 'Comment.Preproc'),
      rule(/<!--/, 'Comment', 'comment'),
      rule(/<\?.*?\?>/s, 'Comment.Preproc'),
      rule(/<\s*script\s*/, (c) => {
        c.token('Name.Tag');
        c.resetDelegate('javascript');
        c.push('script_content');
        c.push('tag');
      }),
      rule(/<\s*style\s*/, (c) => {
        c.token('Name.Tag');
        c.resetDelegate('css');
        c.push('style_content');
        c.push('tag');
      }),
      rule(/<\//, 'Name.Tag', 'tag_end'),
      rule(/</, 'Name.Tag', 'tag_start'),
      rule(u(String.raw`<\s*${NAME}`), 'Name.Tag', 'tag'),
      rule(u(String.raw`<\s*\/\s*${NAME}\s*>`), 'Name.Tag'),
    ],
    tag_end: [
      mixin('tag_end_end'),
      rule(u(NAME), (c) => {
        c.token('Name.Tag');
        c.goto('tag_end_end');
      }),
    ],
    tag_end_end: [rule(/\s+/, 'Text'), rule(/>/, 'Name.Tag', 'pop!')],
    tag_start: [
      rule(/\s+/, 'Text'),
      rule(u(NAME), (c) => {
        c.token('Name.Tag');
        c.goto('tag');
      }),
      rule(/(?:)/, (c) => c.goto('tag')),
    ],
    comment: [rule(/[^-]+/, 'Comment'), rule(/-->/, 'Comment', 'pop!'), rule(/-/, 'Comment')],
    tag: [
      rule(/\s+/, 'Text'),
      rule(u(String.raw`[\p{L}:_\[\]()*.-][\p{L}\p{M}\p{Nd}\p{Pc}\p{Cf}:.·\[\]()*-]*\s*=\s*`), 'Name.Attribute', 'attr'),
      rule(u(String.raw`[\p{L}:_*#-][\p{L}\p{M}\p{Nd}\p{Pc}\p{Cf}:.·*#-]*`), 'Name.Attribute'),
      rule(/\/?\s*>/, 'Name.Tag', 'pop!'),
    ],
    attr: [
      rule(/"/, (c) => {
        c.token('Str');
        c.goto('dq');
      }),
      rule(/'/, (c) => {
        c.token('Str');
        c.goto('sq');
      }),
      rule(/[^\s>]+/, 'Str', 'pop!'),
    ],
    dq: [rule(/"/, 'Str', 'pop!'), rule(/[^"]+/, 'Str')],
    sq: [rule(/'/, 'Str', 'pop!'), rule(/[^']+/, 'Str')],
    script_content: [rule(/[^<]+/, (c) => c.delegate('javascript')), rule(/<\s*\/\s*script\s*>/, 'Name.Tag', 'pop!'), rule(/</, (c) => c.delegate('javascript'))],
    style_content: [rule(/[^<]+/, (c) => c.delegate('css')), rule(/<\s*\/\s*style\s*>/, 'Name.Tag', 'pop!'), rule(/</, (c) => c.delegate('css'))],
  },
};
