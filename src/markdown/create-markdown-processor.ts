/**
 * The Markdown stage: turns (already Liquid-rendered) Markdown into the HTML Jekyll 4.3.1 produces
 * with kramdown 2.4.0 and kramdown-parser-gfm 1.1.0, via a unified pipeline
 * remark-parse → kramdown plugins → remark-rehype → rehype-raw → kramdown plugins → rehype-stringify.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { rehypeRawWhenNeeded } from './rehype-raw-when-needed.ts';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import { emptySourceFacts, prepareKramdownSource } from './prepare-kramdown-source.ts';
import { remarkKramdownSyntax } from './remark-kramdown-syntax.ts';
import type { SourceRef } from './micromark-kramdown-html.ts';
import { remarkKramdownHeadings } from './remark-kramdown-headings.ts';
import { remarkKramdownBlockIals } from './remark-kramdown-block-ials.ts';
import { remarkKramdownSpanIals } from './remark-kramdown-span-ials.ts';
import { remarkKramdownTypography } from './remark-kramdown-typography.ts';
import { remarkKramdownListItems } from './remark-kramdown-list-items.ts';
import { remarkKramdownDefinitionLists } from './remark-kramdown-definition-lists.ts';
import { remarkKramdownAbbreviations } from './remark-kramdown-abbreviations.ts';
import { remarkHardWrap } from './remark-hard-wrap.ts';
import { remarkKramdownFootnotes } from './remark-kramdown-footnotes.ts';
import { codeHandler, inlineCodeHandler } from './kramdown-code-handlers.ts';
import { blockMathHandler, inlineMathHandler, remarkKramdownMath } from './remark-kramdown-math.ts';
import { rehypeKramdownTables } from './rehype-kramdown-tables.ts';
import { rehypeKramdownHtmlAttributes } from './rehype-kramdown-html-attributes.ts';
import { rehypeKramdownListItems } from './rehype-kramdown-list-items.ts';
import { rehypeKramdownHeaderIds } from './rehype-kramdown-header-ids.ts';
import { rehypeKramdownToc } from './rehype-kramdown-toc.ts';
import type { TypographicSymbolName, TypographyOptions } from './kramdown-typography.ts';

/** The kramdown options we honour, named as in the `kramdown:` hash of Jekyll's _config.yml. */
export interface MarkdownOptions {
  /** Give headers an automatic id. */
  auto_ids: boolean;
  /** Prefix for automatic header ids. */
  auto_id_prefix: string;
  /** Header levels listed in the table of contents. */
  toc_levels: readonly number[];
  /** Entity names (or decimal code points) for ‘ ’ “ ”, comma separated. */
  smart_quotes: string;
  /** Replacement text for typographic symbols, e.g. `{ hellip: '...' }`. */
  typographic_symbols: Partial<Record<TypographicSymbolName, string>>;
  /** The kramdown parser. Only 'GFM' (Jekyll's default) is implemented. */
  input: string;
  /** Turn every line break inside a paragraph into `<br />`. */
  hard_wrap: boolean;
}

/** Jekyll 4.3.1's kramdown defaults (lib/jekyll/configuration.rb), the one place they are set. */
export const DEFAULT_MARKDOWN_OPTIONS: Readonly<MarkdownOptions> = Object.freeze({
  auto_ids: true,
  auto_id_prefix: '',
  toc_levels: Object.freeze([1, 2, 3, 4, 5, 6]),
  smart_quotes: 'lsquo,rsquo,ldquo,rdquo',
  typographic_symbols: Object.freeze({}),
  input: 'GFM',
  hard_wrap: false,
});

export interface MarkdownProcessor {
  /** Converts Markdown to HTML. Synchronous and pure: the same input always gives the same output. */
  render(markdown: string): string;
}

