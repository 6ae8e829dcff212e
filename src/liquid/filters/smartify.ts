/**
 * `smartify`: Jekyll runs the text through kramdown's SmartyPants parser (smart quotes, dashes,
 * ellipses, guillemets, HTML entities and inline HTML), then its HTML converter with the default
 * `entity_output: as_char`. This is a standalone reimplementation of that span-level behaviour.
 *
 * TODO: src/markdown/ had no typography module when this was written; if the Markdown module
 * grows a kramdown-compatible smart-quotes pass, `smartify` should delegate to it so both stay
 * identical.
 *
 * Known gaps: named entities outside the small table below are escaped ("&amp;name;") where
 * kramdown knows all of HTML 4's; block-level HTML lines are not special-cased.
 */

const LDQUO = '\u201c';
const RDQUO = '\u201d';
const LSQUO = '\u2018';
const RSQUO = '\u2019';
const NBSP = '\u00a0';

// Ruby's \w and \s are ASCII; its \b is Unicode-aware (ä is a word character there).
const UNICODE_WORD = String.raw`[\p{L}\p{M}\p{N}_]`;
const SQ_PUNCT = String.raw`[!"#$%'()*+,\-./:;<=>?@[\\\]^_\x60{|}~]`;
const SQ_CLOSE = String.raw`[^ \\\t\r\n[{(\-]`;

