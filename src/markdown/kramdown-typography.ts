/**
 * kramdown's typographic symbols and smart quotes, applied to one run of text.
 *
 * Kramdown does this while it scans span-level source, so each decision depends on
 *  - the character before the quote, but only when that character is still unconsumed plain text
 *    (the scanner's `[^\\]?["']` start pattern includes it; after `*`, `` ` ``, an escape, an entity or
 *    another replacement the quote is matched alone), and
 *  - the raw source after the quote (markup such as `*`, `[` or `_` included).
 * The rules and their order are SQ_RULES of kramdown 2.4.0 parser/kramdown/smart_quotes.rb and
 * TYPOGRAPHIC_SYMS of parser/kramdown/typographic_symbol.rb.
 */

export type SmartQuoteName = 'lsquo' | 'rsquo' | 'ldquo' | 'rdquo';
export type TypographicSymbolName = 'mdash' | 'ndash' | 'hellip' | 'laquo' | 'raquo' | 'laquo_space' | 'raquo_space';

export interface TypographyOptions {
  /** The four characters for ‘ ’ “ ”, in that order (kramdown's `smart_quotes`). */
  quotes: readonly [string, string, string, string];
  /** Replacements for symbols (kramdown's `typographic_symbols`); missing ones use the defaults. */
  symbols: Partial<Record<TypographicSymbolName, string>>;
}

export interface TextRun {
  value: string;
  /** Per character of `value`: true when it is plain source text (not from an escape or entity). */
  plain: readonly boolean[];
  /** The raw source from character `index` of `value` on, to the end of its block (rules look at most a few characters ahead). */
  lookahead(index: number): string;
}

const NBSP = '\u00a0';
const DEFAULT_SYMBOLS: Record<TypographicSymbolName, string> = {
  mdash: '\u2014',
  ndash: '\u2013',
  hellip: '\u2026',
  laquo: '\u00ab',
  raquo: '\u00bb',
  laquo_space: `\u00ab${NBSP}`,
  raquo_space: `${NBSP}\u00bb`,
};

// Kramdown's TYPOGRAPHIC_SYMS, longest first where they share a prefix.
const SYMBOLS: ReadonlyArray<readonly [string, TypographicSymbolName]> = [
  ['---', 'mdash'],
  ['--', 'ndash'],
  ['...', 'hellip'],
  ['<< ', 'laquo_space'],
  [' >>', 'raquo_space'],
  ['<<', 'laquo'],
  ['>>', 'raquo'],
];
const SYMBOL_START = new Set(SYMBOLS.map(([text]) => text[0]));

// `lquote1`/`rquote2`…: an opening/closing quote of the kind captured by group 1/2 (kramdown's
// SQ_SUBSTS); the number 1 re-emits group 1 (the previous character) as text.
type QuoteToken = 'lquote1' | 'lquote2' | 'rquote1' | 'rquote2' | SmartQuoteName;
type Rule = readonly [RegExp, ReadonlyArray<1 | QuoteToken>];

