/** Rouge's Python lexer (lexers/python.rb), with its register of open strings. */
import { rule, mixin, type LexContext, type LexerDefinition } from '../regex-lexer.ts';

const KEYWORDS = new Set('assert break continue del elif else except exec finally for global if lambda pass print raise return try while yield as with from import yield async await nonlocal'.split(' '));
const BUILTINS = new Set(
  (
    '__import__ abs all any apply ascii basestring bin bool buffer bytearray bytes callable chr classmethod cmp coerce compile ' +
    'complex delattr dict dir divmod enumerate eval execfile exit file filter float format frozenset getattr globals hasattr hash hex id ' +
    'input int intern isinstance issubclass iter len list locals long map max memoryview min next object oct open ord pow property range ' +
    'raw_input reduce reload repr reversed round set setattr slice sorted staticmethod str sum super tuple type unichr unicode vars xrange zip'
  ).split(' '),
);
const BUILTINS_PSEUDO = new Set('self None Ellipsis NotImplemented False True'.split(' '));
const EXCEPTIONS = new Set(
  (
    'ArithmeticError AssertionError AttributeError BaseException BlockingIOError BrokenPipeError BufferError ' +
    'BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError ' +
    'DeprecationWarning EOFError EnvironmentError Exception FileExistsError FileNotFoundError ' +
    'FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError IndexError ' +
    'InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError ' +
    'NotADirectoryError NotImplemented NotImplementedError OSError OverflowError OverflowWarning PendingDeprecationWarning ' +
    'ProcessLookupError RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StandardError StopAsyncIteration ' +
    'StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError TypeError UnboundLocalError UnicodeDecodeError ' +
    'UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ValueError VMSError Warning WindowsError ZeroDivisionError'
  ).split(' '),
);

// Ruby's [[:alpha:]] and [[:alnum:]] on UTF-8 text.
const IDENTIFIER = String.raw`[\p{L}\p{M}_][\p{L}\p{M}\p{Nd}_]*`;
const DOTTED_IDENTIFIER = String.raw`[\p{L}\p{M}_.][\p{L}\p{M}\p{Nd}_.]*`;
const DIGITS = String.raw`[0-9](_?[0-9])*`;
const DECIMAL = String.raw`((${DIGITS})?\.${DIGITS}|${DIGITS}\.)`;
const EXPONENT = String.raw`e[+-]?${DIGITS}`;
const u = (source: string, flags = ''): RegExp => new RegExp(source, `u${flags}`);

/** The strings open at this point: [prefix letters, delimiter], innermost last (Rouge's StringRegister). */
function strings(c: LexContext): Array<[string, string]> {
  return (c.vars.strings ??= []) as Array<[string, string]>;
}

