/**
 * Writes a converted document's hast tree as kramdown 2.4.0's HTML converter writes it
 * (converter/html.rb), byte for byte where we can: the newline after each block, two spaces of
 * indentation per nesting level, a blank line wherever the source had one between blocks, `<br />`,
 * `&lt;`/`&gt;`/`&amp;`. A browser sees no difference, but Liquid filters over `content` and
 * `excerpt` do: `strip_html | truncate`, `jsonify` and `number_of_words` feed meta descriptions and
 * search indexes, and they keep every newline and space.
 */
import type { Comment, Element, ElementContent, Nodes, Properties, Root, RootContent, Text } from 'hast';
import { find, html as htmlSchema } from 'property-information';

/** Where the raw HTML of the source was: elements parsed from it are written as they were, not as blocks. */
export type RawHtmlRanges = ReadonlyArray<readonly [start: number, end: number]>;

/** `source` is the Markdown the tree was made from: blank lines between blocks are looked up in it. */
export function serializeKramdownHtml(tree: Root, source: string, rawRanges: RawHtmlRanges = []): string {
  // kramdown's adapt_source: `source.chomp + "\n"`, so every line, the last included, ends in a newline.
  const lines = (source.endsWith('\n') ? source.slice(0, -1) : source).split('\n');
  const writer = new KramdownHtmlWriter(source, lines, rawRanges);
  return writer.root(tree);
}

const INDENT = 2;

/** Blocks written as `<tag>content</tag>\n` on one line (format_as_block_html). */
const LINE_BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dt', 'th', 'td']);
/** Blocks whose children are blocks, each on its own lines (format_as_indented_block_html). */
const NESTING_BLOCKS = new Set(['blockquote', 'ul', 'ol', 'dl', 'table', 'thead', 'tbody', 'tfoot', 'tr']);
/** Blocks whose children are blocks with blank lines kept between them. */
const BLANK_KEEPING = new Set(['blockquote']);
/** Elements that start a block when they stand among blocks (the HTML block-level elements kramdown knows). */
const BLOCK_TAGS = new Set([
  ...LINE_BLOCKS, ...NESTING_BLOCKS, 'li', 'dd', 'hr', 'pre', 'div', 'figure', 'address', 'article', 'aside', 'center',
  'details', 'dialog', 'fieldset', 'figcaption', 'footer', 'form', 'header', 'hgroup', 'main', 'menu', 'nav', 'section',
  'summary', 'script', 'style', 'noscript', 'iframe', 'video', 'audio', 'canvas', 'caption', 'colgroup', 'col', 'math', 'svg',
]);
/** Their text is code, written as it is. */
const RAW_TEXT = new Set(['script', 'style']);
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

class KramdownHtmlWriter {
  constructor(
    private readonly source: string,
    private readonly lines: readonly string[],
    private readonly rawRanges: RawHtmlRanges,
  ) {}

  root(tree: Root): string {
    const children = blockChildren(tree.children);
    // The footnote list is appended after everything else, trailing blank line included (convert_root).
    const footnotes = children.length > 0 && isFootnoteList(children[children.length - 1]) ? children.pop() : undefined;
    let out = '';
    const first = children[0];
    // Without blocks, all blank lines are one run: an empty document is "\n".
    if (!first && this.blankLineIn(1, this.lines.length)) out += '\n';
    if (first && this.blankLineIn(0, startLine(first) - 1)) out += '\n';
    out += this.blocks(children, 0, true);
    const last = children[children.length - 1];
    if (last && this.blankLineIn(endLine(last), this.lines.length)) out += '\n';
    if (footnotes) out += this.footnoteList(footnotes as Element);
    return out;
  }

  /** Blocks in a row, each ending in a newline, with a blank line where the source had one between them. */
  private blocks(children: readonly RootContent[], indent: number, keepBlanks: boolean): string {
    let out = '';
    let previous: RootContent | undefined;
    for (const child of children) {
      if (keepBlanks && previous && this.blankLineIn(endLine(previous), startLine(child) - 1)) out += '\n';
      out += this.block(child, indent);
      previous = child;
    }
    return out;
  }

