/**
 * Rouge's Markdown lexer (lexers/markdown.rb). A fenced block's code goes to the lexer its info string
 * names; Rouge guesses one for a bare fence from the code, which is approximated here by plain text
 * (what Rouge's guess gives for most short snippets), and a language Rouge knows but tryck has no
 * port of is plain text too.
 */
import { rule, type LexContext, type LexerDefinition } from '../regex-lexer.ts';
import { ROUGE_LANGUAGES } from '../../rouge-languages.ts';

const EDOT = String.raw`(?:\\.|[^\\\n])`;

/** How a fence's code is lexed: by a ported lexer, or as one token (Rouge's PlainText, Text or, for an unknown name, Str.Backtick). */
function codeLexer(c: LexContext, name: string): { lexer: string } | { token: string } {
  if (name !== '' && c.hasLexer(name)) return { lexer: name };
  return { token: name === '' || ROUGE_LANGUAGES.has(name) ? 'Text' : 'Str.Backtick' };
}

function lexCode(c: LexContext, sub: { lexer: string } | { token: string }, text: string): void {
  if ('lexer' in sub) c.delegate(sub.lexer, text);
  else c.token(sub.token, text);
}

export const markdown: LexerDefinition = {
  names: ['markdown', 'md', 'mkd'],
  start: (c) => c.resetDelegate('html'),
  states: {
    root: [
      rule(/(?<![\s\S])(---\s*\n.*?\n?)^(---\s*$\n?)/s, (c) => c.delegateFresh('yaml')),
      rule(/\\./, 'Str.Escape'),
      rule(/^[\S ]+\n(?:---*)\n/, 'Generic.Heading'),
      rule(/^[\S ]+\n(?:===*)\n/, 'Generic.Subheading'),
      rule(/^#(?=[^#]).*?$/, 'Generic.Heading'),
      rule(/^##*.*?$/, 'Generic.Subheading'),
      rule(/^([ \t]*)(`{3,}|~{3,})([^\n]*\n)((.*?)(\n\1)(\2))?/s, (c) => {
        const fence = c.m[2];
        const name = c.m[3].trim();
        const sub = codeLexer(c, name);
        if ('lexer' in sub) c.resetDelegate(sub.lexer);
        c.token('Text', c.m[1]);
        c.token('Punctuation', fence);
        c.token('Name.Label', c.m[3]);
        if (c.m[5] !== undefined) lexCode(c, sub, c.m[5]);
        c.token('Text', c.m[6] ?? '');
        if (c.m[7] !== undefined) {
          c.token('Punctuation', c.m[7]);
          return;
        }
        c.pushRules(`fence ${fence} ${name}`, () => [
          rule(new RegExp(`^([ \\t]*)(${fence})`), (inner) => {
            inner.pop();
            inner.token('Text', inner.m[1]);
            inner.token('Punctuation', inner.m[2]);
          }),
          rule(/^.*\n/, (inner) => lexCode(inner, sub, inner.m[0])),
        ]);
      }),
      rule(/\n\n((    |\t).*?\n|\n)+/, 'Str.Backtick'),
      rule(new RegExp(String.raw`(\`+)(?:${EDOT}|\n)+?\1`), 'Str.Backtick'),
      rule(/^(\s*[*]){3,}\s*$/, 'Punctuation'),
      rule(/^(\s*[-]){3,}\s*$/, 'Punctuation'),
      rule(/^\s*[*+-](?=\s)/, 'Punctuation'),
      rule(/^\s*\d+\./, 'Punctuation'),
      rule(/^\s*>.*?$/, 'Generic.Traceback'),
      rule(new RegExp(String.raw`^(\s*)(\[)(${EDOT}+?)(\])(\s*)(:)`), (c) => {
        c.groups('Text', 'Punctuation', 'Str.Symbol', 'Punctuation', 'Text', 'Punctuation');
        c.push('title');
        c.push('url');
      }),
      rule(new RegExp(String.raw`(!?\[)(${EDOT}*?|[^\]]*?)(\])(?=[\[(])`), (c) => {
        c.groups('Punctuation', 'Name.Variable', 'Punctuation');
        c.push('link');
      }),
      rule(new RegExp(String.raw`[*][*]${EDOT}*?[*][*]`), 'Generic.Strong'),
      rule(new RegExp(String.raw`__${EDOT}*?__`), 'Generic.Strong'),
      rule(new RegExp(String.raw`[*]${EDOT}*?[*]`), 'Generic.Emph'),
      rule(new RegExp(String.raw`_${EDOT}*?_`), 'Generic.Emph'),
      rule(/<.*?@.+[.].+>/, 'Name.Variable'),
      rule(new RegExp(String.raw`<(https?|mailto|ftp):\/\/${EDOT}*?>`), 'Name.Variable'),
      rule(/[^\\`[*\n&<]+/, 'Text'),
      rule(/&\S*;/, (c) => c.delegate('html')),
      rule(new RegExp(`<${EDOT}*?>`), (c) => c.delegate('html')),
      rule(/[&<]/, 'Text'),
      rule(/\[/, 'Text'),
      rule(/\n/, 'Text'),
    ],
    link: [
      rule(new RegExp(String.raw`(\[)(${EDOT}*?)(\])`), (c) => {
        c.groups('Punctuation', 'Str.Symbol', 'Punctuation');
        c.pop();
      }),
      rule(/[(]/, (c) => {
        c.token('Punctuation');
        c.push('inline_title');
        c.push('inline_url');
      }),
      rule(/[ \t]+/, 'Text'),
      rule(/(?:)/, (c) => c.pop()),
    ],
    url: [
      rule(/[ \t]+/, 'Text'),
      rule(new RegExp(String.raw`(<)(${EDOT}*?)(>)`), (c) => {
        c.groups('Name.Tag', 'Str.Other', 'Name.Tag');
        c.pop();
      }),
      rule(/\S+/, 'Str.Other', 'pop!'),
    ],
    title: [
      rule(new RegExp(`"${EDOT}*?"`), 'Name.Namespace'),
      rule(new RegExp(`'${EDOT}*?'`), 'Name.Namespace'),
      rule(new RegExp(`[(]${EDOT}*?[)]`), 'Name.Namespace'),
      rule(/\s*(?=["'()])/, 'Text'),
      rule(/(?:)/, (c) => c.pop()),
    ],
    inline_title: [rule(/[)]/, 'Punctuation', 'pop!'), { mixin: 'title' }],
    inline_url: [rule(/[^<\s)]+/, 'Str.Other', 'pop!'), rule(/\s+/, 'Text'), { mixin: 'url' }],
  },
};