export const python: LexerDefinition = {
  names: ['python', 'py'],
  states: {
    root: [
      rule(/\n+/, 'Text'),
      rule(/^(:)(\s*)([ru]{0,2}""".*?""")/is, (c) => c.groups('Punctuation', 'Text', 'Str.Doc')),
      rule(/[^\S\n]+/, 'Text'),
      rule(/#(.*)?\n?/, 'Comment.Single'),
      rule(/[[\]{}:(),;.]/, 'Punctuation'),
      rule(/\\\n/, 'Text'),
      rule(/\\/, 'Text'),
      rule(/(in|is|and|or|not)\b/, 'Operator.Word'),
      rule(/(<<|>>|\/\/|\*\*)=?/, 'Operator'),
      rule(/[-~+/*%=<>&^|@]=?|!=/, 'Operator'),
      rule(u(String.raw`(from)((?:\\\s|\s)+)(${DOTTED_IDENTIFIER})((?:\\\s|\s)+)(import)`), (c) =>
        c.groups('Keyword.Namespace', 'Text', 'Name.Namespace', 'Text', 'Keyword.Namespace'),
      ),
      rule(u(String.raw`(import)(\s+)(${DOTTED_IDENTIFIER})`), (c) => c.groups('Keyword.Namespace', 'Text', 'Name.Namespace')),
      rule(/(def)((?:\s|\\\s)+)/, (c) => {
        c.groups('Keyword', 'Text');
        c.push('funcname');
      }),
      rule(/(class)((?:\s|\\\s)+)/, (c) => {
        c.groups('Keyword', 'Text');
        c.push('classname');
      }),
      rule(/`.*?`/, 'Str.Backtick'),
      rule(/([rfbu]{0,2})('''|"""|['"])/i, (c) => {
        c.groups('Str.Affix', 'Str');
        strings(c).push([c.m[1].toLowerCase(), c.m[2]]);
        c.push('generic_string');
      }),
      rule(u(`@${DOTTED_IDENTIFIER}`, 'i'), 'Name.Decorator'),
      rule(u(String.raw`(?<!\.)${IDENTIFIER}`), (c) => {
        const word = c.m[0];
        if (KEYWORDS.has(word)) c.token('Keyword');
        else if (EXCEPTIONS.has(word) || BUILTINS.has(word)) c.token('Name.Builtin');
        else if (BUILTINS_PSEUDO.has(word)) c.token('Name.Builtin.Pseudo');
        else c.token('Name');
      }),
      rule(u(IDENTIFIER), 'Name'),
      rule(new RegExp(`${DECIMAL}(${EXPONENT})?j?`, 'i'), 'Num.Float'),
      rule(new RegExp(`${DIGITS}${EXPONENT}j?`, 'i'), 'Num.Float'),
      rule(new RegExp(`${DIGITS}j`, 'i'), 'Num.Float'),
      rule(/0b(_?[0-1])+/i, 'Num.Bin'),
      rule(/0o(_?[0-7])+/i, 'Num.Oct'),
      rule(/0x(_?[a-f0-9])+/i, 'Num.Hex'),
      rule(/\d+L/, 'Num.Integer.Long'),
      rule(/([1-9](_?[0-9])*|0(_?0)*)/, 'Num.Integer'),
    ],
    funcname: [rule(u(IDENTIFIER), 'Name.Function', 'pop!')],
    classname: [rule(u(IDENTIFIER), 'Name.Class', 'pop!')],
    raise: [rule(/from\b/, 'Keyword'), rule(/raise\b/, 'Keyword'), rule(/yield\b/, 'Keyword'), rule(/\n/, 'Text', 'pop!'), rule(/;/, 'Punctuation', 'pop!'), mixin('root')],
    yield: [mixin('raise')],
    generic_string: [
      rule(/[^'"\\{]+/, 'Str'),
      rule(/\{\{/, 'Str'),
      rule(/'''|"""|['"]/, (c) => {
        c.token('Str');
        const open = strings(c);
        if (open[open.length - 1]?.[1] === c.m[0]) {
          open.pop();
          c.pop();
        }
      }),
      rule(/(?=\\)/, 'Str', 'generic_escape'),
      rule(/\{/, (c) => {
        const open = strings(c);
        if (open[open.length - 1]?.[0].includes('f')) {
          c.token('Str.Interpol');
          c.push('generic_interpol');
        } else {
          c.token('Str');
        }
      }),
    ],
    generic_escape: [
      rule(/\\([\\abfnrtv"']|\n|newline|N\{[a-zA-Z][a-zA-Z ]+[a-zA-Z]\}|u[a-fA-F0-9]{4}|U[a-fA-F0-9]{8}|x[a-fA-F0-9]{2}|[0-7]{1,3})/, (c) => {
        const open = strings(c);
        c.token(open[open.length - 1]?.[0].includes('r') ? 'Str' : 'Str.Escape');
        c.pop();
      }),
      rule(/\\./, 'Str', 'pop!'),
    ],
    generic_interpol: [
      rule(/[^{}!:]+/, (c) => c.recurse(c.m[0])),
      rule(/![asr]/, 'Str.Interpol'),
      rule(/:/, 'Str.Interpol'),
      rule(/\{/, 'Str.Interpol', 'generic_interpol'),
      rule(/\}/, 'Str.Interpol', 'pop!'),
    ],
  },
};
