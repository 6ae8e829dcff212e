/**
 * Applies kramdown's smart quotes and typographic symbols to the text of the Markdown tree. Like
 * kramdown, it leaves code, raw HTML, autolinks (`<http://…>`, whose text kramdown never parses)
 * and the content of inline HTML elements whose content model kramdown treats as raw alone.
 */
import type { Root, Nodes, Parents, Html } from 'mdast';
import type { VFile } from 'vfile';
import { alignTextToSource } from './align-text-to-source.ts';
import { applyTypography, type TypographyOptions } from './kramdown-typography.ts';

// kramdown's HTML_CONTENT_MODEL_SPAN (parser/html.rb): inline HTML whose content it parses as
// Markdown. Every other non-void element's content is raw, so it is not smartened either.
const SPAN_CONTENT = new Set(
  'a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt'.split(' '),
);
const VOID = new Set('area base br col command embed hr img input keygen link meta param source track wbr'.split(' '));
const LOOKAHEAD = 8;
const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
// Every quote rule starts at a quote; every symbol (---, --, ..., <<, >>, `<< `, ` >>`) holds one of these.
const TYPOGRAPHIC = /["']|--|\.\.\.|<<|>>/;

export function remarkKramdownTypography(options: TypographyOptions) {
  return (tree: Root, file: VFile): void => {
    const source = String(file.value);
    walk(tree, source, source.length, options);
  };
}

function walk(node: Parents, source: string, blockEnd: number, options: TypographyOptions): void {
  const end = BLOCKS.has(node.type) ? (node.position?.end.offset ?? blockEnd) : blockEnd;
  let rawUntil: string | null = null;
  for (const child of node.children as Nodes[]) {
    if (child.type === 'html') {
      rawUntil = rawUntil === null ? rawElementOpened(child) : child.value.toLowerCase().startsWith(`</${rawUntil}`) ? null : rawUntil;
      continue;
    }
    if (rawUntil !== null) continue;
    if (child.type === 'text') {
      if (!mayChange(child.value)) continue;
      const start = child.position?.start.offset;
      const stop = child.position?.end.offset;
      if (start === undefined || stop === undefined) continue;
      const { offsets, plain } = alignTextToSource(child.value, source, start, stop);
      const value = child.value;
      child.value = applyTypography(
        {
          value,
          plain,
          // The smart quote rules look at most four characters past the quote.
          lookahead: (index) => (offsets[index] >= 0 ? source.slice(offsets[index], Math.min(end, offsets[index] + LOOKAHEAD)) : value.slice(index, index + LOOKAHEAD)),
        },
        options,
      );
      continue;
    }
    if (child.type === 'link' && isAutolink(child, source)) continue;
    if ('children' in child) walk(child, source, end, options);
  }
}

/** Whether `applyTypography` can change `value`: only quotes and the symbols' sequences are replaced. */
function mayChange(value: string): boolean {
  return TYPOGRAPHIC.test(value);
}

function isAutolink(node: Nodes, source: string): boolean {
  const start = node.position?.start.offset;
  return start !== undefined && source[start] === '<';
}

function rawElementOpened(node: Html): string | null {
  const match = /^<([A-Za-z][A-Za-z0-9-]*)[^>]*?(\/?)>$/.exec(node.value.trim());
  if (!match || match[2] === '/') return null;
  const name = match[1].toLowerCase();
  return SPAN_CONTENT.has(name) || VOID.has(name) ? null : name;
}