// Ruby's `\s` and `\w` are ASCII-only, like JavaScript's without the `u` flag; `$` is end of line.
// Sticky (`y`), so each rule only matches at the scanner position, like Ruby's StringScanner#scan.
const PUNCT = String.raw`[!"#$%'()*+,\-./:;<=>?@[\\\]^_\`{|}~]`;
const CLOSE = String.raw`[^ \\\t\r\n[{(-]`;
const RULES: readonly Rule[] = [
  [/("|')(?=[_*]{1,2}\S)/my, ['lquote1']],
  [new RegExp(String.raw`("|')(?=${PUNCT}(?!\.\.)\B)`, 'my'), ['rquote1']],
  [/(\s?)"'(?=\w)/my, [1, 'ldquo', 'lsquo']],
  [/(\s?)'"(?=\w)/my, [1, 'lsquo', 'ldquo']],
  [/(\s?)'(?=\d\ds)/my, [1, 'rsquo']],
  [/(\s)('|")(?=\w)/my, [1, 'lquote2']],
  [new RegExp(String.raw`(${CLOSE})('|")`, 'my'), [1, 'rquote2']],
  [/("|')(?=\s|s\b|$)/my, ['rquote1']],
  [/([\s\S]?)'/my, [1, 'lsquo']],
  [/([\s\S]?)"/my, [1, 'ldquo']],
];

// Characters that start another kramdown span parser, so they are consumed before a following
// quote is looked at and never serve as its "previous character".
const SPAN_START = new Set(['*', '_', '`', '[', '\\']);

/** Returns `run.value` with kramdown's typographic replacements applied. */
export function applyTypography(run: TextRun, options: TypographyOptions): string {
  const { value, plain } = run;
  if (!/["'.<>-]/.test(value)) return value;
  let out = '';
  // Whether value[index - 1] is plain text the scanner has not consumed yet.
  let previousAvailable = false;
  let index = 0;
  while (index < value.length) {
    if (!plain[index] || !mayStartRule(value[index])) {
      // Copied as it is, up to the next plain character a rule may start at.
      const start = index;
      do index++;
      while (index < value.length && (!plain[index] || !mayStartRule(value[index])));
      out += value.slice(start, index);
      previousAvailable = plain[index - 1] === true;
      continue;
    }
    const char = value[index];
    const symbol = matchSymbol(value, plain, index);
    if (symbol) {
      out += options.symbols[symbol[1]] ?? DEFAULT_SYMBOLS[symbol[1]];
      index += symbol[0].length;
      previousAvailable = false;
      continue;
    }
    if (char === '"' || char === "'") {
      const previous = previousAvailable && !SPAN_START.has(value[index - 1]) ? value[index - 1] : '';
      const subject = previous + run.lookahead(index);
      const match = firstMatch(subject);
      if (match) {
        // The previous character was already copied to `out`; the rule re-emits it as group 1.
        if (previous) out = out.slice(0, -previous.length);
        for (const token of match.tokens) out += token === 1 ? match.groups[1] : quoteCharacter(token, match.groups, options);
        index += match.groups[0].length - previous.length;
        previousAvailable = false;
        continue;
      }
    }
    out += char;
    index++;
    previousAvailable = true;
  }
  return out;
}

function mayStartRule(char: string): boolean {
  return char === '"' || char === "'" || SYMBOL_START.has(char);
}

function matchSymbol(value: string, plain: readonly boolean[], index: number): readonly [string, TypographicSymbolName] | undefined {
  for (const entry of SYMBOLS) {
    const text = entry[0];
    if (!value.startsWith(text, index)) continue;
    let allPlain = true;
    for (let offset = 0; offset < text.length; offset++) allPlain &&= plain[index + offset];
    if (allPlain) return entry;
  }
  return undefined;
}

function firstMatch(subject: string): { groups: RegExpExecArray; tokens: Rule[1] } | undefined {
  for (const [pattern, tokens] of RULES) {
    pattern.lastIndex = 0;
    const groups = pattern.exec(subject);
    if (groups) return { groups, tokens };
  }
  return undefined;
}

function quoteCharacter(token: QuoteToken, groups: RegExpExecArray, options: TypographyOptions): string {
  const [lsquo, rsquo, ldquo, rdquo] = options.quotes;
  switch (token) {
    case 'lquote1':
    case 'lquote2':
      return groups[token === 'lquote1' ? 1 : 2] === '"' ? ldquo : lsquo;
    case 'rquote1':
    case 'rquote2':
      return groups[token === 'rquote1' ? 1 : 2] === '"' ? rdquo : rsquo;
    case 'lsquo':
      return lsquo;
    case 'rsquo':
      return rsquo;
    case 'ldquo':
      return ldquo;
    case 'rdquo':
      return rdquo;
  }
}
