/**
 * Rouge's RegexLexer (rouge 3.30, lib/rouge/regex_lexer.rb), so that lexers ported from Rouge give
 * Rouge's tokens exactly: named states of rules tried in order at the current position, each rule a
 * regular expression with a token or a callback that may push, pop or change state, mixins, and
 * delegation to another lexer. Tokens are Rouge's qualified names (`Str.Double`); the output is
 * Rouge's short class names with adjacent tokens of one class merged, as Rouge::Lexer#continue_lex.
 */
import { shortTokenName } from './token-names.ts';

/** What a rule's callback can do: Rouge's RegexLexer instance methods. */
export interface LexContext {
  /** The match of the rule being run (`m[0]`, groups `m[1]`…). */
  readonly m: RegExpExecArray;
  token(token: string, value?: string): void;
  /** One token per group, in order (`null` skips a group). */
  groups(...tokens: Array<string | null>): void;
  push(state?: string): void;
  pop(times?: number): void;
  goto(state: string): void;
  resetStack(): void;
  inState(state: string): boolean;
  /** The current state's name. */
  readonly state: string;
  /** Lexes `text` (default: the match) with another lexer's one instance in this run (Rouge's `delegate @js`), continuing where it stopped. */
  delegate(lexer: string, text?: string): void;
  /** Lexes `text` with a fresh instance of another lexer (Rouge's `delegate YAML`, a class). */
  delegateFresh(lexer: string, text?: string): void;
  /** Lexes `text` with a fresh instance of this lexer. */
  recurse(text?: string): void;
  /** Whether a lexer of that name is ported. */
  hasLexer(name: string): boolean;
  /** Rouge's `reset!` of this run's instance of another lexer (`@javascript.reset!`). */
  resetDelegate(lexer: string): void;
  /**
   * Rouge's `push do … end`: a state made while lexing. `key` names it (the same key, the same rules),
   * so its rules are made and compiled once.
   */
  pushRules(key: string, rules: () => readonly RuleDefinition[]): void;
  /** Per-run variables of the lexer (Rouge's instance variables). */
  readonly vars: Record<string, unknown>;
}

export type Callback = (context: LexContext) => void;
export type RuleDefinition = { re: RegExp; token?: string; next?: string; callback?: Callback } | { mixin: string };

/** For a lexer that is not a RegexLexer (Rouge's ConsoleLexer): tokens made by hand, other lexers used by name. */
export interface StreamApi {
  emit(token: string, text: string): void;
  /** Lexes `text` with this run's instance of `lexer`, continuing where it stopped. */
  continueWith(lexer: string, text: string): void;
  /** Rouge's `reset!` of this run's instance of `lexer`. */
  reset(lexer: string): void;
}

export interface LexerDefinition {
  /** Rouge's tag, then its aliases. */
  names: readonly string[];
  states: Readonly<Record<string, readonly RuleDefinition[]>>;
  /** Replaces the states: Rouge's `stream_tokens` of a lexer that is not a RegexLexer. */
  stream?: (code: string, api: StreamApi) => void;
  /** Rouge's `start` block: run at the start of each lex. */
  start?: (context: Omit<LexContext, 'm'>) => void;
}

/** `rule %r/re/, Token, :next` and `rule(%r/re/) { … }`, written alike. */
export function rule(re: RegExp, tokenOrCallback: string | Callback, next?: string): RuleDefinition {
  return typeof tokenOrCallback === 'string' ? { re, token: tokenOrCallback, next } : { re, callback: tokenOrCallback };
}

export function mixin(state: string): RuleDefinition {
  return { mixin: state };
}

interface CompiledRule {
  re: RegExp;
  token?: string;
  next?: string;
  callback?: Callback;
}

interface CompiledLexer {
  definition: LexerDefinition;
  states: Map<string, CompiledRule[]>;
}

export type TokenSink = (className: string, text: string) => void;

/** Rouge lets a rule match the empty string this many times in a row before it gives up on the position. */
const MAX_NULL_SCANS = 5;

/** The lexers by name, compiled once: a rule's regular expression runs sticky and multiline, as StringScanner runs Ruby's. */
export class LexerRegistry {
  private readonly definitions = new Map<string, LexerDefinition>();
  private readonly compiled = new Map<LexerDefinition, CompiledLexer>();

  constructor(definitions: readonly LexerDefinition[]) {
    for (const definition of definitions) for (const name of definition.names) this.definitions.set(name, definition);
  }

