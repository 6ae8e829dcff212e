/**
 * Jekyll's `Utils.slugify` and the `slugify` filter.
 *
 * Modes (Jekyll 4.3):
 * - "none": no change but lower-casing; so does any unknown mode (Jekyll quirk: "Nonsense" mode
 *   returns the whole string, lower-cased, spaces and all).
 * - "raw": runs of whitespace → "-".
 * - "default" (also nil): anything but letters, marks and decimal digits → "-".
 * - "pretty": like default but keeps `._~!$&'()+,;=@` (readable in URLs, valid in file names).
 * - "ascii": anything but A-Z a-z 0-9 → "-".
 * - "latin": first transliterates like Ruby's I18n (å → a, ß → ss, Æ → AE; anything else
 *   non-ASCII → "?"), then behaves as "default".
 * Then a leading and a trailing "-" go (one each: `gsub(/^-|-$/)`), and the result is
 * lower-cased unless `cased`.
 */

export type SlugifyMode = 'none' | 'raw' | 'default' | 'pretty' | 'ascii' | 'latin';
const MODES = new Set(['raw', 'default', 'pretty', 'ascii', 'latin']);

/**
 * I18n's default approximations cover U+00C0–U+017F. Most are the base letter (found with NFD);
 * these are the ones that are not, or that become two letters.
 */
const SPECIAL_APPROXIMATIONS: Record<string, string> = {
  Æ: 'AE', æ: 'ae', Ð: 'D', ð: 'd', '×': 'x', Ø: 'O', ø: 'o', Þ: 'Th', þ: 'th', ß: 'ss',
  Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ĳ: 'IJ', ĳ: 'ij', ĸ: 'k', Ŀ: 'L', ŀ: 'l', Ł: 'L',
  ł: 'l', ŉ: "'n", Ŋ: 'NG', ŋ: 'ng', Œ: 'OE', œ: 'oe', Ŧ: 'T', ŧ: 't',
};
const NOT_APPROXIMATED = new Set(['\u00F7', '\u017F']); // ÷ and ſ are not in I18n's table

/** Ruby `I18n.transliterate` with the default (English) rules: unknown characters become "?". */
export function transliterateLatin(input: string): string {
  let out = '';
  for (const ch of input) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) { out += ch; continue; }
    const special = SPECIAL_APPROXIMATIONS[ch];
    if (special !== undefined) { out += special; continue; }
    if (cp >= 0xc0 && cp <= 0x17f && !NOT_APPROXIMATED.has(ch)) {
      const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
      if (/^[A-Za-z]$/.test(base)) { out += base; continue; }
    }
    out += '?';
  }
  return out;
}

const REPLACEABLE: Record<Exclude<SlugifyMode, 'none' | 'latin'>, RegExp> = {
  // Ruby's \s is ASCII whitespace only.
  raw: /[ \t\r\n\f\v]+/g,
  default: /[^\p{M}\p{L}\p{Nd}]+/gu,
  pretty: /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu,
  ascii: /[^A-Za-z0-9]+/g,
};

export function slugify(input: string | null | undefined, mode?: string | null, cased = false): string | null {
  if (input === null || input === undefined) return null;
  const m = mode ?? 'default';
  if (!MODES.has(m)) return cased ? input : input.toLowerCase();
  let s = input;
  if (m === 'latin') s = transliterateLatin(s);
  const re = REPLACEABLE[m === 'latin' ? 'default' : (m as keyof typeof REPLACEABLE)];
  let slug = s.replace(re, '-');
  // Ruby's `^` and `$` always match at line boundaries, hence the `m` flag.
  slug = slug.replace(/^-|-$/gm, '');
  return cased ? slug : slug.toLowerCase();
}
