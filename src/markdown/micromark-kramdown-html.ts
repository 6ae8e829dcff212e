/**
 * kramdown's block-level HTML rules, as a micromark extension that replaces CommonMark's `htmlFlow`
 * (parser/kramdown/html.rb and parser/html.rb with parse_block_html off, Jekyll's default).
 *
 * 1. What may interrupt a paragraph. CommonMark lets HTML block kinds 1–6 (comments, `<?`, `<!X`,
 *    `<script>`, block tag names …) end a paragraph. kramdown-parser-gfm's PARAGRAPH_END_GFM
 *    (through LAZY_END) ends it only at a line starting with `<name` or `</name>` where the name is
 *    not one of LAZY_END_HTML_SPAN_ELEMENTS (the span elements plus `script`), case-sensitively.
 *    So a `<!--more-->` line between two text lines stays inside the paragraph, while `<video>`
 *    (a CommonMark kind 7 tag, which cannot interrupt) does end it.
 * 2. How far a block element reaches. A line starting with a complete start tag of a non-span
 *    element (HTML_TAG_RE) opens an element whose content is kept raw up to its matching end tag
 *    (parse_raw_html: nested start tags open elements of their own, end tags that match no open
 *    element are ignored, a missing end tag runs to the end of the input), blank lines and
 *    indented lines included. CommonMark ends the block at the first blank line instead.
 *
 * Everything else at a `<` (comments, declarations, span tags, void and self-closed tags, elements
 * with a `markdown` attribute that asks for Markdown parsing) is left to CommonMark's own htmlFlow,
 * which stays registered but disabled so that only this construct can be attempted by name; we call
 * its tokenizer ourselves. A block element with `markdown="1"` whose start and end tags stand on
 * lines of their own gets Markdown content (see markdownStartTagEnd). A start or end tag of a span
 * element is never block HTML (see startsSpanElement). Known gaps: other `markdown="1"` shapes and
 * content models follow CommonMark.
 *
 * The end of an element is found with kramdown's regular expressions on the whole input (micromark
 * hands flow constructs one character at a time, without lookahead), so the extension needs the
 * document being parsed: `source.text` must be set to exactly the string given to the parser.
 * Container prefixes (`> `, list indentation) are part of that text; they never look like tags, so
 * the end found is the same, and the construct still stops where the container ends.
 */
import type { Code, Construct, Effects, Extension, Resolver, State, TokenizeContext } from 'micromark-util-types';
import { ALD_MARKER, IAL_MARKER } from './prepare-kramdown-source.ts';

/** The input currently being parsed; set before each parse. */
export interface SourceRef {
  text: string;
}

// REXML's UNAME_STR (an XML name with an optional prefix), close enough for tag names.
const NCNAME = '[A-Za-z_\\u00C0-\\uFFFF][\\w.\\-\\u00B7\\u00C0-\\uFFFF]*';
const UNAME = `(?:${NCNAME}:)?${NCNAME}`;
// kramdown's HTML_SPAN_ELEMENTS.
const SPAN_ELEMENTS = ['a', 'abbr', 'acronym', 'b', 'big', 'bdo', 'br', 'button', 'cite', 'code', 'del', 'dfn', 'em', 'i', 'img', 'input',
  'ins', 'kbd', 'label', 'mark', 'option', 'q', 'rb', 'rbc', 'rp', 'rt', 'rtc', 'ruby', 'samp', 'select', 'small',
  'span', 'strong', 'sub', 'sup', 'tt', 'u', 'var'];
const SPAN_SET = new Set(SPAN_ELEMENTS);
const BLOCK_ELEMENTS = ['address', 'article', 'aside', 'applet', 'body', 'blockquote', 'caption', 'col', 'colgroup',
  'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'html', 'head', 'iframe', 'legend', 'menu', 'li', 'main', 'map', 'nav', 'ol',
  'optgroup', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'th', 'thead', 'tfoot', 'tr', 'ul'];
// HTML_ELEMENTS_WITHOUT_BODY.
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'command', 'embed', 'hr', 'img', 'input', 'keygen', 'link',
  'meta', 'param', 'source', 'track', 'wbr']);