  has(name: string): boolean {
    return this.definitions.has(name);
  }

  /** The lexer's own name (Rouge's tag) for a name or alias. */
  tag(name: string): string | undefined {
    return this.definitions.get(name)?.names[0];
  }

  /** The code as [class, text] runs, Text as the empty class, adjacent runs of one class merged. */
  lex(name: string, code: string): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    const sink: TokenSink = (className, text) => {
      if (text === '') return;
      const last = out[out.length - 1];
      if (last && last[0] === className) last[1] += text;
      else out.push([className, text]);
    };
    new LexerRun(this, this.lexer(name)).lex(code, sink);
    return out;
  }

  lexer(name: string): CompiledLexer {
    const definition = this.definitions.get(name);
    if (!definition) throw new Error(`No Rouge lexer named '${name}'.`);
    let compiled = this.compiled.get(definition);
    if (!compiled) {
      compiled = compile(definition);
      this.compiled.set(definition, compiled);
    }
    return compiled;
  }
}

function compile(definition: LexerDefinition): CompiledLexer {
  const compiled: CompiledLexer = { definition, states: new Map() };
  for (const name of Object.keys(definition.states)) compileState(compiled, name, new Set());
  return compiled;
}

function compileState(lexer: CompiledLexer, name: string, seen: Set<string>): CompiledRule[] {
  const done = lexer.states.get(name);
  if (done) return done;
  const rules = lexer.definition.states[name];
  if (!rules) throw new Error(`Rouge lexer ${lexer.definition.names[0]}: unknown state '${name}'.`);
  if (seen.has(name)) throw new Error(`Rouge lexer ${lexer.definition.names[0]}: state '${name}' mixes itself in.`);
  seen.add(name);
  const out = compileRules(lexer, rules, seen);
  seen.delete(name);
  lexer.states.set(name, out);
  return out;
}

function compileRules(lexer: CompiledLexer, rules: readonly RuleDefinition[], seen: Set<string>): CompiledRule[] {
  const out: CompiledRule[] = [];
  for (const definitionRule of rules) {
    if ('mixin' in definitionRule) {
      out.push(...compileState(lexer, definitionRule.mixin, seen));
      continue;
    }
    const flags = new Set([...definitionRule.re.flags, 'y']);
    flags.delete('g');
    out.push({
      re: new RegExp(rubyLineSemantics(definitionRule.re.source, flags.has('s')), [...flags].join('')),
      token: definitionRule.token === undefined ? undefined : shortTokenName(definitionRule.token),
      next: definitionRule.next,
      callback: definitionRule.callback,
    });
  }
  return out;
}

/**
 * The source with Ruby's meaning of `^`, `$` and `.`: lines end at `\n` only (JavaScript's also end
 * at `\r`, U+2028 and U+2029), so `^` is after a `\n` or at the start, `$` before one or at the end,
 * and `.` anything but `\n` (anything at all under Ruby's /m, JavaScript's /s).
 */
function rubyLineSemantics(source: string, dotAll: boolean): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      out += char + (source[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (char === ']') inClass = false;
      out += char;
    } else if (char === '[') {
      inClass = true;
      out += char;
    } else if (char === '^') out += '(?<![^\\n])';
    else if (char === '$') out += '(?![^\\n])';
    else if (char === '.' && !dotAll) out += '[^\\n]';
    else out += char;
  }
  return out;
}

/** One lexer's state while it lexes: its stack, its variables and the lexers it delegates to. */
class LexerRun {
  private stack: string[] = ['root'];
  private readonly vars: Record<string, unknown> = {};
  private readonly delegates = new Map<string, LexerRun>();
  private sink: TokenSink = () => undefined;
  private nullSteps = 0;

  constructor(
    private readonly registry: LexerRegistry,
    private readonly lexer: CompiledLexer,
  ) {}

  lex(code: string, sink: TokenSink): void {
    this.reset();
    this.continueLex(code, sink);
  }

  /** Rouge's `reset!`: the stack back to root and the start block run again. */
  reset(): void {
    this.stack = ['root'];
    // Rouge's start blocks make their lexers' delegates anew (`@javascript = Javascript.new`).
    this.delegates.clear();
    for (const key of Object.keys(this.vars)) delete this.vars[key];
    if (this.lexer.definition.start) this.lexer.definition.start(this.context(undefined));
  }

