/**
 * Syntax highlighting in Rouge's markup: highlight.js lexes the code and its scopes are mapped to
 * Rouge's short token classes (`k`, `kd`, `s2`, `mi`, `c1`, `nt`, …), so a Rouge CSS theme colours
 * the output as it would Jekyll's. Adjacent tokens of one class are merged, whitespace between
 * tokens is bare text, and the token texts always concatenate to exactly the input: when
 * highlight.js does not know the language, fails, or would alter a character, the code comes back
 * as a single plain token. Synchronous and pure; the languages are registered once, on a private
 * highlight.js instance.
 */
import hljsCore from 'highlight.js/lib/core';
import type { Emitter, HLJSApi, LanguageFn } from 'highlight.js';
import bash from 'highlight.js/lib/languages/bash';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import http from 'highlight.js/lib/languages/http';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import plaintext from 'highlight.js/lib/languages/plaintext';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import type { Element, ElementContent } from 'hast';
import { createRougeLexers } from './rouge/lexer-list.ts';
import type { LexerRegistry } from './rouge/regex-lexer.ts';

/** One run of code: `className` is a Rouge short token name, or null for bare text. */
export interface CodeToken {
  className: string | null;
  text: string;
}

/** How a highlight.js language's output is brought close to the Rouge lexer of the same name. */
interface Profile {
  /** Class for bare identifiers between tokens (Rouge's `nx` in JavaScript, `n` elsewhere); null leaves them bare. */
  identifier: string | null;
  /** Whether bare operator and punctuation characters become `o` and `p` tokens. */
  operators: boolean;
  /** `quoted`: `s2`/`s1` by the opening quote; `delimited`: also the quotes as `dl` (Rouge's JavaScript); `plain`: `s`. */
  strings: 'quoted' | 'delimited' | 'plain';
  /** Words Rouge gives another class than highlight.js's (declarations `kd`, namespaces `kn`, word operators `ow`, builtins `nb`), scoped or bare. */
  words?: Readonly<Record<string, string>>;
  /** Whether comments keep Rouge's generic `c` instead of `c1`/`cm` by their opening (as its shell and CSS lexers do). */
  plainComments?: boolean;
  /** Class for bare text that is not an identifier, operator or punctuation (Rouge's `go` for console output). */
  rest?: string;
  /** Shell-style bare text: `-x`/`--flag` options are `nt`, `;` is `p`, redirections and `=` are `o`, the rest is bare. */
  shell?: boolean;
  /** Overrides of the general scope table for this language. */
  scopes?: Readonly<Record<string, string | null>>;
}

const words = (entries: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(entries).flatMap(([className, list]) => list.split(' ').map((word) => [word, className])));
const JS_WORDS = words({ kd: 'const let var function class extends constructor type', nx: 'console' });
const JS_SCOPES = { property: 'nx', title: 'nx', 'title.function': 'nx', attr: 'nl', 'variable.language': 'k' };

const PROFILES: Readonly<Record<string, Profile>> = {
  javascript: { identifier: 'nx', operators: true, strings: 'delimited', words: JS_WORDS, scopes: JS_SCOPES },
  typescript: { identifier: 'nx', operators: true, strings: 'delimited', words: JS_WORDS, scopes: JS_SCOPES },
  json: { identifier: null, operators: true, strings: 'quoted', scopes: { attr: 'nl', keyword: 'kc', literal: 'kc' } },
  yaml: { identifier: null, operators: false, strings: 'plain', scopes: { literal: 'no', bullet: 'pi', number: 'm' } },
  xml: { identifier: null, operators: false, strings: 'plain', scopes: { 'meta keyword': 'cp', keyword: 'cp', string: 's', symbol: 'ni' } },
  css: { identifier: null, operators: true, strings: 'plain', plainComments: true, scopes: { attribute: 'nl', 'selector-id': 'nf', number: 'm', meta: 'cp', keyword: 'k' } },
  bash: { identifier: null, operators: false, strings: 'quoted', plainComments: true, shell: true, scopes: { meta: 'c', built_in: 'nb' }, words: words({ nb: 'grep sed awk cat curl npm npx git node' }) },
  shell: { identifier: null, operators: false, strings: 'quoted', rest: 'go', scopes: { 'meta.prompt': 'gp' } },
  python: { identifier: 'n', operators: true, strings: 'plain', scopes: { 'variable.language': 'bp', literal: 'bp', meta: 'nd' }, words: words({ kn: 'import from', ow: 'is and or not in', k: 'print' }) },
  ruby: { identifier: 'n', operators: true, strings: 'quoted', scopes: { 'variable.language': 'k', 'title.function.invoke': 'nf', variable: 'vi' }, words: words({ nb: 'require require_relative puts print p raise attr_accessor attr_reader attr_writer include extend' }) },
  java: { identifier: 'n', operators: true, strings: 'plain', scopes: { meta: 'nd' }, words: words({ kd: 'public private protected class interface enum extends implements static final abstract', kn: 'package import' }) },
  csharp: { identifier: 'n', operators: true, strings: 'plain', scopes: { meta: 'cp', built_in: 'kt', title: 'nc' }, words: words({ kt: 'var' }) },
  sql: { identifier: 'n', operators: true, strings: 'quoted', scopes: { built_in: 'k', type: 'k', literal: 'k' } },
  markdown: { identifier: null, operators: false, strings: 'plain', plainComments: true, scopes: { string: 'nv', link: 'sx', quote: 'gt', section: 'gh' } },
  http: { identifier: null, operators: false, strings: 'plain', scopes: { keyword: 'nf', attribute: 'na', string: 'nn', number: 'm', meta: 'k' } },
};