// HTML_ELEMENT: names kramdown lower-cases (the rest keep their case when matching end tags).
const KNOWN_ELEMENTS = new Set([...SPAN_ELEMENTS, ...BLOCK_ELEMENTS, ...VOID_ELEMENTS, 'details', 'figure', 'noscript', 'object',
  'script', 'style', 'math', 'textarea', 'code', 'kbd', 'samp', 'var', 'dfn', 'tt']);

// LAZY_END_HTML_START (parser/kramdown/paragraph.rb), at the `<`; LAZY_END_HTML_STOP never ends a
// paragraph for good (see interruptsParagraph).
const LAZY_SPAN = `(?!(?:${[...SPAN_ELEMENTS, 'script'].join('|')})\\b)`;
const LAZY_END_HTML = new RegExp(`<${LAZY_SPAN}${UNAME}`, 'y');
// HTML_TAG_RE (without its atomic groups, which the quoted-value form makes unnecessary).
const TAG = `<(${UNAME})\\s*((?:\\s+${UNAME}(?:\\s*=\\s*(?:[\\p{L}\\p{M}\\p{N}\\p{Pc}]+|"[^"]*"|'[^']*'))?)*)\\s*(/)?>`;
const HTML_TAG = new RegExp(TAG, 'uy');
const HTML_TAG_CLOSE = new RegExp(`</(${UNAME})\\s*>`, 'y');
const HTML_COMMENT = /<!--[\s\S]*?-->/y;
const HTML_INSTRUCTION = /<\?[\s\S]*?\?>/y;
const HTML_RAW_START = new RegExp(`<(?:${UNAME}|/|!--|\\?)`, 'g');
const MARKDOWN_ATTRIBUTE = /(?:^|\s)markdown\s*=\s*(?:"(?:1|block|span)"|'(?:1|block|span)'|(?:1|block|span)(?![\p{L}\p{M}\p{N}\p{Pc}]))/iu;
const MARKDOWN_BLOCK_ATTRIBUTE = /(?:^|\s)markdown\s*=\s*(?:"(?:1|block)"|'(?:1|block)'|(?:1|block)(?![\p{L}\p{M}\p{N}\p{Pc}]))/iu;
// Elements whose content kramdown parses as blocks under `markdown="1"` (HTML_CONTENT_MODEL_BLOCK).
const BLOCK_CONTENT = new Set(['address', 'applet', 'article', 'aside', 'blockquote', 'body', 'dd', 'details', 'div', 'dl', 'fieldset', 'figure',
  'figcaption', 'footer', 'form', 'header', 'hgroup', 'iframe', 'li', 'main', 'map', 'menu', 'nav', 'noscript', 'object', 'section', 'summary', 'td']);
const MARKERS = [`<!--${IAL_MARKER}`, `<!--${ALD_MARKER}`];

export function kramdownHtmlFlow(source: SourceRef): Extension {
  const construct: Construct = { name: 'kramdownHtmlFlow', concrete: true, tokenize, resolveTo: resolveToHtmlFlow };
  // Offsets of the end tags of `markdown="1"` block elements in the text being parsed → their end.
  const markdownEnds = new Map<number, number>();
  let markdownEndsOf = '';
  return { flow: { 60: construct }, disable: { null: ['htmlFlow'] } };

  function tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    const self = this;
    let end = -1;
    let inData = false;
    return start;

    function start(code: Code): State | undefined {
      const offset = self.now().offset;
      if (markdownEndsOf !== source.text) {
        markdownEndsOf = source.text;
        markdownEnds.clear();
      }
      const closesMarkdown = markdownEnds.get(offset);
      if (self.interrupt) return closesMarkdown !== undefined || interruptsParagraph(source.text, offset) ? ok(code) : nok(code);
      end = closesMarkdown ?? elementEnd(source.text, offset);
      if (end < 0) end = markdownStartTagEnd(source.text, offset, markdownEnds);
      if (end < 0) return startsSpanElement(source.text, offset) ? nok(code) : commonMarkHtmlFlow(self, effects, ok, nok)(code);
      effects.enter('htmlFlow');
      return inside(code);
    }

    function inside(code: Code): State | undefined {
      if (code === null) return done(code);
      if (code === -5 || code === -4 || code === -3) {
        if (inData) effects.exit('htmlFlowData');
        inData = false;
        if (self.now().offset >= end) return done(code);
        return effects.check(nonLazyLine, lineEnding, done)(code);
      }
      if (!inData) effects.enter('htmlFlowData');
      inData = true;
      effects.consume(code);
      return inside;
    }

    function lineEnding(code: Code): State | undefined {
      effects.enter('lineEnding');
      effects.consume(code);
      effects.exit('lineEnding');
      return inside;
    }

    function done(code: Code): State | undefined {
      if (inData) effects.exit('htmlFlowData');
      inData = false;
      effects.exit('htmlFlow');
      return ok(code);
    }
  }
}

