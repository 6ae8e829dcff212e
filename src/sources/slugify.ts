/**
 * Jekyll's Utils.slugify for the modes URLs need. (The `slugify` filter has the full set of modes.)
 */
const PATTERNS: Record<string, RegExp> = {
  raw: /\s+/gu,
  default: /[^\p{M}\p{L}\p{Nd}]+/gu,
  pretty: /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu,
  ascii: /[^A-Za-z0-9]+/g,
};

export function slugifyForUrl(text: string, mode: 'raw' | 'default' | 'pretty' | 'ascii' = 'default', cased = false): string {
  const slug = text.replace(PATTERNS[mode], '-').replace(/^-|-$/g, '');
  return cased ? slug : slug.toLowerCase();
}
