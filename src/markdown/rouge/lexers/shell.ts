/** Rouge's Shell lexer (lexers/shell.rb): sh, bash, zsh, ksh. */
import { mixin, rule, type LexerDefinition } from '../regex-lexer.ts';

const KEYWORDS = 'if fi else while do done for then return function select continue until esac elif in'.split(' ').join('|');
const BUILTINS = (
  'alias bg bind break builtin caller cd command compgen complete declare dirs disown enable eval exec exit ' +
  'export false fc fg getopts hash help history jobs let local logout mapfile popd pushd pwd read readonly set ' +
  'shift shopt source suspend test time times trap true type typeset ulimit umask unalias unset wait ' +
  'cat tac nl od base32 base64 fmt pr fold head tail split csplit wc sum cksum b2sum md5sum sha1sum sha224sum sha256sum sha384sum ' +
  'sha512sum sort shuf uniq comm ptx tsort cut paste join tr expand unexpand ls dir vdir dircolors cp dd install mv rm shred link ln ' +
  'mkdir mkfifo mknod readlink rmdir unlink chown chgrp chmod touch df du stat sync truncate echo printf yes expr tee basename dirname ' +
  'pathchk mktemp realpath pwd stty printenv tty id logname whoami groups users who date arch nproc uname hostname hostid uptime chcon ' +
  'runcon chroot env nice nohup stdbuf timeout kill sleep factor numfmt seq tar grep sudo awk sed gzip gunzip'
).split(' ').join('|');

export const shell: LexerDefinition = {
  names: ['shell', 'bash', 'zsh', 'ksh', 'sh'],
  states: {
    basic: [
      rule(/#.*$/, 'Comment'),
      rule(new RegExp(String.raw`\b(${KEYWORDS})\s*\b`), 'Keyword'),
      rule(/\bcase\b/, 'Keyword', 'case'),
      rule(new RegExp(String.raw`\b(${BUILTINS})\s*\b(?!(\.|-))`), 'Name.Builtin'),
      rule(/[.](?=\s)/, 'Name.Builtin'),
      rule(/(\b\w+)(=)/, (c) => c.groups('Name.Variable', 'Operator')),
      rule(/[[\]{}()!=>]/, 'Operator'),
      rule(/&&|\|\|/, 'Operator'),
      rule(/<<</, 'Operator'),
      rule(/(<<-?)(\s*)(['"]?)(\\?)(\w+)(\3)/, (c) => {
        c.groups('Operator', 'Text', 'Str.Heredoc', 'Str.Heredoc', 'Name.Constant', 'Str.Heredoc');
        c.vars.heredoc = c.m[5];
        c.push('heredoc');
      }),
    ],
    heredoc: [rule(/\n/, 'Str.Heredoc', 'heredoc_nl'), rule(/[^$\n\\]+/, 'Str.Heredoc'), mixin('interp'), rule(/[$]/, 'Str.Heredoc')],
    heredoc_nl: [
      rule(/\s*(\w+)\s*\n/, (c) => {
        if (c.m[1] === c.vars.heredoc) {
          c.token('Name.Constant');
          c.pop(2);
        } else {
          c.token('Str.Heredoc');
        }
      }),
      rule(/(?:)/, (c) => c.pop()),
    ],
    double_quotes: [rule(/(?:\$#?)?"/, 'Str.Double', 'pop!'), mixin('interp'), rule(/[^"`\\$]+/, 'Str.Double')],
    ansi_string: [rule(/\\./, 'Str.Escape'), rule(/[^\\']+/, 'Str.Single'), mixin('single_quotes')],
    single_quotes: [rule(/'/, 'Str.Single', 'pop!'), rule(/[^']+/, 'Str.Single')],
    data: [
      rule(/\s+/, 'Text'),
      rule(/\\./, 'Str.Escape'),
      rule(/\$?"/, 'Str.Double', 'double_quotes'),
      rule(/\$'/, 'Str.Single', 'ansi_string'),
      rule(/'/, 'Str.Single', 'single_quotes'),
      rule(/\*/, 'Keyword'),
      rule(/;/, 'Punctuation'),
      rule(/--?[\w-]+/, 'Name.Tag'),
      rule(/[^=*\s{}()$"'`;\\<]+/, 'Text'),
      // Ruby's \Z: the end, or before a final newline.
      rule(/\d+(?= |\n?(?![\s\S]))/, 'Num'),
      rule(/</, 'Text'),
      mixin('interp'),
    ],
    curly: [rule(/}/, 'Keyword', 'pop!'), rule(/:-/, 'Keyword'), rule(/[a-zA-Z0-9_]+/, 'Name.Variable'), rule(/[^}:"`'$]+/, 'Punctuation'), mixin('root')],
    paren_interp: [rule(/\)/, 'Str.Interpol', 'pop!'), rule(/\(/, 'Operator', 'paren_inner'), mixin('root')],
    paren_inner: [rule(/\(/, 'Operator', 'push'), rule(/\)/, 'Operator', 'pop!'), mixin('root')],
    math: [rule(/\)\)/, 'Keyword', 'pop!'), rule(/[-+*/%^|&!]|\*\*|\|\|/, 'Operator'), rule(/\d+(#\w+)?/, 'Num'), mixin('root')],
    case: [rule(/\besac\b/, 'Keyword', 'pop!'), rule(/\|/, 'Punctuation'), rule(/\)/, 'Punctuation', 'case_stanza'), mixin('root')],
    case_stanza: [rule(/;;/, 'Punctuation', 'pop!'), mixin('root')],
    backticks: [rule(/`/, 'Str.Backtick', 'pop!'), mixin('root')],
    interp: [
      rule(/\\$/, 'Str.Escape'),
      rule(/\\./, 'Str.Escape'),
      rule(/\$\(\(/, 'Keyword', 'math'),
      rule(/\$\(/, 'Str.Interpol', 'paren_interp'),
      rule(/\$\{#?/, 'Keyword', 'curly'),
      rule(/`/, 'Str.Backtick', 'backticks'),
      rule(/\$#?(\w+|.)/, 'Name.Variable'),
      rule(/\$[*@]/, 'Name.Variable'),
    ],
    root: [mixin('basic'), mixin('data')],
  },
};
