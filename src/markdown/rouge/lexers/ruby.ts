/** Rouge's Ruby lexer (lexers/ruby.rb), with its heredoc queue and %-literals. */
import { mixin, rule, type LexContext, type LexerDefinition, type RuleDefinition } from '../regex-lexer.ts';

const KEYWORDS = String.raw`BEGIN END alias begin break case defined\? do else elsif end ensure for if in next redo rescue raise retry return super then undef unless until when while yield`.split(' ');
const KEYWORDS_PSEUDO = 'loop include extend raise alias_method attr catch throw private module_function public protected true false nil __FILE__ __LINE__'.split(' ');
const BUILTINS_G = (
  String.raw`attr_reader attr_writer attr_accessor __id__ __send__ abort ancestors at_exit autoload binding callcc ` +
  String.raw`caller catch chomp chop class_eval class_variables clone const_defined\? const_get const_missing const_set constants ` +
  'display dup eval exec exit extend fail fork format freeze getc gets global_variables gsub hash id included_modules ' +
  'inspect instance_eval instance_method instance_methods instance_variable_get instance_variable_set instance_variables ' +
  'lambda load local_variables loop method method_missing methods module_eval name object_id open p print printf ' +
  'private_class_method private_instance_methods private_methods proc protected_instance_methods protected_methods public_class_method ' +
  'public_instance_methods public_methods putc puts raise rand readline readlines require require_relative scan select self send set_trace_func ' +
  'singleton_methods sleep split sprintf srand sub syscall system taint test throw to_a to_s trace_var trap untaint untrace_var warn'
).split(' ');
const BUILTINS_Q = (
  'autoload block_given const_defined eql equal frozen include instance_of is_a iterator kind_of method_defined ' +
  'nil private_method_defined protected_method_defined public_method_defined respond_to tainted'
).split(' ');
const BUILTINS_B = 'chomp chop exit gsub sub'.split(' ');
const DELIMITERS: Readonly<Record<string, string>> = { '{': '}', '[': ']', '(': ')', '<': '>' };
const DECIMAL = String.raw`[\d]+(?:_\d+)*`;
const EXPONENT = String.raw`e[+-]?\d+`;

/** Ruby's Regexp.escape, in a spelling JavaScript reads (outside the u flag) the same way. */
const escape = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/\-#\s]/g, (char) => (char === ' ' ? '\\ ' : char === '\n' ? '\\n' : char === '\t' ? '\\t' : `\\${char}`));

interface Heredoc {
  tolerant: boolean;
  name: string;
}

const heredocs = (c: Pick<LexContext, 'vars'>): Heredoc[] => (c.vars.heredocs ??= []) as Heredoc[];