  continueLex(code: string, sink: TokenSink): void {
    const outer = this.sink;
    this.sink = sink;
    this.nullSteps = 0;
    try {
      const stream = this.lexer.definition.stream;
      if (stream) {
        stream(code, {
          emit: (token, text) => sink(shortTokenName(token), text),
          continueWith: (lexer, text) => this.delegateTo(lexer).continueLex(text, sink),
          reset: (lexer) => this.delegateTo(lexer).reset(),
        });
        return;
      }
      let position = 0;
      while (position < code.length) {
        const next = this.step(code, position);
        if (next === undefined) {
          // Rouge yields one character as an Error token and goes on.
          const char = String.fromCodePoint(code.codePointAt(position)!);
          sink('err', char);
          position += char.length;
        } else {
          position = next;
        }
      }
    } finally {
      this.sink = outer;
    }
  }

  private step(code: string, position: number): number | undefined {
    const state = this.stack[this.stack.length - 1];
    const rules = this.lexer.states.get(state);
    if (!rules) throw new Error(`Rouge lexer ${this.lexer.definition.names[0]}: unknown state '${state}'.`);
    for (const compiledRule of rules) {
      compiledRule.re.lastIndex = position;
      const m = compiledRule.re.exec(code);
      if (!m) continue;
      this.run(compiledRule, m);
      if (m[0].length === 0) {
        if (++this.nullSteps > MAX_NULL_SCANS) return undefined;
      } else {
        this.nullSteps = 0;
      }
      return position + m[0].length;
    }
    return undefined;
  }

  private run(compiledRule: CompiledRule, m: RegExpExecArray): void {
    if (compiledRule.callback) {
      compiledRule.callback(this.context(m));
      return;
    }
    this.sink(compiledRule.token!, m[0]);
    const next = compiledRule.next;
    if (next === undefined) return;
    if (next === 'pop!') this.pop(1);
    else if (next === 'push') this.stack.push(this.stack[this.stack.length - 1]);
    else this.stack.push(this.checked(next));
  }

  private pop(times: number): void {
    if (this.stack.length === 0) throw new Error('empty stack!');
    this.stack.splice(Math.max(0, this.stack.length - times), times);
    // Rouge's state is stack.last, which fails on an empty stack; the lexers never pop below root.
    if (this.stack.length === 0) this.stack.push('root');
  }

  private checked(state: string): string {
    if (!this.lexer.states.has(state)) throw new Error(`Rouge lexer ${this.lexer.definition.names[0]}: unknown state '${state}'.`);
    return state;
  }

  private context(m: RegExpExecArray | undefined): LexContext {
    const run = this;
    const match = m as RegExpExecArray;
    return {
      m: match,
      token: (token, value = match[0]) => run.sink(shortTokenName(token), value ?? ''),
      groups: (...tokens) => tokens.forEach((token, i) => token !== null && run.sink(shortTokenName(token), match[i + 1] ?? '')),
      push: (state) => run.stack.push(state === undefined ? run.stack[run.stack.length - 1] : run.checked(state)),
      pop: (times = 1) => run.pop(times),
      goto: (state) => {
        run.stack[run.stack.length - 1] = run.checked(state);
      },
      resetStack: () => {
        run.stack = ['root'];
      },
      inState: (state) => run.stack.includes(state),
      get state() {
        return run.stack[run.stack.length - 1];
      },
      delegate: (lexer, text = match[0]) => run.delegateTo(lexer).continueLex(text, run.sink),
      delegateFresh: (lexer, text = match[0]) => new LexerRun(run.registry, run.registry.lexer(lexer)).lex(text, run.sink),
      recurse: (text = match[0]) => new LexerRun(run.registry, run.lexer).lex(text, run.sink),
      resetDelegate: (lexer) => run.delegateTo(lexer).reset(),
      hasLexer: (name) => run.registry.has(name),
      pushRules: (key, rules) => {
        const name = `#${key}`;
        if (!run.lexer.states.has(name)) run.lexer.states.set(name, compileRules(run.lexer, rules(), new Set()));
        run.stack.push(name);
      },
      vars: run.vars,
    };
  }

  /** Rouge keeps one instance per delegate lexer for the whole lex, so each continues where it stopped. */
  private delegateTo(name: string): LexerRun {
    let delegate = this.delegates.get(name);
    if (!delegate) {
      const lexer = this.registry.lexer(name);
      delegate = new LexerRun(this.registry, lexer);
      delegate.reset();
      this.delegates.set(name, delegate);
    }
    return delegate;
  }
}