/** Rouge's lexer names (as kramdown and the highlight tag look them up) for the languages highlighted here. */
const LANGUAGES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    javascript: 'js javascript jsx',
    typescript: 'ts typescript tsx',
    json: 'json jsonc',
    yaml: 'yaml yml',
    xml: 'xml html',
    css: 'css',
    bash: 'bash sh shell zsh ksh',
    shell: 'console shell-session shell_session terminal',
    python: 'python py',
    ruby: 'ruby rb',
    java: 'java',
    csharp: 'csharp cs c#',
    sql: 'sql',
    markdown: 'markdown md mkd',
    http: 'http',
  }).flatMap(([language, names]) => names.split(' ').map((name) => [name, language] as const)),
);

/** highlight.js scope → Rouge short token name; null is a transparent scope (its text takes the enclosing class). */
const SCOPES: Readonly<Record<string, string | null>> = {
  keyword: 'k',
  built_in: 'nb',
  type: 'kt',
  literal: 'kc',
  number: 'm',
  operator: 'o',
  punctuation: 'p',
  property: 'py',
  regexp: 'sr',
  string: 's',
  char: 'sc',
  'char.escape': 'se',
  subst: 'si',
  symbol: 'ss',
  class: 'nc',
  function: null,
  params: null,
  variable: 'nv',
  'variable.language': 'k',
  'variable.constant': 'no',
  title: 'nf',
  'title.class': 'nc',
  'title.function': 'nf',
  comment: 'c',
  doctag: null,
  meta: 'cp',
  'meta.prompt': 'gp',
  section: 'gh',
  tag: 'nt',
  name: 'nt',
  attr: 'na',
  attribute: 'na',
  bullet: 'p',
  code: 'sb',
  emphasis: 'ge',
  strong: 'gs',
  formula: 'sx',
  link: 'nl',
  quote: 'c',
  'selector-tag': 'nt',
  'selector-id': 'nn',
  'selector-class': 'nc',
  'selector-attr': 'na',
  'selector-pseudo': 'nd',
  'template-tag': 'cp',
  'template-variable': 'nv',
  addition: 'gi',
  deletion: 'gd',
};

const STRINGS = new Set(['s', 's1', 's2', 'sb', 'sc', 'sx', 'dl']);
const COMMENTS = new Set(['c', 'c1', 'cm', 'cs']);
/** Scopes that keep their own class inside a string: escapes and interpolation. */
const IN_STRINGS = new Set(['char.escape', 'subst', 'variable', 'template-variable']);

/** The lexer Rouge's `name` is highlighted with here (a ported Rouge lexer, else highlight.js's language), or undefined (plain text). */
export function highlightLanguage(name: string): string | undefined {
  const tag = rougeLexers().tag(name);
  if (tag !== undefined) return tag;
  return LANGUAGES.get(name);
}

/**
 * The code as Rouge-classed tokens for the Rouge language `name`. Unknown languages, `plaintext`
 * and `text` give one bare token (as Rouge's PlainText lexer does).
 */
export function highlightTokens(code: string, name: string): CodeToken[] {
  const plain = [{ className: null, text: code }];
  // A language with a ported Rouge lexer gets Rouge's own tokens.
  if (rougeLexers().has(name)) return rougeLexers().lex(name, code).map(([className, text]) => ({ className: className === '' ? null : className, text }));
  const language = LANGUAGES.get(name);
  if (!language || code === '') return plain;
  const result = highlighter().highlight(code, { language, ignoreIllegals: true });
  if (result.errorRaised) return plain;
  const tokens = merge(flatten((result._emitter as TreeEmitter).root, language));
  return tokens.map((token) => token.text).join('') === code ? tokens : plain;
}