/** The state of one %-literal (`%w[…]`, `%r{…}`, `%Q|…|`), as Rouge's sigil_strings makes it. */
function sigilRules(open: string, close: string, interpolated: boolean, token: string): RuleDefinition[] {
  // Rouge squeezes repeated characters out of the escaped pair; "\\#" alone is dropped.
  let unique = `${open}${close}`.replace(/(.)\1+/g, '$1');
  if (open === close && open === '\\#') unique = '';
  const rules: RuleDefinition[] = [rule(new RegExp(String.raw`\\[#${unique}\\]`), 'Str.Escape')];
  if (open !== close) {
    rules.push(
      rule(new RegExp(open), (c) => {
        c.token(token);
        c.push();
      }),
    );
  }
  rules.push(rule(new RegExp(close), token, 'pop!'));
  if (interpolated) rules.push(mixin('string_intp_escaped'), rule(/#/, token));
  else rules.push(rule(/[\\#]/, token));
  rules.push(rule(new RegExp(String.raw`[^#${unique}\\]+`, 's'), token));
  return rules;
}

const simpleString = (token: string, end: string): RuleDefinition[] => [
  mixin('string_intp_escaped'),
  rule(new RegExp(String.raw`[^\\${end}#]+`, 's'), token),
  rule(/[\\#]/, token),
  rule(new RegExp(end), token, 'pop!'),
];

export const ruby: LexerDefinition = {
  names: ['ruby', 'rb'],
  start: (c) => {
    c.push('expr_start');
    c.vars.heredocs = [];
  },
  states: {
    symbols: [
      rule(/:@{0,2}[a-z_]\w*[!?]?/i, 'Str.Symbol'),
      rule(/:(?:\*\*|[-+]@|[/%&|^`~]|\[\]=?|<<|>>|<=?>|<=?|===?)/, 'Str.Symbol'),
      rule(/:'(\\\\|\\'|[^'])*'/, 'Str.Symbol'),
      rule(/:"/, 'Str.Symbol', 'simple_sym'),
    ],
    sigil_strings: [
      rule(/%([rqswQWxiI])?([^\w\s])/, (c) => {
        const kind = c.m[1];
        const open = escape(c.m[2]);
        const close = escape(DELIMITERS[c.m[2]] ?? c.m[2]);
        const interpolated = kind !== undefined && /[rQWxI]/.test(kind);
        const token = kind === 'r' ? 'Str.Regex' : 'Str.Other';
        if (kind === 'r') c.push('regex_flags');
        c.token(token);
        c.pushRules(`sigil ${open} ${close} ${interpolated} ${token}`, () => sigilRules(open, close, interpolated, token));
      }),
    ],
    strings: [
      mixin('symbols'),
      rule(/\b[a-z_]\w*?[?!]?:\s+/, 'Str.Symbol', 'expr_start'),
      rule(/'(\\\\|\\'|[^'])*'/, 'Str.Single'),
      rule(/"/, 'Str.Double', 'simple_string'),
      rule(/(?<!\.)`/, 'Str.Backtick', 'simple_backtick'),
    ],
    regex_flags: [rule(/[mixounse]*/, 'Str.Regex', 'pop!')],
    simple_string: simpleString('Str.Double', '"'),
    simple_sym: simpleString('Str.Symbol', '"'),
    simple_backtick: simpleString('Str.Backtick', '`'),
    whitespace: [mixin('inline_whitespace'), rule(/\n\s*/, 'Text', 'expr_start'), rule(/#.*$/, 'Comment.Single'), rule(/=begin\b.*?\n=end\b/s, 'Comment.Multiline')],
    inline_whitespace: [rule(/[ \t\r]+/, 'Text')],
    root: [
      mixin('whitespace'),
      rule(/__END__/, 'Comment.Preproc', 'end_part'),
      rule(/0_?[0-7]+(?:_[0-7]+)*/, 'Num.Oct'),
      rule(/0x[0-9A-Fa-f]+(?:_[0-9A-Fa-f]+)*/, 'Num.Hex'),
      rule(/0b[01]+(?:_[01]+)*/, 'Num.Bin'),
      rule(new RegExp(`${DECIMAL}(?:\\.${DECIMAL}(?:${EXPONENT})?|${EXPONENT})`, 'i'), 'Num.Float'),
      rule(new RegExp(DECIMAL), 'Num.Integer'),
      rule(/@@[a-z_]\w*/i, 'Name.Variable.Class'),
      rule(/@[a-z_]\w*/i, 'Name.Variable.Instance'),
      rule(/\$\w+/, 'Name.Variable.Global'),
      rule(/\$[!@&`'+~=/\\,;.<>_*$?:"]/, 'Name.Variable.Global'),
      rule(/\$-[0adFiIlpvw]/, 'Name.Variable.Global'),
      rule(/::/, 'Operator'),
      mixin('strings'),
      rule(new RegExp(`(?:${KEYWORDS.join('|')})(?=\\W|$)`), 'Keyword', 'expr_start'),
      rule(new RegExp(`(?:${KEYWORDS_PSEUDO.join('|')})\\b`), 'Keyword.Pseudo', 'expr_start'),
      rule(/(module)(\s+)([a-zA-Z_][a-zA-Z0-9_]*(::[a-zA-Z_][a-zA-Z0-9_]*)*)/, (c) => c.groups('Keyword', 'Text', 'Name.Namespace')),
      rule(/(def\b)(\s*)/, (c) => {
        c.groups('Keyword', 'Text');
        c.push('funcname');
      }),
      rule(/(class\b)(\s*)/, (c) => {
        c.groups('Keyword', 'Text');
        c.push('classname');
      }),
      rule(new RegExp(`(?:${BUILTINS_Q.join('|')})[?]`), 'Name.Builtin', 'expr_start'),
      rule(new RegExp(`(?:${BUILTINS_B.join('|')})!`), 'Name.Builtin', 'expr_start'),
      rule(new RegExp(`(?<!\\.)(?:${BUILTINS_G.join('|')})\\b`), 'Name.Builtin', 'method_call'),
      mixin('has_heredocs'),
      rule(/\.{2,3}/, 'Operator', 'expr_start'),
      rule(/[A-Z][a-zA-Z0-9_]*/, 'Name.Constant', 'method_call'),
      rule(/(\.|::)(\s*)([a-z_]\w*[!?]?|[*%&^`~+-/[<>=])/, (c) => {
        c.groups('Punctuation', 'Text', 'Name.Function');
        c.push('method_call');
      }),
      rule(/[a-zA-Z_]\w*[?!]/, 'Name', 'expr_start'),
      rule(/[a-zA-Z_]\w*/, 'Name', 'method_call'),
      rule(/\*\*|<<?|>>?|>=|<=|<=>|=~|={3}|!~|&&?|\|\||\./, 'Operator', 'expr_start'),
      rule(/[-+/*%=<>&!^|~]=?/, 'Operator', 'expr_start'),
      rule(/[?]/, (c) => {
        c.token('Punctuation');
        c.push('ternary');
        c.push('expr_start');
      }),
      rule(/[[({,:\\;/]/, 'Punctuation', 'expr_start'),
      rule(/[\])}]/, 'Punctuation'),
    ],
    has_heredocs: [
      rule(/(?<!\w)(<<[-~]?)(["`']?)([a-zA-Z_]\w*)(\2)/, (c) => {
        c.token('Operator', c.m[1]);
        c.token('Name.Constant', `${c.m[2]}${c.m[3]}${c.m[4]}`);
        heredocs(c).push({ tolerant: c.m[1] === '<<-' || c.m[1] === '<<~', name: c.m[3] });
        if (!c.inState('heredoc_queue')) c.push('heredoc_queue');
      }),
      rule(/(<<[-~]?)(["'])(\2)/, (c) => {
        c.token('Operator', c.m[1]);
        c.token('Name.Constant', `${c.m[2]}${c.m[3]}`);
        heredocs(c).push({ tolerant: c.m[1] === '<<-' || c.m[1] === '<<~', name: '' });
        if (!c.inState('heredoc_queue')) c.push('heredoc_queue');
      }),
    ],
    heredoc_queue: [rule(/(?=\n)/, (c) => c.goto('resolve_heredocs')), mixin('root')],
    resolve_heredocs: [mixin('string_intp_escaped'), rule(/\n/, 'Str.Heredoc', 'test_heredoc'), rule(/[#\\\n]/, 'Str.Heredoc'), rule(/[^#\\\n]+/, 'Str.Heredoc')],
    test_heredoc: [
      rule(/[^#\\\n]*$/, (c) => {
        const queue = heredocs(c);
        const first = queue[0];
        const check = first?.tolerant ? c.m[0].trim() : c.m[0].trimEnd();
        if (first !== undefined && check === first.name) {
          queue.shift();
          if (queue.length === 0) c.pop();
          c.token('Name.Constant');
        } else {
          c.token('Str.Heredoc');
        }
        c.pop();
      }),
      rule(/(?:)/, (c) => c.pop()),
    ],
    funcname: [
      rule(/\s+/, 'Text'),
      rule(/\(/, 'Punctuation', 'defexpr'),
      rule(/(?:([a-zA-Z_]\w*)(\.))?([a-zA-Z_]\w*[!?]?|\*\*?|[-+]@?|[/%&|^`~]|\[\]=?|<<?|>>?|<=>?|>=|===?)/, (c) => {
        c.groups('Name.Class', 'Operator', 'Name.Function');
        c.pop();
      }),
      rule(/(?:)/, (c) => c.pop()),
    ],
    classname: [
      rule(/\s+/, 'Text'),
      rule(/\w+(::\w+)+/, 'Name.Class'),
      rule(/\(/, (c) => {
        c.token('Punctuation');
        c.push('defexpr');
        c.push('expr_start');
      }),
      rule(/<</, (c) => {
        c.token('Operator');
        c.goto('expr_start');
      }),
      rule(/[A-Z_]\w*/, 'Name.Class', 'pop!'),
      rule(/(?:)/, (c) => c.pop()),
    ],
    ternary: [
      rule(/(:)(\s+)/, (c) => {
        c.groups('Punctuation', 'Text');
        c.goto('expr_start');
      }),
      rule(/:(?![^#\n]*?[:\\])/, (c) => {
        c.token('Punctuation');
        c.goto('expr_start');
      }),
      mixin('root'),
    ],
    defexpr: [
      rule(/(\))(\.|::)?/, (c) => {
        c.groups('Punctuation', 'Operator');
        c.pop();
      }),
      rule(/\(/, (c) => {
        c.token('Punctuation');
        c.push('defexpr');
        c.push('expr_start');
      }),
      mixin('root'),
    ],
    in_interp: [rule(/}/, 'Str.Interpol', 'pop!'), mixin('root')],
    string_intp: [rule(/[#][{]/, 'Str.Interpol', 'in_interp'), rule(/#(@@?|\$)[a-z_]\w*/i, 'Str.Interpol')],
    string_intp_escaped: [mixin('string_intp'), rule(/\\([\\abefnrstv#"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3})/, 'Str.Escape'), rule(/\\./, 'Str.Escape')],
    method_call: [
      rule(/\/|%/, (c) => {
        c.token('Operator');
        c.goto('expr_start');
      }),
      rule(/(?=\n)/, (c) => c.pop()),
      rule(/(?:)/, (c) => c.goto('method_call_spaced')),
    ],
    method_call_spaced: [
      mixin('whitespace'),
      rule(/[%/]=/, (c) => {
        c.token('Operator');
        c.goto('expr_start');
      }),
      rule(/(\/)(?=\S|\s*\/)/, (c) => {
        c.token('Str.Regex');
        c.goto('slash_regex');
      }),
      mixin('sigil_strings'),
      rule(/(?=\s*\/)/, (c) => c.pop()),
      rule(/\s+/, (c) => {
        c.token('Text');
        c.goto('expr_start');
      }),
      rule(/(?:)/, (c) => c.pop()),
    ],
    expr_start: [
      mixin('inline_whitespace'),
      rule(/\//, (c) => {
        c.token('Str.Regex');
        c.goto('slash_regex');
      }),
      rule(/[?](\\[MC]-)*(\\([\\abefnrstv#"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3})|\S)(?!\w)/, 'Str.Char', 'pop!'),
      rule(/(\s*)(%[rqswQWxiI]? \S* )/, (c) => {
        c.groups('Text', 'Str.Other');
        c.pop();
      }),
      mixin('sigil_strings'),
      rule(/(?:)/, (c) => c.pop()),
    ],
    slash_regex: [
      mixin('string_intp'),
      rule(/\\\\/, 'Str.Regex'),
      rule(/\\\//, 'Str.Regex'),
      rule(/[\\#]/, 'Str.Regex'),
      rule(/[^\\/#]+/s, 'Str.Regex'),
      rule(/\//, (c) => {
        c.token('Str.Regex');
        c.goto('regex_flags');
      }),
    ],
    end_part: [rule(/.+/s, 'Comment.Preproc', 'pop!')],
  },
};