const nonLazyLine: Construct = {
  partial: true,
  tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    const self = this;
    return (code: Code) => {
      effects.enter('lineEnding');
      effects.consume(code);
      effects.exit('lineEnding');
      return (next: Code) => (next === null || self.parser.lazy[self.now().line] ? nok(next) : ok(next));
    };
  },
};

/** CommonMark's htmlFlow, registered (disabled) among the flow constructs for `<`. */
function commonMarkHtmlFlow(self: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  const registered = self.parser.constructs.flow?.[60];
  const list = Array.isArray(registered) ? registered : registered ? [registered] : [];
  const htmlFlow = list.find((construct) => construct.name === 'htmlFlow');
  return htmlFlow ? htmlFlow.tokenize.call(self, effects, ok, nok) : nok;
}

/** Same as CommonMark's htmlFlow resolver: the line prefix becomes part of the HTML. */
const resolveToHtmlFlow: Resolver = (events) => {
  let index = events.length;
  while (index--) {
    if (events[index][0] === 'enter' && events[index][1].type === 'htmlFlow') break;
  }
  if (index > 1 && events[index - 2][1].type === 'linePrefix') {
    events[index][1].start = events[index - 2][1].start;
    events[index + 1][1].start = events[index - 2][1].start;
    events.splice(index - 2, 2);
  }
  return events;
};

/**
 * Whether a line whose first non-blank character, at `offset`, is `<` ends a paragraph. LAZY_END
 * stops the paragraph at `<name` or `</name>` (name not a span element); then the block HTML parser
 * must take the line, which needs a complete start tag of a non-span element (an end tag is only
 * taken inside `markdown="1"` HTML). Otherwise the paragraph parser reads the line and appends it
 * to the paragraph before, so the paragraph in effect goes on.
 */
function interruptsParagraph(text: string, offset: number): boolean {
  if (MARKERS.some((marker) => text.startsWith(marker, offset))) return true;
  LAZY_END_HTML.lastIndex = offset;
  if (!LAZY_END_HTML.test(text)) return false;
  HTML_TAG.lastIndex = offset;
  const tag = HTML_TAG.exec(text);
  return tag !== null && !SPAN_SET.has(tag[1].toLowerCase());
}

/**
 * parse_block_html leaves a start or end tag of a span element (`<img …>`, `<a …>`, `<br>`) to the
 * paragraph parser, so a line holding only such a tag is a paragraph, where CommonMark (kind 7)
 * makes it an HTML block.
 */
function startsSpanElement(text: string, offset: number): boolean {
  HTML_TAG.lastIndex = offset;
  const tag = HTML_TAG.exec(text);
  if (tag) return SPAN_SET.has(tag[1].toLowerCase());
  HTML_TAG_CLOSE.lastIndex = offset;
  const close = HTML_TAG_CLOSE.exec(text);
  return close !== null && SPAN_SET.has(close[1].toLowerCase());
}

/**
 * Where the raw block element starting at `offset` ends (just after its end tag), or -1 when there
 * is no such element there (then CommonMark's rules apply).
 */
export function elementEnd(text: string, offset: number): number {
  HTML_TAG.lastIndex = offset;
  const tag = HTML_TAG.exec(text);
  if (!tag) return -1;
  const name = elementName(tag[1]);
  if (SPAN_SET.has(tag[1].toLowerCase()) || tag[3] || VOID_ELEMENTS.has(name)) return -1;
  if (MARKDOWN_ATTRIBUTE.test(tag[2])) return -1;
  const position = HTML_TAG.lastIndex;
  if (name === 'script' || name === 'style') return rawTextEnd(text, position, name);
  return matchingEndTag(text, position, name)[1];
}