/** The tokens as hast: `<span class="k">…</span>` for classed runs, text for bare ones. */
export function highlightToHast(code: string, name: string): ElementContent[] {
  return highlightTokens(code, name).map((token): ElementContent => {
    if (token.className === null) return { type: 'text', value: token.text };
    const span: Element = { type: 'element', tagName: 'span', properties: { className: [token.className] }, children: [{ type: 'text', value: token.text }] };
    return span;
  });
}

/** The tokens as HTML, escaped as Rouge::Formatters::HTML does (`&`, `<`, `>` only). */
export function highlightToHtml(code: string, name: string): string {
  return highlightTokens(code, name)
    .map((token) => (token.className === null ? escapeHtml(token.text) : `<span class="${token.className}">${escapeHtml(token.text)}</span>`))
    .join('');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'));
}

// --- highlight.js, once ------------------------------------------------------------------------

interface ScopeNode {
  scope?: string;
  children: Array<ScopeNode | string>;
}

/** Keeps highlight.js's scope tree instead of rendering HTML (what hljs's own TokenTreeEmitter does, minus the HTML). */
class TreeEmitter implements Emitter {
  readonly root: ScopeNode = { children: [] };
  private readonly stack: ScopeNode[] = [this.root];

  constructor(_options: unknown) {}

  addText(text: string): void {
    if (text !== '') this.stack[this.stack.length - 1].children.push(text);
  }

  startScope(scope: string): void {
    const node: ScopeNode = { scope, children: [] };
    this.stack[this.stack.length - 1].children.push(node);
    this.stack.push(node);
  }

  endScope(): void {
    if (this.stack.length > 1) this.stack.pop();
  }

  // highlight.js 11 also calls these older names (for a mode's own scope and its endScope).
  openNode(scope: string): void {
    this.startScope(scope);
  }

  closeNode(): void {
    this.endScope();
  }

  __addSublanguage(emitter: Emitter, name: string): void {
    const root = (emitter as TreeEmitter).root;
    if (name) root.scope = `language:${name}`;
    this.stack[this.stack.length - 1].children.push(root);
  }

  finalize(): void {
    this.stack.length = 1;
  }

  toHTML(): string {
    return '';
  }
}

let instance: HLJSApi | undefined;
let rouge: LexerRegistry | undefined;

/** The ported Rouge lexers, made on first use (each compiles its rules when first asked for). */
function rougeLexers(): LexerRegistry {
  rouge ??= createRougeLexers();
  return rouge;
}

function highlighter(): HLJSApi {
  if (instance) return instance;
  const hljs = hljsCore.newInstance();
  const languages: Record<string, LanguageFn> = { bash, csharp, css, http, java, javascript, json, markdown, plaintext, python, ruby, shell, sql, typescript, xml, yaml };
  for (const [name, language] of Object.entries(languages)) hljs.registerLanguage(name, language);
  hljs.configure({ __emitter: TreeEmitter, classPrefix: '' });
  instance = hljs;
  return hljs;
}

// --- scopes to Rouge tokens ----------------------------------------------------------------------

function flatten(root: ScopeNode, language: string): CodeToken[] {
  const tokens: CodeToken[] = [];
  const walk = (node: ScopeNode, language: string, inherited: string | null): void => {
    const profile = PROFILES[language];
    for (const child of node.children) {
      if (typeof child === 'string') {
        emitText(tokens, child, inherited, profile);
        continue;
      }
      if (child.scope?.startsWith('language:')) {
        const sub = child.scope.slice('language:'.length);
        walk(child, PROFILES[sub] ? sub : language, null);
        continue;
      }
      let className = child.scope === undefined ? inherited : scopeClass(child.scope, profile, inherited);
      if (className !== inherited && (className === 's' || className === 'c')) {
        // Strings and comments take their Rouge type from how the whole token begins.
        const text = textOf(child);
        if (className === 'c') className = profile.plainComments ? 'c' : commentClass(text);
        else if (profile.strings !== 'plain') {
          const quote = text[0];
          className = quote === '"' ? 's2' : quote === "'" ? 's1' : quote === '`' ? (profile.strings === 'delimited' ? 's2' : 'sb') : 's';
          // Rouge's JavaScript lexer gives a string's quotes their own `dl` tokens.
          if (profile.strings === 'delimited' && (quote === '"' || quote === "'") && text.length >= 2 && text.endsWith(quote) && child.children.length === 1) {
            tokens.push({ className: 'dl', text: quote }, { className, text: text.slice(1, -1) }, { className: 'dl', text: quote });
            continue;
          }
        }
      }
      walk(child, language, className);
    }
  };
  walk(root, language, null);
  return tokens;
}

function textOf(node: ScopeNode | string): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}