type Emit = (number | string)[];
/** kramdown's SQ_RULES: tried in order at the current position; numbers are groups copied as text. */
const SQ_RULES: [RegExp, Emit][] = [
  [/(["'])(?=[_*]{1,2}[^ \t\r\n\f\v])/y, ['lquote1']],
  [new RegExp(String.raw`(["'])(?=${SQ_PUNCT}(?!\.\.)(?!${UNICODE_WORD}))`, 'uy'), ['rquote1']],
  [/([ \t\r\n\f\v]?)"'(?=[A-Za-z0-9_])/y, [1, LDQUO, LSQUO]],
  [/([ \t\r\n\f\v]?)'"(?=[A-Za-z0-9_])/y, [1, LSQUO, LDQUO]],
  [/([ \t\r\n\f\v]?)'(?=\d\ds)/y, [1, RSQUO]], // decades: '80s
  [/([ \t\r\n\f\v])(['"])(?=[A-Za-z0-9_])/y, [1, 'lquote2']],
  [new RegExp(String.raw`(${SQ_CLOSE})(['"])`, 'uy'), [1, 'rquote2']],
  [new RegExp(String.raw`(["'])(?=[ \t\r\n\f\v]|s(?!${UNICODE_WORD})|$)`, 'muy'), ['rquote1']],
  [/([^]?)'/uy, [1, LSQUO]],
  [/([^]?)"/uy, [1, LDQUO]],
];

/** Entities kramdown outputs as characters; amp, lt, gt and quot stay entities. */
const NAMED_ENTITIES: Record<string, string> = {
  nbsp: NBSP, copy: '©', reg: '®', trade: '™', hellip: '…', mdash: '—', ndash: '–',
  laquo: '«', raquo: '»', lsquo: LSQUO, rsquo: RSQUO, ldquo: LDQUO, rdquo: RDQUO, sbquo: '‚',
  bdquo: '„', euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§', para: '¶', deg: '°',
  plusmn: '±', times: '×', divide: '÷', middot: '·', bull: '•', shy: '\u00ad', iexcl: '¡',
  iquest: '¿', frac12: '½', frac14: '¼', frac34: '¾', sup1: '¹', sup2: '²', sup3: '³',
  auml: 'ä', ouml: 'ö', aring: 'å', Auml: 'Ä', Ouml: 'Ö', Aring: 'Å', eacute: 'é', Eacute: 'É',
  uuml: 'ü', Uuml: 'Ü', szlig: 'ß', aelig: 'æ', AElig: 'Æ', oslash: 'ø', Oslash: 'Ø',
  hearts: '♥', rarr: '→', larr: '←', harr: '↔', uarr: '↑', darr: '↓', minus: '−', prime: '′',
  Prime: '″', dagger: '†', Dagger: '‡', permil: '‰', thinsp: '\u2009', ensp: '\u2002', emsp: '\u2003',
  zwj: '\u200d', zwnj: '\u200c', apos: "'",
};
const KEPT_ENTITIES: Record<number, string> = { 38: '&amp;', 60: '&lt;', 62: '&gt;', 34: '&quot;' };
const KEPT_NAMES = new Set(['amp', 'lt', 'gt', 'quot']);

const ENTITY = /&(?:([A-Za-z0-9_]+)|#(\d+)|#x([0-9a-fA-F]+));/y;
// '---' '--' '...' '\<<' '\>>' '<< ' ' >>' '<<' '>>', in kramdown's order.
const TYPOGRAPHIC: [string, string][] = [
  ['---', '\u2014'], ['--', '\u2013'], ['...', '\u2026'], ['\\<<', '&lt;&lt;'], ['\\>>', '&gt;&gt;'],
  ['<< ', `\u00ab${NBSP}`], [' >>', `${NBSP}\u00bb`], ['<<', '\u00ab'], ['>>', '\u00bb'],
];
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9:_-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
const COMMENT = /<!--[^]*?-->/y;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function quoteFor(kind: string, quote: string): string {
  const double = quote === '"';
  return kind.startsWith('l') ? (double ? LDQUO : LSQUO) : (double ? RDQUO : RSQUO);
}

function smartQuoteAt(s: string, i: number): { out: string; end: number } | undefined {
  for (const [re, emit] of SQ_RULES) {
    re.lastIndex = i;
    const m = re.exec(s);
    if (!m) continue;
    let out = '';
    for (const e of emit) {
      if (typeof e === 'number') out += escapeText(m[e] ?? '');
      else if (e === 'lquote1' || e === 'rquote1') out += quoteFor(e, m[1]);
      else if (e === 'lquote2' || e === 'rquote2') out += quoteFor(e, m[2]);
      else out += e;
    }
    return { out, end: i + m[0].length };
  }
  return undefined;
}

function entityAt(s: string, i: number): { out: string; end: number } | undefined {
  ENTITY.lastIndex = i;
  const m = ENTITY.exec(s);
  if (!m) return undefined;
  const end = i + m[0].length;
  if (m[1] !== undefined) {
    if (KEPT_NAMES.has(m[1])) return { out: `&${m[1]};`, end };
    const ch = NAMED_ENTITIES[m[1]];
    // kramdown does not know the name: the "&" is plain text.
    return ch === undefined ? undefined : { out: ch, end };
  }
  const cp = m[2] !== undefined ? Number(m[2]) : parseInt(m[3] ?? '0', 16);
  if (KEPT_ENTITIES[cp]) return { out: KEPT_ENTITIES[cp], end };
  if (cp > 0x10ffff) return undefined;
  return { out: String.fromCodePoint(cp), end };
}

function htmlAt(s: string, i: number): { out: string; end: number } | undefined {
  COMMENT.lastIndex = i;
  const c = COMMENT.exec(s);
  if (c) return { out: c[0], end: i + c[0].length };
  TAG.lastIndex = i;
  const m = TAG.exec(s);
  if (!m) return undefined;
  // kramdown re-serializes tags: attributes in double quotes.
  let attrs = '';
  for (const a of m[3].matchAll(ATTRIBUTE)) {
    const value = a[2] ?? a[3] ?? a[4];
    attrs += value === undefined ? ` ${a[1]}=""` : ` ${a[1]}="${value.replace(/"/g, '&quot;')}"`;
  }
  return { out: `<${m[1]}${m[2]}${attrs}${m[4] ? ' /' : ''}>`, end: i + m[0].length };
}

export function smartify(input: string): string {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    const next = input[i + 1];
    // Smart quotes start one character early (`[^\\]?["']`) so rules can see what precedes.
    if (ch === '"' || ch === "'" || ((next === '"' || next === "'") && ch !== '\\')) {
      const r = smartQuoteAt(input, i);
      if (r) { out += r.out; i = r.end; continue; }
    }
    if (ch === '&') {
      const r = entityAt(input, i);
      if (r) { out += r.out; i = r.end; continue; }
    }
    const typo = TYPOGRAPHIC.find(([from]) => input.startsWith(from, i));
    if (typo) { out += typo[1]; i += typo[0].length; continue; }
    if (ch === '<') {
      const r = htmlAt(input, i);
      if (r) { out += r.out; i = r.end; continue; }
    }
    out += escapeText(ch);
    i += 1;
  }
  // The converter's output is chomped (one trailing newline removed).
  return out.replace(/\r?\n$/, '');
}