/**
 * A block element whose `markdown` attribute asks for block parsing (parse_block_html with
 * `markdown="1"` or `"block"`), its start tag alone on its line and its end tag at the start of a
 * line of its own: the start tag line is an HTML block of its own (the returned end of the tag),
 * the content is Markdown, and the end tag is noted in `ends` so that it ends a paragraph there and
 * is an HTML block too. -1 for anything else.
 */
function markdownStartTagEnd(text: string, offset: number, ends: Map<number, number>): number {
  HTML_TAG.lastIndex = offset;
  const tag = HTML_TAG.exec(text);
  if (!tag || tag[3]) return -1;
  const name = elementName(tag[1]);
  if (SPAN_SET.has(tag[1].toLowerCase()) || VOID_ELEMENTS.has(name) || !BLOCK_CONTENT.has(name)) return -1;
  if (!MARKDOWN_BLOCK_ATTRIBUTE.test(tag[2])) return -1;
  const tagEnd = HTML_TAG.lastIndex;
  const lineEnd = text.indexOf('\n', tagEnd);
  if (text.slice(tagEnd, lineEnd < 0 ? text.length : lineEnd).trim() !== '') return -1;
  const [closeStart, closeEnd] = matchingEndTag(text, tagEnd, name);
  if (closeStart < 0) return -1;
  const lineStart = text.lastIndexOf('\n', closeStart - 1) + 1;
  const after = text.indexOf('\n', closeEnd);
  if (text.slice(lineStart, closeStart).trim() !== '' || text.slice(closeEnd, after < 0 ? text.length : after).trim() !== '') return -1;
  ends.set(closeStart, closeEnd);
  return tagEnd;
}

/** parse_raw_html's search for the end tag of `name` from `position`: [its start, its end], or [-1, text.length]. */
function matchingEndTag(text: string, from: number, name: string): [number, number] {
  let position = from;
  const open: string[] = [name];
  HTML_RAW_START.lastIndex = position;
  while (open.length > 0) {
    HTML_RAW_START.lastIndex = position;
    const found = HTML_RAW_START.exec(text);
    if (!found) return [-1, text.length];
    position = found.index;
    const next = matchAt(HTML_COMMENT, text, position) ?? matchAt(HTML_INSTRUCTION, text, position);
    if (next !== null) {
      position = next;
      continue;
    }
    HTML_TAG.lastIndex = position;
    const start = HTML_TAG.exec(text);
    if (start) {
      position = HTML_TAG.lastIndex;
      const nested = elementName(start[1]);
      if (start[3] || VOID_ELEMENTS.has(nested)) continue;
      if (nested === 'script' || nested === 'style') position = rawTextEnd(text, position, nested);
      else open.push(nested);
      continue;
    }
    HTML_TAG_CLOSE.lastIndex = position;
    const close = HTML_TAG_CLOSE.exec(text);
    if (close) {
      const current = open[open.length - 1];
      if (current === (KNOWN_ELEMENTS.has(current) ? close[1].toLowerCase() : close[1])) open.pop();
      if (open.length === 0) return [position, HTML_TAG_CLOSE.lastIndex];
      position = HTML_TAG_CLOSE.lastIndex;
      continue;
    }
    position += 1;
  }
  return [-1, position];
}

function elementName(name: string): string {
  const lower = name.toLowerCase();
  return KNOWN_ELEMENTS.has(lower) ? lower : name;
}

function matchAt(pattern: RegExp, text: string, position: number): number | null {
  pattern.lastIndex = position;
  return pattern.test(text) ? pattern.lastIndex : null;
}

/** handle_raw_html_tag: `<script>` and `<style>` run to their end tag, whatever is inside. */
function rawTextEnd(text: string, position: number, name: string): number {
  const close = new RegExp(`</${name}\\s*>`, 'ig');
  close.lastIndex = position;
  return close.exec(text) ? close.lastIndex : text.length;
}