/** The class for text directly inside `scope`: the most specific entry of the profile's or the general table. */
function scopeClass(scope: string, profile: Profile, inherited: string | null): string | null {
  // Inside a comment or string everything stays that comment or string (escapes and interpolation aside).
  if (inherited !== null && (COMMENTS.has(inherited) || (STRINGS.has(inherited) && !IN_STRINGS.has(scope)))) return inherited;
  for (let name = scope; ; name = name.slice(0, name.lastIndexOf('.'))) {
    if (profile.scopes && name in profile.scopes) return profile.scopes[name] ?? inherited;
    if (name in SCOPES) return SCOPES[name] ?? inherited;
    if (!name.includes('.')) break;
  }
  // A scope made of several names ("meta keyword"): the last one.
  const last = scope.split(' ').pop() ?? scope;
  return last !== scope ? scopeClass(last, profile, inherited) : inherited;
}

function emitText(tokens: CodeToken[], text: string, className: string | null, profile: Profile): void {
  if (className === null) {
    bare(tokens, text, profile);
    return;
  }
  if (STRINGS.has(className) || COMMENTS.has(className)) {
    tokens.push({ className, text });
    return;
  }
  // Rouge keeps the whitespace around a token out of it.
  const [, before, core, after] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text) ?? ['', '', text, ''];
  if (before) tokens.push({ className: null, text: before });
  if (core) {
    if (profile.words && Object.hasOwn(profile.words, core) && /^(k|n.|nb|kt)$/.test(className)) className = profile.words[core];
    else if (className === 'm') className = numberClass(core);
    // A YAML key's colon and an XML attribute's `=`: Rouge's `pi` after the key, `na` with the name.
    if (className === 'na' && core.length > 1 && core.endsWith(':')) tokens.push({ className, text: core.slice(0, -1) }, { className: 'pi', text: ':' });
    else tokens.push({ className: className === 'nt' && core === '=' ? 'na' : className, text: core });
  }
  if (after) tokens.push({ className: null, text: after });
}

/** Text outside any token: identifiers, operators and punctuation as Rouge's lexers split them. */
function bare(tokens: CodeToken[], text: string, profile: Profile): void {
  if (profile.shell) {
    for (const [all, option, punctuation, operator] of text.matchAll(/((?<![^\s])--?[\w-]+)|(;)|(&&|\|\||[=<>]+)|[^-;&|=<>]+|[\s\S]/g)) {
      const word = all.trim();
      const className = option ? 'nt' : punctuation ? 'p' : operator ? 'o' : profile.words && Object.hasOwn(profile.words, word) ? profile.words[word] : null;
      if (className === null || word === all) tokens.push({ className, text: all });
      else emitText(tokens, all, className, profile);
    }
    return;
  }
  if (!profile.operators && profile.identifier === null) {
    tokens.push({ className: profile.rest && text.trim() !== '' ? profile.rest : null, text });
    return;
  }
  for (const match of text.matchAll(/(\s+)|([\p{L}_$][\p{L}\p{N}_$]*)|([+\-*/%=<>!&|^~?]+)|([;,.:()[\]{}@]+)|([\s\S])/gu)) {
    const [all, space, identifier, operator, punctuation] = match;
    let className: string | null = null;
    if (space === undefined) {
      if (identifier !== undefined) className = profile.words?.[all] === 'nb' && Object.hasOwn(profile.words, all) ? 'nb' : profile.identifier;
      else if (operator !== undefined) className = profile.operators ? 'o' : null;
      else if (punctuation !== undefined) className = profile.operators ? 'p' : null;
    }
    tokens.push({ className, text: all });
  }
}

function numberClass(text: string): string {
  if (/^[+-]?0[xX][0-9a-fA-F_]+[lLuU]*$/.test(text)) return 'mh';
  if (/^[+-]?0[bB][01_]+[lLuU]*$/.test(text)) return 'mb';
  if (/^[+-]?\d[\d_]*[lLuU]*$/.test(text)) return 'mi';
  if (/^[+-]?(\d[\d_]*)?\.?\d[\d_]*([eE][+-]?\d+)?[fFdDmM]?$/.test(text)) return 'mf';
  return 'm';
}

function commentClass(text: string): string {
  if (/^(\/\/|#|--|;)/.test(text) && !text.startsWith('#!')) return 'c1';
  if (text.startsWith('/*')) return 'cm';
  return 'c';
}

/** Adjacent runs of one class become one (Rouge's lexer merges consecutive tokens of a type); empty runs go. */
function merge(tokens: CodeToken[]): CodeToken[] {
  const merged: CodeToken[] = [];
  for (const token of tokens) {
    if (token.text === '') continue;
    const last = merged[merged.length - 1];
    if (last && last.className === token.className) last.text += token.text;
    else merged.push({ ...token });
  }
  return merged;
}
