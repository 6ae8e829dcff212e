/**
 * html-pipeline's EmojiFilter as jemoji configures it: `:name:` in text becomes GitHub's emoji
 * image, except inside `pre`, `code` and `tt`. Tags, attributes and comments are left as they are
 * (the gem also re-serializes the markup through Nokogiri, which changes nothing a browser shows).
 */

/** The elements whose text keeps its `:name:`s (EmojiFilter::DEFAULT_IGNORED_ANCESTOR_TAGS), and raw-text ones. */
const IGNORED = new Set(['pre', 'code', 'tt', 'script', 'style', 'textarea']);
const TOKEN = /<!--[\s\S]*?-->|<\/?([A-Za-z][\w:-]*)\b[^>]*>|[^<]+|</g;

export interface EmojiImages {
  /** Matches `:name:` for every known name (EmojiFilter.emoji_pattern). */
  pattern: RegExp;
  /** The `<img>` for a name. */
  imageTag(name: string): string;
}

export function emojifyHtml(html: string, images: EmojiImages): string {
  let ignoredDepth = 0;
  let out = '';
  for (const match of html.matchAll(TOKEN)) {
    const [token, tagName] = match;
    if (tagName !== undefined) {
      const name = tagName.toLowerCase();
      if (IGNORED.has(name) && !token.endsWith('/>')) ignoredDepth = Math.max(0, ignoredDepth + (token.startsWith('</') ? -1 : 1));
      out += token;
    } else if (ignoredDepth === 0 && !token.startsWith('<') && token.includes(':')) {
      out += token.replace(images.pattern, (_whole, name: string) => images.imageTag(name));
    } else {
      out += token;
    }
  }
  return out;
}
