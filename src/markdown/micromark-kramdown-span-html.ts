/**
 * Block-level HTML elements whose content kramdown parses as span-level Markdown: a `markdown="span"`
 * attribute, or `markdown="1"` on an element of HTML_CONTENT_MODEL_SPAN (`<p>`, `<h2>`, `<th>` …).
 * handle_kramdown_html_tag takes the content up to the first `</name>` (any case, nesting ignored) and
 * parses it as text, without a paragraph around it.
 *
 * Tokens: a `kramdownSpanHtml` holding an `htmlFlow` for the start tag, the content as `chunkText`
 * (inline Markdown, as in a heading) and an `htmlFlow` for the end tag and the rest of its line;
 * {@link kramdownSpanHtmlFromMarkdown} makes it an mdast node whose children are those three parts,
 * and {@link kramdownSpanHtmlToHast} hands them on without a wrapper element.
 */
import type { Code, Construct, Effects, Extension, State, Token, TokenizeContext } from 'micromark-util-types';
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import type { Handler } from 'mdast-util-to-hast';
import type { Nodes } from 'mdast';
import { raw } from 'hast-util-raw';
import type { SourceRef } from './micromark-kramdown-html.ts';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    kramdownSpanHtml: 'kramdownSpanHtml';
  }
}

export const SPAN_HTML_NODE = 'kramdownSpanHtml';

const NAME = '[A-Za-z][\\w.:-]*';
const START_TAG = new RegExp(`<(${NAME})((?:\\s+[^\\s=>/]+(?:\\s*=\\s*(?:"[^"]*"|'[^']*'|[^\\s"'=<>\`]+))?)*)\\s*>`, 'y');
const MARKDOWN_SPAN = /(?:^|\s)markdown\s*=\s*(?:"span"|'span'|span(?![\w-]))/i;
const MARKDOWN_DEFAULT = /(?:^|\s)markdown\s*=\s*(?:"1"|'1'|1(?![\w-]))/i;
// kramdown's HTML_SPAN_ELEMENTS are never block HTML; of HTML_CONTENT_MODEL_SPAN these remain.
const SPAN_CONTENT = new Set(['caption', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'legend', 'optgroup', 'p', 'th']);
const SPAN_ELEMENTS = new Set(['a', 'abbr', 'acronym', 'b', 'big', 'bdo', 'br', 'button', 'cite', 'code', 'del', 'dfn', 'em', 'i', 'img', 'input',
  'ins', 'kbd', 'label', 'mark', 'option', 'q', 'rb', 'rbc', 'rp', 'rt', 'rtc', 'ruby', 'samp', 'select', 'small',
  'span', 'strong', 'sub', 'sup', 'tt', 'u', 'var']);
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'command', 'embed', 'hr', 'img', 'input', 'keygen', 'link',
  'meta', 'param', 'source', 'track', 'wbr']);

export function kramdownSpanHtmlFlow(source: SourceRef): Extension {
  const construct: Construct = { name: 'kramdownSpanHtml', concrete: true, tokenize };
  return { flow: { 60: construct } };

  function tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    const self = this;
    let tagEnd = -1;
    let contentEnd = -1;
    let chunk: Token | undefined;
    return start;

    function start(code: Code): State | undefined {
      if (self.interrupt) return nok(code);
      const offset = self.now().offset;
      const extent = spanContentExtent(source.text, offset);
      if (!extent) return nok(code);
      [tagEnd, contentEnd] = extent;
      effects.enter('kramdownSpanHtml');
      effects.enter('htmlFlow');
      effects.enter('htmlFlowData');
      return startTag(code);
    }

    function startTag(code: Code): State | undefined {
      effects.consume(code);
      if (self.now().offset < tagEnd) return startTag;
      effects.exit('htmlFlowData');
      effects.exit('htmlFlow');
      return content;
    }

    function content(code: Code): State | undefined {
      if (self.now().offset >= contentEnd || code === null) {
        if (chunk) effects.exit('chunkText');
        effects.enter('htmlFlow');
        effects.enter('htmlFlowData');
        return endTag(code);
      }
      if (code === -5 || code === -4 || code === -3) {
        if (!chunk) {
          effects.enter('lineEnding');
          effects.consume(code);
          effects.exit('lineEnding');
          return content;
        }
        effects.consume(code);
        effects.exit('chunkText');
        const previous = chunk;
        chunk = effects.enter('chunkText', { contentType: 'text', previous });
        previous.next = chunk;
        return content;
      }
      chunk ??= effects.enter('chunkText', { contentType: 'text' });
      effects.consume(code);
      return content;
    }

    function endTag(code: Code): State | undefined {
      if (code === null || code === -5 || code === -4 || code === -3) {
        effects.exit('htmlFlowData');
        effects.exit('htmlFlow');
        effects.exit('kramdownSpanHtml');
        return ok(code);
      }
      effects.consume(code);
      return endTag;
    }
  }
}

/**
 * [end of the start tag, start of the end tag] of a span-content element starting at `offset`
 * with start tag, content and end tag on one line, or null.
 */
function spanContentExtent(text: string, offset: number): [number, number] | null {
  START_TAG.lastIndex = offset;
  const tag = START_TAG.exec(text);
  if (!tag || tag[0].includes('\n')) return null;
  const name = tag[1].toLowerCase();
  if (SPAN_ELEMENTS.has(name) || VOID_ELEMENTS.has(name)) return null;
  if (!MARKDOWN_SPAN.test(tag[2]) && !(SPAN_CONTENT.has(name) && MARKDOWN_DEFAULT.test(tag[2]))) return null;
  const close = new RegExp(`</${tag[1].replace(/[.]/g, '\\.')}\\s*>`, 'ig');
  close.lastIndex = START_TAG.lastIndex;
  const found = close.exec(text);
  // Content over several lines is left to the other HTML rules for now (chunks across lines trip micromark).
  if (!found || text.slice(START_TAG.lastIndex, found.index).includes('\n')) return null;
  return [START_TAG.lastIndex, found.index];
}

/** The mdast node for the tokens above; line endings in its text are kept. */
export function kramdownSpanHtmlFromMarkdown(): FromMarkdownExtension {
  return {
    canContainEols: [SPAN_HTML_NODE],
    enter: {
      kramdownSpanHtml(token) {
        this.enter({ type: SPAN_HTML_NODE, children: [] } as unknown as Nodes & { type: 'paragraph' }, token);
      },
    },
    exit: {
      kramdownSpanHtml(token) {
        this.exit(token);
      },
    },
  };
}

/**
 * The element of the start and end tag, holding the content. (Left side by side, the three parts
 * would be separated by the newlines mdast-util-to-hast puts between blocks.)
 */
export const kramdownSpanHtmlToHast: Handler = (state, node) => {
  const parts = state.all(node as Nodes);
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (parts.length < 2 || first.type !== 'raw' || last.type !== 'raw') return parts;
  const endTag = /^<\/[^>]*>/.exec(last.value);
  const parsed = raw({ type: 'root', children: [{ type: 'raw', value: first.value + (endTag ? endTag[0] : '') }] });
  const element = parsed.type === 'root' && parsed.children.length === 1 ? parsed.children[0] : undefined;
  if (element?.type !== 'element') return parts;
  element.children = parts.slice(1, -1);
  const after = endTag ? last.value.slice(endTag[0].length) : last.value;
  return after.trim() === '' ? element : [element, { type: 'raw', value: after }];
};