  private block(node: RootContent, indent: number): string {
    const pad = ' '.repeat(indent);
    switch (node.type) {
      case 'element':
        return this.blockElement(node, indent);
      case 'comment':
        return `${pad}<!--${node.value}-->\n`;
      case 'raw':
        return `${pad}${node.value}\n`;
      case 'text':
        return `${pad}${this.inline(node)}\n`;
      default:
        return '';
    }
  }

  private blockElement(node: Element, indent: number): string {
    const pad = ' '.repeat(indent);
    const tag = node.tagName;
    if (this.isRawHtml(node)) {
      const children = blockChildren(node.children);
      // An HTML block whose content was parsed as Markdown (content model :block): its blocks are nested.
      if (!children.some((child) => child.type === 'element' && BLOCK_TAGS.has(child.tagName) && child.position && !this.isRawHtml(child))) return `${pad}${this.inline(node, true)}\n`;
      // Blank lines after the start tag and before the end tag are kept; then one newline is chomped.
      const open = node.position?.start?.line ?? Number.MAX_SAFE_INTEGER;
      const close = node.position?.end?.line ?? 0;
      let inner = this.blankLineIn(open + 1, startLine(children[0]) - 1) ? '\n' : '';
      inner += this.blocks(children, indent + INDENT, true);
      if (this.blankLineIn(endLine(children[children.length - 1]) + 1, close - 1)) inner += '\n';
      return `${pad}${this.openTag(node)}\n${inner.replace(/\n$/, '')}\n${pad}</${tag}>\n`;
    }
    if (LINE_BLOCKS.has(tag)) return `${pad}${this.openTag(node)}${this.inlineChildren(node.children)}</${tag}>\n`;
    if (NESTING_BLOCKS.has(tag)) {
      const inner = this.blocks(blockChildren(node.children), indent + INDENT, BLANK_KEEPING.has(tag));
      return `${pad}${this.openTag(node)}\n${inner}${pad}</${tag}>\n`;
    }
    if (tag === 'li' || tag === 'dd') return this.listItem(node, indent);
    if (tag === 'hr') return `${pad}${this.openTag(node, ' /')}\n`;
    // A highlighted code block: kramdown indents the wrapper's end tag too (convert_codeblock).
    if (tag === 'div' && hasClass(node, 'highlighter-rouge')) return `${pad}${this.openTag(node)}${this.inlineChildren(node.children)}${pad}</div>\n`;
    return `${pad}${this.inline(node)}\n`;
  }

  /**
   * convert_li: an item whose first paragraph is transparent starts its text right after `<li>`,
   * and its blocks follow on the same line; otherwise the blocks start on a new line.
   */
  private listItem(node: Element, indent: number): string {
    const pad = ' '.repeat(indent);
    const children = node.children;
    let from = 0;
    while (from < children.length && isBlankText(children[from])) from++;
    let firstBlock = from;
    while (firstBlock < children.length && !isBlock(children[firstBlock], children[firstBlock - 1])) firstBlock++;
    let textEnd = firstBlock;
    while (textEnd > from && isBlankText(children[textEnd - 1])) textEnd--;
    const text = children.slice(from, textEnd);
    const blocks = blockChildren(children.slice(firstBlock));
    let out = `${pad}${this.openTag(node)}`;
    if (text.length === 0 && blocks.length > 0) {
      out += `\n${this.blocks(blocks, indent + INDENT, true)}${pad}`;
    } else {
      let inner = this.inlineChildren(text);
      if (blocks.length > 0 && node.position) {
        const blank = this.blankLineIn(endLine(text[text.length - 1]), startLine(blocks[0]) - 1);
        // kramdown's parser appends "\n" to a transparent paragraph followed by blocks: in a list item when
        // no blank line follows it, in a definition always. A table of contents, built later, has none.
        if (node.tagName === 'dd' || !blank) inner += '\n';
        if (blank) inner += '\n';
      }
      inner += this.blocks(blocks, indent + INDENT, true);
      out += inner + (inner.endsWith('\n') ? pad : '');
    }
    return `${out}</${node.tagName}>\n`;
  }