export function createMarkdownProcessor(options: Partial<MarkdownOptions> = {}): MarkdownProcessor {
  const settings: MarkdownOptions = { ...DEFAULT_MARKDOWN_OPTIONS, ...options };
  const typography: TypographyOptions = { quotes: parseSmartQuotes(settings.smart_quotes), symbols: settings.typographic_symbols };
  // The text being parsed, for the block HTML construct's lookahead; set by render() before each parse.
  const source: SourceRef = { text: '' };
  // Definition markers and abbreviations prepareKramdownSource found in it.
  const facts = emptySourceFacts();
  const processor = unified()
    .use(remarkParse)
    .use(remarkKramdownSyntax, { source })
    .use(remarkKramdownMath)
    .use(remarkKramdownHeadings)
    .use(remarkKramdownBlockIals)
    .use(remarkKramdownSpanIals)
    .use(remarkKramdownTypography, typography)
    .use(remarkKramdownDefinitionLists, { facts })
    .use(remarkKramdownAbbreviations, { facts })
    .use(remarkKramdownListItems)
    .use(remarkHardWrap, { enabled: settings.hard_wrap })
    .use(remarkKramdownFootnotes)
    .use(remarkRehype, { allowDangerousHtml: true, handlers: { code: codeHandler, inlineCode: inlineCodeHandler, inlineMath: inlineMathHandler, kramdownBlockMath: blockMathHandler } })
    .use(rehypeRawWhenNeeded)
    .use(rehypeKramdownHtmlAttributes)
    .use(rehypeKramdownTables)
    .use(rehypeKramdownListItems)
    .use(rehypeKramdownHeaderIds, { autoIds: settings.auto_ids, prefix: settings.auto_id_prefix })
    .use(rehypeKramdownToc, { levels: settings.toc_levels })
    .use(rehypeStringify)
    .freeze();
  return {
    render(markdown: string): string {
      // Each call gets its own VFile: plugins keep per-document state (id counters) in their
      // transformer run only, so renders never share mutable state.
      source.text = prepareKramdownSource(markdown.includes('\r') ? markdown.replace(/\r\n?/g, '\n') : markdown, facts);
      try {
        return String(processor.processSync(new VFile(source.text)));
      } finally {
        source.text = '';
        facts.definitionLines.clear();
        facts.abbreviations.clear();
      }
    },
  };
}

const QUOTE_ENTITIES: Readonly<Record<string, string>> = {
  lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c', rdquo: '\u201d', sbquo: '\u201a', bdquo: '\u201e',
  laquo: '\u00ab', raquo: '\u00bb', lsaquo: '\u2039', rsaquo: '\u203a', apos: "'", quot: '"',
};

/** kramdown's smart_quotes option: four entity names or code points. */
function parseSmartQuotes(value: string): TypographyOptions['quotes'] {
  const parts = value.split(',').map((part) => {
    const name = part.trim();
    return /^\d+$/.test(name) ? String.fromCodePoint(Number(name)) : (QUOTE_ENTITIES[name] ?? name);
  });
  if (parts.length !== 4) return parseSmartQuotes(DEFAULT_MARKDOWN_OPTIONS.smart_quotes);
  return [parts[0], parts[1], parts[2], parts[3]];
}

/** Reads the `kramdown:` hash of _config.yml (snake_case keys as Jekyll has them), ignoring unknown keys. */
export function markdownOptionsFromConfig(kramdown: unknown): Partial<MarkdownOptions> {
  if (typeof kramdown !== 'object' || kramdown === null) return {};
  const config = kramdown as Record<string, unknown>;
  const options: Partial<MarkdownOptions> = {};
  if (typeof config.auto_ids === 'boolean') options.auto_ids = config.auto_ids;
  if (typeof config.auto_id_prefix === 'string') options.auto_id_prefix = config.auto_id_prefix;
  const levels = tocLevels(config.toc_levels);
  if (levels) options.toc_levels = levels;
  if (typeof config.smart_quotes === 'string') options.smart_quotes = config.smart_quotes;
  else if (Array.isArray(config.smart_quotes)) options.smart_quotes = config.smart_quotes.map(String).join(',');
  if (typeof config.typographic_symbols === 'object' && config.typographic_symbols !== null) {
    const symbols: Partial<Record<TypographicSymbolName, string>> = {};
    for (const [key, value] of Object.entries(config.typographic_symbols)) {
      if (SYMBOL_NAMES.includes(key as TypographicSymbolName) && typeof value === 'string') symbols[key as TypographicSymbolName] = value;
    }
    options.typographic_symbols = symbols;
  }
  if (typeof config.input === 'string') options.input = config.input;
  if (typeof config.hard_wrap === 'boolean') options.hard_wrap = config.hard_wrap;
  return options;
}

const SYMBOL_NAMES: readonly TypographicSymbolName[] = ['mdash', 'ndash', 'hellip', 'laquo', 'raquo', 'laquo_space', 'raquo_space'];

/** kramdown accepts a list of levels or a range string such as "2..3". */
function tocLevels(value: unknown): number[] | null {
  if (Array.isArray(value)) return value.map(Number).filter((level) => Number.isInteger(level));
  if (typeof value === 'number') return [value];
  if (typeof value === 'string') {
    const range = /^\s*(\d)\s*\.\.\s*(\d)\s*$/.exec(value);
    if (range) {
      const levels: number[] = [];
      for (let level = Number(range[1]); level <= Number(range[2]); level++) levels.push(level);
      return levels;
    }
    return value.split(/[\s,]+/).filter(Boolean).map(Number).filter((level) => Number.isInteger(level));
  }
  return null;
}
