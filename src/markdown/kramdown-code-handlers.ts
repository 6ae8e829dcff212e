/**
 * mdast-util-to-hast handlers for code, shaped like Jekyll 4.3.1's kramdown + Rouge output:
 *
 *   <div class="language-js highlighter-rouge"><div class="highlight"><pre class="highlight"><code>…</code></pre></div></div>
 *
 * for a block whose language Rouge knows (a block without one uses Jekyll's default_lang
 * `plaintext`), a bare `<pre><code class="language-x">` when Rouge has no lexer for it, and
 * `<code class="language-plaintext highlighter-rouge">` for code spans. Inside the Rouge wrapper the
 * code is highlighted into Rouge's token spans (highlight-code.ts); languages without a highlighter
 * here stay escaped text.
 */
import type { Code, InlineCode } from 'mdast';
import type { Element, ElementContent, Properties } from 'hast';
import type { State } from 'mdast-util-to-hast';
import { highlightToHast } from './highlight-code.ts';
import { ROUGE_LANGUAGES } from './rouge-languages.ts';

const DEFAULT_LANGUAGE = 'plaintext';

export function codeHandler(state: State, node: Code): Element {
  const properties = ownProperties(node);
  const classes = classList(properties);
  const fromClass = extractLanguage(classes);
  // kramdown-parser-gfm's FENCED_CODEBLOCK_MATCH takes `(\S+?)(?:\?\S*)?`: `js?linenos` is `js`.
  const fenceLanguage = node.lang ? node.lang.replace(/\?.*$/, '') : null;
  const language = fromClass.language ?? fenceLanguage;
  // kramdown keeps the block's trailing newline inside <code>. (A leading newline is protected from
  // the HTML parser in rehype-raw-when-needed.ts, when that parser runs.)
  const code: Element = { type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: node.value + '\n' }] };
  let result: Element;
  if (ROUGE_LANGUAGES.has(language ?? DEFAULT_LANGUAGE)) {
    // Rouge lexes the block with its trailing newline.
    code.children = highlightToHast(node.value + '\n', language ?? DEFAULT_LANGUAGE);
    // add_syntax_highlighter_to_class_attr: "language-x" goes first, "highlighter-rouge" last.
    const className = [`language-${language ?? DEFAULT_LANGUAGE}`, ...fromClass.rest, 'highlighter-rouge'];
    const pre: Element = { type: 'element', tagName: 'pre', properties: { className: ['highlight'] }, children: [code] };
    const inner: Element = { type: 'element', tagName: 'div', properties: { className: ['highlight'] }, children: [pre] };
    result = { type: 'element', tagName: 'div', properties: { ...properties, className }, children: [inner] };
  } else {
    if (language) code.properties.className = [`language-${language}`];
    const rest = fromClass.rest.length > 0 ? { className: fromClass.rest } : {};
    result = { type: 'element', tagName: 'pre', properties: { ...withoutClass(properties), ...rest }, children: [code] };
  }
  state.patch(node, result);
  return result;
}

export function inlineCodeHandler(state: State, node: InlineCode): Element {
  const properties = ownProperties(node);
  const classes = classList(properties);
  // convert_codespan uses extract_code_language (not the `!` variant): the class stays as written.
  const { language } = extractLanguage(classes);
  const lang = language ?? DEFAULT_LANGUAGE;
  // convert_codespan highlights a span too (Rouge, no wrapper); a language Rouge lacks stays plain, without highlighter-rouge.
  const highlighted = ROUGE_LANGUAGES.has(lang);
  const className = !highlighted ? classes : language ? [...classes, 'highlighter-rouge'] : [`language-${lang}`, ...classes, 'highlighter-rouge'];
  const children: ElementContent[] = highlighted ? highlightToHast(node.value, lang) : [{ type: 'text', value: node.value }];
  const result: Element = { type: 'element', tagName: 'code', properties: { ...properties, className }, children };
  state.patch(node, result);
  return result;
}

function ownProperties(node: Code | InlineCode): Properties {
  return { ...(node.data?.hProperties ?? {}) } as Properties;
}

function classList(properties: Properties): string[] {
  const value = properties.className;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? String(value).split(' ') : [];
}

function withoutClass(properties: Properties): Properties {
  const { className: _ignored, ...rest } = properties;
  return rest;
}

/** kramdown's extract_code_language!: the first `language-x` class names the language and is removed. */
function extractLanguage(classes: string[]): { language: string | null; rest: string[] } {
  const index = classes.findIndex((name) => name.startsWith('language-') && name.length > 'language-'.length);
  if (index === -1) return { language: null, rest: classes };
  return { language: classes[index].slice('language-'.length), rest: classes.filter((_, i) => i !== index) };
}