  /** footnote_content: the list's items are converted at indent 4 inside a div at 0 and an ol at 2. */
  private footnoteList(div: Element): string {
    const ol = blockChildren(div.children)[0];
    if (!ol || ol.type !== 'element') return '';
    const items = blockChildren(ol.children)
      .map((item) => (item.type === 'element' ? this.footnoteItem(item, 4) : ''))
      .join('');
    return `${this.openTag(div)}\n  ${this.openTag(ol)}\n${items}  </ol>\n</div>\n`;
  }

  private footnoteItem(item: Element, indent: number): string {
    const pad = ' '.repeat(indent);
    const children = blockChildren(item.children);
    // A definition whose text starts on the next line (`[^1]:` alone) starts with a blank line.
    const defined = item.position?.start?.line;
    const blank = defined !== undefined && children.length > 0 && startLine(children[0]) > defined ? '\n' : '';
    return `${pad}${this.openTag(item)}\n${blank}${this.blocks(children, indent + INDENT, true)}${pad}</li>\n`;
  }

  private inlineChildren(children: readonly (ElementContent | RootContent)[], inRawHtml = false): string {
    let out = '';
    for (const child of children) out += this.inline(child, inRawHtml);
    return out;
  }

  /** `inRawHtml`: inside an element parsed from the source's HTML, where one without a position is one the parser implied (`<tbody>`), which kramdown never wrote. */
  private inline(node: Nodes, inRawHtml = false): string {
    switch (node.type) {
      case 'text':
        // A block of raw HTML is kramdown's raw text: written as in the source, entities and all.
        return inRawHtml ? (this.sourceText(node) ?? escapeText(node.value)) : escapeText(node.value);
      case 'raw':
        return node.value;
      case 'comment':
        return `<!--${node.value}-->`;
      case 'element': {
        if (inRawHtml && !node.position) return this.inlineChildren(node.children, true);
        if (VOID_ELEMENTS.has(node.tagName) && node.children.length === 0) return this.openTag(node, ' /');
        if (RAW_TEXT.has(node.tagName)) return `${this.openTag(node)}${node.children.map((child) => (child.type === 'text' ? child.value : '')).join('')}</${node.tagName}>`;
        // The backlink is raw HTML in kramdown (FOOTNOTE_BACKLINK_FMT), so its arrow stays an entity.
        const inner = hasClass(node, 'reversefootnote') ? this.inlineChildren(node.children).replace(/\u21a9/g, '&#8617;') : this.inlineChildren(node.children, inRawHtml);
        return `${this.openTag(node)}${inner}</${node.tagName}>`;
      }
      case 'root':
        return this.inlineChildren(node.children, inRawHtml);
      default:
        return '';
    }
  }

  private openTag(node: Element, close = ''): string {
    return `<${node.tagName}${formatAttributes(node.properties)}${close}>`;
  }

