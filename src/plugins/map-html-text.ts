/**
 * Rewrites the text of an HTML fragment, not its tags, attributes or comments, and not the text
 * inside the given elements: what html-pipeline's filters do to Nokogiri's text nodes (jemoji,
 * jekyll-mentions), without re-serializing the markup.
 */
const TOKEN = /<!--[\s\S]*?-->|<\/?([A-Za-z][\w:-]*)\b[^>]*>|[^<]+|</g;

export function mapHtmlText(html: string, ignoredElements: ReadonlySet<string>, map: (text: string) => string): string {
  let ignoredDepth = 0;
  let out = '';
  for (const [token, tagName] of html.matchAll(TOKEN)) {
    if (tagName !== undefined) {
      if (ignoredElements.has(tagName.toLowerCase()) && !token.endsWith('/>')) ignoredDepth = Math.max(0, ignoredDepth + (token.startsWith('</') ? -1 : 1));
      out += token;
    } else if (ignoredDepth === 0 && token !== '<' && !token.startsWith('<!--')) {
      out += map(token);
    } else {
      out += token;
    }
  }
  return out;
}