  /** The source a parsed text came from, when the parser's positions agree with its value. */
  private sourceText(node: Text): string | undefined {
    const start = node.position?.start?.offset;
    const end = node.position?.end?.offset;
    if (start === undefined || end === undefined) return undefined;
    const text = this.source.slice(start, end);
    // escape_html(text, :text): character references stay, a bare `&`, `<` or `>` is escaped.
    return spellsText(text, node.value) ? text.replace(/&(?!(?:[A-Za-z_:][-A-Za-z0-9._:]*|#[0-9]+|#x[0-9a-fA-F]+);)|[<>]/g, escapeText) : undefined;
  }

  /** An element the HTML parser made from the source's raw HTML. */
  private isRawHtml(node: Element): boolean {
    const offset = node.position?.start?.offset;
    if (offset === undefined) return false;
    return this.rawRanges.some(([start, end]) => offset >= start && offset < end);
  }

  /** Whether a blank line lies in the 1-based lines from..to (inclusive); `>` quote markers alone count as blank. */
  private blankLineIn(fromLine: number, toLine: number): boolean {
    for (let line = Math.max(fromLine, 1); line <= toLine && line <= this.lines.length; line++) {
      if (/^[ \t>]*$/.test(this.lines[line - 1])) return true;
    }
    return false;
  }
}

const ENTITY = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;

/**
 * Whether `source` is `value` as written: the same characters, where a character reference stands
 * for one or two UTF-16 units (the Markdown given to the parser may differ from the file's, see
 * prepare-kramdown-source.ts, and then the value is the truth).
 */
function spellsText(source: string, value: string): boolean {
  let at = 0;
  let index = 0;
  while (at < source.length) {
    const entity = source[at] === '&' ? ENTITY.exec(source.slice(at, at + 40)) : null;
    if (entity) {
      at += entity[0].length;
      const code = value.codePointAt(index);
      if (code === undefined) return false;
      index += code > 0xffff ? 2 : 1;
      // A few named references decode to two characters (&NotEqualTilde; and kin): allow a combining mark.
      if (/\p{M}/u.test(value[index] ?? '') && !/\p{M}/u.test(source[at] ?? '')) index++;
    } else {
      if (source[at] !== value[index]) return false;
      at++;
      index++;
    }
  }
  return index === value.length;
}

function blockChildren(children: readonly RootContent[]): RootContent[] {
  return children.filter((child) => !isBlankText(child) && child.type !== 'doctype');
}

function isBlankText(node: RootContent | ElementContent): boolean {
  return node.type === 'text' && /^[ \t\n\r\f]*$/.test(node.value);
}

/**
 * Whether `node`, in a list item, starts the item's blocks: a block element, or raw HTML or a comment
 * that stands between blocks rather than inside the item's text (where it follows text, not the
 * whitespace the tree puts between blocks).
 */
function isBlock(node: ElementContent, previous: ElementContent | undefined): boolean {
  if (node.type === 'element') return BLOCK_TAGS.has(node.tagName);
  if (node.type === 'raw' || node.type === 'comment') {
    return previous === undefined || isBlankText(previous) || (previous.type === 'element' && BLOCK_TAGS.has(previous.tagName));
  }
  return false;
}

function isFootnoteList(node: RootContent): boolean {
  return node.type === 'element' && node.tagName === 'div' && hasClass(node, 'footnotes') && !node.position;
}

function hasClass(node: Element, name: string): boolean {
  const classes = node.properties.className;
  return Array.isArray(classes) && classes.includes(name);
}

/** The first source line of a node, or of its first descendant that knows it (0 when none does). */
function startLine(node: RootContent | ElementContent): number {
  let line = node.position?.start?.line ?? Number.MAX_SAFE_INTEGER;
  if ('children' in node && node.children.length > 0) line = Math.min(line, startLine(node.children[0]) || line);
  return line === Number.MAX_SAFE_INTEGER ? 0 : line;
}

/** The last source line of a node or of its last descendant: merged nodes may not span their content. */
function endLine(node: RootContent | ElementContent | undefined): number {
  if (!node) return Number.MAX_SAFE_INTEGER;
  let line = node.position?.end?.line ?? 0;
  if ('children' in node && node.children.length > 0) {
    const last = endLine(node.children[node.children.length - 1]);
    if (last !== Number.MAX_SAFE_INTEGER) line = Math.max(line, last);
  }
  return line === 0 ? Number.MAX_SAFE_INTEGER : line;
}

/** escape_html(text, :text): `<`, `>` and `&`; quotes stay. */
function escapeText(value: string): string {
  return value.replace(/[<>&]/g, (char) => (char === '<' ? '&lt;' : char === '>' ? '&gt;' : '&amp;'));
}

/** html_attributes: `name="value"` in the order they were set, the value escaped for an attribute. */
function formatAttributes(properties: Properties): string {
  let out = '';
  for (const [key, value] of Object.entries(properties)) {
    if (value === undefined || value === null || value === false) continue;
    const info = find(htmlSchema, key);
    // kramdown's HTML parser gives an attribute without a value the value "".
    if (value === true) {
      out += ` ${info.attribute}=""`;
      continue;
    }
    const text = Array.isArray(value) ? value.join(info.commaSeparated ? ', ' : ' ') : String(value);
    out += ` ${info.attribute}="${text.replace(/[<>&"]/g, (char) => (char === '<' ? '&lt;' : char === '>' ? '&gt;' : char === '&' ? '&amp;' : '&quot;'))}"`;
  }
  return out;
}
